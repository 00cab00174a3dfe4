"""Choosing the language: the browser's Accept-Language first, then the switcher's cookie."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import formats, translation
from django.utils.translation import get_language_info

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def page_language(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize(("accept", "language"), [
    ("fr-FR,fr;q=0.9,en;q=0.5", "fr"),
    ("pt-MZ,pt;q=0.9", "pt"),
    ("zu-ZA", "zu"),
    ("zu", "zu"),
    ("de-DE,de;q=0.9", "en"),
    ("", "en"),
])
def test_first_visit_gets_the_browsers_language(client, accept, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert (page_language(response), response["Content-Language"]) == (language, language)


def test_every_page_offers_the_four_languages_under_their_own_names(client):
    page = client.get("/").content.decode()

    form = re.search(r'<form class="language" action="([^"]+)" method="post">', page)
    options = re.findall(r'<option value="(\w+)" lang="(\w+)"[^>]*>([^<]+)</option>', page)
    assert form.group(1) == "/i18n/setlang/"
    assert options == [("en", "en", "English"), ("fr", "fr", "français"),
                       ("pt", "pt", "Português"), ("zu", "zu", "isiZulu")]


def test_the_switcher_returns_to_the_same_page_in_the_chosen_language():
    client = Client(enforce_csrf_checks=True)  # the switcher carries no CSRF token

    response = client.post("/i18n/setlang/", {"language": "pt", "next": "/practices/?q=luz"},
                           HTTP_ACCEPT_LANGUAGE="fr")
    page = client.get("/practices/", HTTP_ACCEPT_LANGUAGE="fr")

    assert (response.status_code, response["Location"]) == (302, "/practices/?q=luz")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt"
    assert page_language(page) == "pt"


def test_the_switcher_never_sends_people_to_another_site(client):
    response = client.post("/i18n/setlang/",
                           {"language": "fr", "next": "https://evil.example.org/"})

    assert (response.status_code, response["Location"]) == (302, "/")


def test_the_switcher_ignores_a_language_the_site_does_not_have(client):
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/"})

    assert response.status_code == 400
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switcher_form_names_the_page_it_was_on(client):
    page = client.get("/practices/?q=water").content.decode()

    assert '<input type="hidden" name="next" value="/practices/?q=water">' in page


def test_the_cached_event_page_is_kept_per_language(client):
    event = EventFactory()

    french = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    assert (page_language(french), page_language(english)) == ("fr", "en")
    vary = {value.strip() for value in english["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary


def test_isizulu_has_language_information_and_date_formats():
    info = get_language_info("zu")

    assert (info["name_local"], info["bidi"]) == ("isiZulu", False)
    with translation.override("zu"):
        assert formats.get_format("DATE_FORMAT") == "j F Y"
        assert formats.get_format("SHORT_DATE_FORMAT") == "Y/m/d"


def test_an_error_page_switcher_repeats_no_address_and_returns_through_the_referer(client):
    page = client.get("/events/no-such-event-SCX-SECRET/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "zu"},
                           HTTP_REFERER="http://testserver/events/no-such-event-SCX-SECRET/")

    assert "SCX-SECRET" not in page
    assert (response.status_code, response["Location"]) == (
        302, "http://testserver/events/no-such-event-SCX-SECRET/")
