"""Announcements in several languages: each recipient gets theirs, or the event's default."""

from __future__ import annotations

import pytest

from safecities.backoffice import services
from safecities.backoffice.models import Announcement
from safecities.mailing.delivery import deliver
from safecities.registration import services as registration_services
from safecities.registration.models import Registration
from tests.factories import person

pytestmark = pytest.mark.django_db


def register(event, n: int, language: str) -> Registration:
    return registration_services.register(event=event, language=language,
                                          **person(n)).registration


def url(event, path: str = "") -> str:
    return f"/backoffice/events/{event.slug}/{path}"


def test_each_recipient_gets_the_announcement_in_their_language_or_the_default(
        organiser_client, event, smtp_server):
    register(event, 1, "fr")
    register(event, 2, "zu")
    register(event, 3, "en")
    deliver()
    smtp_server.messages.clear()

    organiser_client.post(url(event, "announcements/"), {
        "segment": "confirmed", "send": "1",
        "subject": "Programme online", "body": "Dear {name}, the programme is online.",
        "subject_fr": "Programme en ligne",
        "body_fr": "Chère, cher {name}, le programme est en ligne.",
        "subject_pt": "", "body_pt": "", "subject_zu": "", "body_zu": "",
    })
    deliver()

    french = smtp_server.to("participant1@example.org")[0]
    zulu = smtp_server.to("participant2@example.org")[0]
    english = smtp_server.to("participant3@example.org")[0]
    assert (french["Subject"], french["Content-Language"]) == ("Programme en ligne", "fr")
    assert "Chère, cher Participant 1, le programme est en ligne." in french.get_body(
        ("plain",)).get_content()
    # No isiZulu text was written: the event's default (English) text, in a zu frame.
    assert (zulu["Subject"], zulu["Content-Language"]) == ("Programme online", "zu")
    assert (english["Subject"], english["Content-Language"]) == ("Programme online", "en")
    assert Announcement.objects.get().translations == {
        "fr": {"subject": "Programme en ligne",
               "body": "Chère, cher {name}, le programme est en ligne."}}


def test_a_translation_needs_both_subject_and_message(organiser_client, event):
    register(event, 1, "fr")

    response = organiser_client.post(url(event, "announcements/"), {
        "segment": "confirmed", "send": "1", "subject": "Programme online", "body": "Hello",
        "subject_fr": "Programme en ligne", "body_fr": ""})

    assert response.status_code == 400
    assert "Write the message too, or leave the subject in this language empty." in (
        response.content.decode())
    assert Announcement.objects.count() == 0


def test_the_form_asks_for_the_default_text_in_the_events_language(organiser_client, event):
    event.default_language = "pt"
    event.save()

    page = organiser_client.get(url(event, "announcements/")).content.decode()

    assert "Subject in Portuguese" in page
    assert "Subject in English" in page  # among the other languages
    assert 'name="subject_pt"' not in page


def test_the_text_in_a_language_falls_back_to_the_default():
    announcement = Announcement(subject="Hello", body="Body",
                                translations={"fr": {"subject": "Bonjour", "body": "Corps"},
                                              "pt": {"subject": "Olá", "body": ""}})

    assert announcement.text_in("fr") == ("Bonjour", "Corps")
    assert announcement.text_in("pt") == ("Hello", "Body")
    assert announcement.text_in("zu") == ("Hello", "Body")


def test_the_service_keeps_only_complete_translations_in_other_languages(event, organiser):
    register(event, 1, "fr")

    announcement = services.announce(
        event=event, subject="Hello", body="Body", segment="confirmed",
        recipients=Registration.objects.filter(event=event), sent_by=organiser,
        translations={"fr": ("Bonjour ", " Corps"), "pt": ("Olá", ""), "en": ("Hi", "B")})

    assert announcement.translations == {"fr": {"subject": "Bonjour", "body": "Corps"}}
