"""Each language: the main pages render in it, and a participant's email and letter are
written in theirs (the catalogues must be complete for these to pass)."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from safecities.registration import services
from safecities.registration.emails import render_notice
from tests.factories import DayFactory, EventFactory, ProgrammeFactory, person

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "pt", "zu"]


def translated(language: str, message: str) -> str:
    with translation.override(language):
        text = gettext(message)
    assert text != message, f"{message!r} has no {language} translation"
    return text


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


@pytest.fixture
def registration(db):
    event = EventFactory()
    ProgrammeFactory(event=event)
    DayFactory(event=event)
    return services.register(event=event, **person(1)).registration


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("page", "heading"), [
    ("/", "Learning exchanges on urban safety"),
    ("{event}", "Space is limited. Attendance is confirmed first come, first served."),
    ("{event}register/", "Register"),
    ("{manage}", "Your registration"),
    ("{event}programme/", "Take the programme with you"),
    ("/practices/", "Good-practice library"),
    ("/cities/", "Cities"),
])
def test_the_main_pages_render_in_each_language(client, registration, language, page,
                                                 heading):
    url = page.format(event=registration.event.get_absolute_url(),
                      manage=registration.get_absolute_url())

    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()

    assert (response.status_code, response["Content-Language"]) == (200, language)
    assert f'<html lang="{language}">' in html
    assert translated(language, heading) in text_of(html)
    assert translated(language, "Skip to content") in html


@pytest.mark.parametrize("language", ["fr", "zu"])
def test_a_participants_email_and_letter_are_in_their_language(client, language):
    event = EventFactory()
    registration = services.register(event=event, language=language,
                                     **person(1)).registration

    message = render_notice(registration)
    letter = client.get(f"/registrations/{registration.token}/invitation.pdf",
                        HTTP_ACCEPT_LANGUAGE="en")
    letter_text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(letter.content)).pages)

    with translation.override(language):
        subject = gettext("Your place is confirmed: %(title)s") % {"title": event.title}
    assert message.subject == " ".join(subject.split())
    assert subject != f"Your place is confirmed: {event.title}"
    assert translated(language, "Letter of invitation") in letter_text
