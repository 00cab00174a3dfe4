"""PDFs are real PDFs: their text is read back with pypdf."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from safecities.events.demo import load_demo
from safecities.registration import services
from tests.factories import person

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def unbroken(text: str) -> str:
    """Without white space: a line may break inside an address or after a hyphen."""
    return "".join(text.split())


def test_personal_letter_names_the_participant_event_dates_venue_and_reference(client):
    event = load_demo()
    registration = services.register(event=event, **person(
        1, name="Amina Phiri", organisation="Lusaka City Council", position="Director",
        city="Lusaka", country="Zambia")).registration
    response = client.get(f"/registrations/{registration.token}/invitation.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"].startswith("private, no-store")
    text = pdf_text(response.content)
    for fact in ["Amina Phiri", "Lusaka City Council", "Director", "Letter of invitation",
                 "Urban Safety and Crime Prevention Learning Exchange", "3–5 December 2014",
                 "Durban International Convention Centre", registration.reference,
                 "learning-exchange@example.org"]:
        assert unbroken(fact) in unbroken(text), fact


def test_formal_invitation_has_the_announced_facts(client):
    event = load_demo()
    response = client.get(f"/events/{event.slug}/invitation.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for fact in ["Invitation", "eThekwini Municipality", "3–5 December 2014",
                 "45 Bram Fischer Road", "first come, first served",
                 "Participation is free.", "http://testserver/events/durban-2014/"]:
        assert unbroken(fact) in unbroken(text), fact


def test_a_hostile_name_is_printed_as_text_in_the_letter(client):
    event = load_demo()
    registration = services.register(event=event, **person(
        1, name='<img src="http://evil.example/x"> Amina')).registration
    response = client.get(f"/registrations/{registration.token}/invitation.pdf")
    assert '<img src="http://evil.example/x"> Amina' in pdf_text(response.content)
