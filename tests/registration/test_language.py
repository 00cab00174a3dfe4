"""The participant's language: the one they registered in, changeable on their private page,
and the language of every message and document for them."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import formats, translation
from pypdf import PdfReader

from safecities.registration import services
from safecities.registration.certificates import certificates_pdf
from safecities.registration.emails import render_notice
from safecities.registration.errors import UnknownLanguage
from safecities.registration.models import CheckIn, Registration
from tests.factories import EventFactory, RegistrationFactory, person

pytestmark = pytest.mark.django_db


def form(n: int) -> dict[str, object]:
    return {**person(n), "consent": "on"}


@pytest.mark.parametrize("accept", ["fr", "pt-BR", "zu-ZA", "en-GB"])
def test_the_registration_keeps_the_language_it_was_made_in(client, accept):
    event = EventFactory()

    client.post(f"/events/{event.slug}/register/", form(1), HTTP_ACCEPT_LANGUAGE=accept)

    assert Registration.objects.get().language == accept[:2]


def test_the_private_page_changes_the_language_of_messages_and_documents(client):
    registration = RegistrationFactory(language="en")

    page = client.get(registration.get_absolute_url()).content.decode()
    response = client.post(f"/registrations/{registration.token}/language/", {"language": "zu"})
    registration.refresh_from_db()

    assert 'action="/registrations/' + registration.token + '/language/#language"' in page
    assert response["Location"] == registration.get_absolute_url() + "?language=1"
    assert registration.language == "zu"


def test_a_language_the_site_does_not_offer_is_refused_with_400(client):
    registration = RegistrationFactory(language="fr")

    response = client.post(f"/registrations/{registration.token}/language/", {"language": "de"})
    registration.refresh_from_db()

    assert response.status_code == 400
    assert registration.language == "fr"
    with pytest.raises(UnknownLanguage):
        services.change_language(registration=registration, language="xx")


def test_an_unknown_stored_language_writes_in_the_events_default():
    registration = RegistrationFactory.build(language="de", event=EventFactory.build(
        default_language="pt"))

    assert registration.written_language == "pt"


def test_status_emails_are_written_in_the_participants_language():
    registration = services.register(event=EventFactory(), language="zu",
                                     **person(1)).registration

    message = render_notice(registration)

    assert dict(message.headers)["Content-Language"] == "zu"
    assert '<html lang="zu">' in message.html


def pdf_language(content: bytes) -> str:
    return PdfReader(io.BytesIO(content)).trailer["/Root"].get("/Lang", "")


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_letter_is_written_in_the_participants_language_whatever_the_page_language(client):
    registration = RegistrationFactory(language="pt")

    response = client.get(f"/registrations/{registration.token}/invitation.pdf",
                          HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert pdf_language(response.content) == "pt"


def test_certificates_are_each_in_their_participants_language():
    today = date(2014, 12, 5)  # the last day of the event, whenever they are printed
    event = EventFactory(starts_on=date(2014, 12, 3), ends_on=date(2014, 12, 5))
    registrations = [RegistrationFactory(event=event, language=language, name=f"P {language}")
                     for language in ("fr", "pt")]
    for registration in registrations:
        CheckIn.objects.create(registration=registration)

    with translation.override("en"):
        content = certificates_pdf(event, registrations)

    pages = [" ".join(page.extract_text().split())
             for page in PdfReader(io.BytesIO(content)).pages]
    issued = {}
    for language in ("fr", "pt", "en"):
        with translation.override(language):
            issued[language] = formats.date_format(today, "j F Y")
    assert len(pages) == 2
    # The month of the date of issue is named by Django's French and Portuguese catalogues.
    assert (issued["fr"] in pages[0], issued["pt"] in pages[1]) == (True, True)
    assert issued["en"] not in pages[0] + pages[1]
