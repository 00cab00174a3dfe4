"""Organisers' texts in several languages: each page shows the visitor's language where the
organisers wrote it, else the event's default language, and says so."""

from __future__ import annotations

import re

import icalendar
import pytest
from django.utils import translation

from safecities.languages.content import LocalisedText
from safecities.registration import services
from safecities.registration.emails import render_notice
from tests.events.test_admin import event_form
from tests.factories import EventFactory, ProgrammeFactory, SessionFactory, person

pytestmark = pytest.mark.django_db

FRENCH = {"fr": {"title": "Échange d'apprentissage", "tagline": "La ville qui apprend"}}


def heading(html: str) -> str:
    return re.search(r"<h1[^>]*>.*?</h1>", html, re.S).group(0)


def test_the_event_page_shows_the_visitors_language_and_marks_what_falls_back(client):
    event = EventFactory(title="Learning Exchange", description="About the days.",
                         translations=FRENCH)

    html = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert heading(html) == "<h1>Échange d&#x27;apprentissage</h1>"
    assert '<p class="tagline">La ville qui apprend</p>' in html
    assert '<div lang="en"><p>About the days.</p></div>' in html  # not written in French
    assert '<p class="notice" role="note">' in html  # "some of it is shown in English"


def test_a_page_written_in_the_visitors_language_says_nothing_more(client):
    event = EventFactory(title="Learning Exchange", tagline="", description="", cost_note="",
                         translations={"pt": {"title": "Intercâmbio"}})

    html = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="pt").content.decode()

    assert heading(html) == "<h1>Intercâmbio</h1>"
    assert 'role="note"' not in html


def test_the_default_language_is_the_events_own(client):
    event = EventFactory(title="Intercâmbio de aprendizagem", default_language="pt",
                         translations={"en": {"title": "Learning exchange"}})

    english = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    zulu = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zu").content.decode()

    assert heading(english) == "<h1>Learning exchange</h1>"
    assert heading(zulu) == '<h1 lang="pt">Intercâmbio de aprendizagem</h1>'


def test_the_home_page_lists_events_in_the_visitors_language(client):
    EventFactory(title="Learning Exchange", translations=FRENCH)

    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Échange d&#x27;apprentissage</a></h3>" in html


def test_a_session_shows_its_title_and_abstract_in_the_visitors_language(client):
    event = EventFactory()
    ProgrammeFactory(event=event)
    session = SessionFactory(event=event, title="Street lighting", abstract="What worked.",
                             translations={"zu": {"title": "Ukukhanyisa imigwaqo"}})

    html = client.get(session.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zu").content.decode()

    assert heading(html) == "<h1>Ukukhanyisa imigwaqo</h1>"
    assert '<div class="prose" lang="en"><p>What worked.</p>' in html
    assert 'role="note"' in html


def test_the_admin_keeps_the_texts_given_per_language(admin_client):
    event = EventFactory(title="Learning Exchange")

    response = admin_client.post(f"/admin/events/event/{event.pk}/change/", event_form(
        event, title__fr="Échange", tagline__fr="", description__pt="Sobre o intercâmbio",
        title__zu="  "))
    event.refresh_from_db()

    assert response.status_code == 302
    assert event.translations == {"fr": {"title": "Échange"},
                                  "pt": {"description": "Sobre o intercâmbio"}}
    page = admin_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert 'name="title__fr" value="Échange"' in page


def test_messages_and_calendar_files_carry_the_title_in_the_participants_language():
    event = EventFactory(title="Learning Exchange", translations=FRENCH)
    registration = services.register(event=event, language="fr", **person(1)).registration

    message = render_notice(registration)
    calendar = icalendar.Calendar.from_ical(message.attachments[0].content)

    assert "Échange d'apprentissage" in message.subject
    assert str(calendar.walk("VEVENT")[0]["summary"]) == "Échange d'apprentissage"


def test_a_localised_text_knows_its_language():
    with translation.override("fr"):
        title = EventFactory.build(title="Exchange", translations=FRENCH).local.title

    assert (title, title.language, title.is_fallback) == (
        "Échange d'apprentissage", "fr", False)
    assert isinstance(title, LocalisedText)
