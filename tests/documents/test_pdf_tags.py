"""Every kind of PDF is tagged for screen readers (PDF/UA-1: structure tree, marked content,
language, title), embeds its fonts, and prints every character of the four languages."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from safecities.backoffice.badges import badges_pdf
from safecities.registration import services
from safecities.registration.certificates import certificates_pdf
from safecities.registration.models import CheckIn
from tests.factories import EventFactory, ProgrammeFactory, SessionFactory, person

pytestmark = pytest.mark.django_db

# French, Portuguese and isiZulu beside English: ligatures, cedillas, tildes, guillemets.
TITLE = "Échange « Œuvre » · Intercâmbio de aprendizagem · Umhlangano wokufundisana"
NAME = "François Gonçalves-Ndlovu"


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def check_document(content: bytes, language: str) -> str:
    """Assert the tags and fonts; return the text."""
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    fonts = embedded_fonts(reader)

    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == language
    assert reader.metadata.title
    assert fonts and all(fonts.values()), fonts
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def event(db):
    return EventFactory(title="Learning Exchange", translations={
        "fr": {"title": TITLE}, "pt": {"title": TITLE}, "zu": {"title": TITLE}})


@pytest.mark.parametrize("language", ["en", "fr", "pt", "zu"])
def test_the_invitation_and_the_letter_are_tagged_and_print_every_character(
        client, event, language):
    registration = services.register(event=event, language=language,
                                     **person(1, name=NAME)).registration

    invitation = client.get(f"/events/{event.slug}/invitation.pdf",
                            HTTP_ACCEPT_LANGUAGE=language)
    letter = client.get(f"/registrations/{registration.token}/invitation.pdf")

    check_document(invitation.content, language)
    text = check_document(letter.content, language)
    assert NAME in text
    if language != "en":
        assert "".join(TITLE.split()) in "".join(text.split())


def test_certificates_and_badges_are_tagged(event):
    registration = services.register(event=event, **person(1, name=NAME)).registration
    CheckIn.objects.create(registration=registration)
    event.starts_on = timezone.localdate() - timedelta(days=5)
    event.ends_on = timezone.localdate() - timedelta(days=3)
    event.save()

    with translation.override("pt"):
        certificate = certificates_pdf(event, [registration])
        badges = badges_pdf(event, [registration], layout="sheets")

    assert NAME in check_document(certificate, "pt")
    assert "".join(NAME.split()) in "".join(check_document(badges, "pt").split())


def test_the_programme_booklet_is_tagged(client, event):
    ProgrammeFactory(event=event)
    SessionFactory(event=event, title="Safety audits")

    booklet = client.get(f"/events/{event.slug}/programme.pdf", HTTP_ACCEPT_LANGUAGE="zu")

    assert booklet.status_code == 200
    assert "Safety audits" in check_document(booklet.content, "zu")
