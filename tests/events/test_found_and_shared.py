"""Found and shared: robots.txt and the sitemap of every public page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.factories import (
    CityFactory,
    EventFactory,
    ProgrammeFactory,
    PublishedPracticeFactory,
    SessionFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_private_pages_out_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /registrations/" in lines
    assert "Disallow: /backoffice/" in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"


def test_the_sitemap_lists_events_programme_sessions_speakers_practices_and_cities(client):
    event = EventFactory(slug="durban-2014")
    EventFactory(slug="draft", is_published=False)
    ProgrammeFactory(event=event)
    session = SessionFactory(event=event)
    speaker = SpeakerFactory(event=event)
    practice = PublishedPracticeFactory(slug="night-markets")
    CityFactory(slug="durban", name="Durban")

    response = client.get("/sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    locations = [loc.text for loc in root.findall(".//s:loc", namespace)]

    assert sorted(locations) == sorted(f"http://testserver{path}" for path in [
        "/events/durban-2014/", "/events/durban-2014/programme/",
        session.get_absolute_url(), speaker.get_absolute_url(),
        practice.get_absolute_url(), "/cities/durban/"])
