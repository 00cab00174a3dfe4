"""Found and shared: robots.txt and the sitemap of every public page."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser

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


class HeadTags(HTMLParser):
    """The <meta property|name>, <link rel> and JSON-LD of a page."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.json_ld: list[dict] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and ("property" in attributes or "name" in attributes):
            self.meta[attributes.get("property") or attributes["name"]] = attributes["content"]
        elif tag == "link":
            self.links[attributes["rel"]] = attributes["href"]
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))
            self._in_json_ld = False


def head_tags(html: str) -> HeadTags:
    parser = HeadTags()
    parser.feed(html)
    return parser


def test_the_event_page_carries_schema_org_event_data_and_sharing_tags(client):
    EventFactory(slug="durban-2014", title="Urban Safety Exchange <2014>",
                 tagline="Positioning the City as a Centre of Learning", capacity=300,
                 starts_on=date(2030, 12, 3), ends_on=date(2030, 12, 5))

    tags = head_tags(client.get("/events/durban-2014/").content.decode())
    data = tags.json_ld[0]

    assert tags.links["canonical"] == "http://testserver/events/durban-2014/"
    assert tags.meta["og:title"] == "Urban Safety Exchange <2014>"
    assert tags.meta["og:description"] == "Positioning the City as a Centre of Learning"
    assert tags.meta["og:image"].startswith("http://testserver/static/img/share.")
    assert tags.meta["twitter:card"] == "summary_large_image"
    assert (data["@type"], data["name"]) == ("Event", "Urban Safety Exchange <2014>")
    assert (data["startDate"], data["endDate"]) == ("2030-12-03T00:00:00+02:00",
                                                    "2030-12-05T23:59:00+02:00")
    assert data["location"]["address"] == {
        "@type": "PostalAddress", "streetAddress": "45 Bram Fischer Road",
        "addressLocality": "Durban", "addressCountry": "South Africa"}
    assert data["offers"]["price"] == "0"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["organizer"]["name"] == "eThekwini Municipality"


def test_a_full_event_is_sold_out_for_search_engines(client):
    event = EventFactory(slug="full", capacity=0)

    data = head_tags(client.get(event.get_absolute_url()).content.decode()).json_ld[0]

    assert data["offers"]["availability"] == "https://schema.org/SoldOut"


def test_every_page_has_icons_and_a_canonical_address(client):
    tags = head_tags(client.get("/practices/?q=light").content.decode())

    assert tags.links["canonical"] == "http://testserver/practices/"
    assert tags.links["icon"].startswith("/static/img/favicon-32.")
    assert tags.links["apple-touch-icon"].startswith("/static/img/apple-touch-icon.")
