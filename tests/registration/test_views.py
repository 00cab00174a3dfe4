"""The participant's HTML pages, over HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from post_office.models import Email

from safecities.registration import services
from safecities.registration.models import Registration
from tests.factories import EventFactory, person

pytestmark = pytest.mark.django_db


def form(n: int, **overrides) -> dict[str, str]:
    data = person(n, **overrides)
    data["consent"] = "on" if data["consent"] else ""
    return data


def test_registering_redirects_to_the_private_page_which_says_confirmed(client):
    event = EventFactory(capacity=1)
    response = client.post(f"/events/{event.slug}/register/", form(1))
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/registrations/{registration.token}/?new=1"
    page = client.get(response["Location"]).content.decode()
    assert "Your place is confirmed." in page
    assert registration.reference in page
    assert f"/registrations/{registration.token}/invitation.pdf" in page


def test_waiting_person_sees_the_position_and_no_letter_link(client):
    event = EventFactory(capacity=0)
    client.post(f"/events/{event.slug}/register/", form(1))
    client.post(f"/events/{event.slug}/register/", form(2))
    second = Registration.objects.get(email="participant2@example.org")
    page = client.get(f"/registrations/{second.token}/").content.decode()
    assert "You are on the waiting list, number 2." in page
    assert "invitation.pdf" not in page


def test_form_errors_are_shown_beside_the_fields_and_input_is_kept(client):
    event = EventFactory()
    response = client.post(f"/events/{event.slug}/register/",
                           form(1, email="amina@", consent=False))
    page = response.content.decode()
    assert response.status_code == 400
    assert '<ul class="errorlist" id="id_email_error"><li>Enter a valid email address.</li>' in page
    assert "Please agree to the privacy notice to register." in page
    assert 'value="amina@"' in page
    assert 'value="Participant 1"' in page
    assert Registration.objects.count() == 0


def test_registering_twice_reveals_nothing_and_emails_the_private_link(client):
    event = EventFactory()
    client.post(f"/events/{event.slug}/register/", form(1))
    response = client.post(f"/events/{event.slug}/register/", form(1))
    registration = Registration.objects.get()
    assert response.status_code == 200
    page = response.content.decode()
    assert "This address is already registered; we have emailed its private link to it." in page
    assert registration.token not in page
    assert registration.reference not in page
    assert "Cancel" not in page
    assert [(m.to, registration.token in m.message) for m in Email.objects.all()] == [
        (["participant1@example.org"], True)]


def test_register_page_says_when_registration_opens_and_shows_no_form(client):
    event = EventFactory(registration_opens_at=timezone.now() + timedelta(days=1))
    page = client.get(f"/events/{event.slug}/register/").content.decode()
    assert "Registration is not open yet. It opens on " in page
    assert "<form" not in page.replace('<form class="language"', "")  # only the language switch
    response = client.post(f"/events/{event.slug}/register/", form(1))
    assert response.status_code == 409
    assert Registration.objects.count() == 0


def test_cancel_asks_first_then_cancels_and_promotes(client):
    event = EventFactory(capacity=1)
    first = services.register(event=event, **person(1)).registration
    second = services.register(event=event, **person(2)).registration
    question = client.get(f"/registrations/{first.token}/cancel/")
    assert "Yes, cancel my registration" in question.content.decode()
    first.refresh_from_db()
    assert first.status == "confirmed"
    response = client.post(f"/registrations/{first.token}/cancel/")
    assert response["Location"] == f"/registrations/{first.token}/?cancelled=1"
    second.refresh_from_db()
    assert second.status == "confirmed"
    page = client.get(response["Location"]).content.decode()
    assert "Your registration is cancelled." in page


def test_letter_is_forbidden_unless_confirmed(client):
    event = EventFactory(capacity=0)
    waiting = services.register(event=event, **person(1)).registration
    response = client.get(f"/registrations/{waiting.token}/invitation.pdf")
    assert response.status_code == 403
    assert "not available yet" in response.content.decode()


def test_private_pages_are_not_cached_or_indexed(client):
    event = EventFactory()
    registration = services.register(event=event, **person(1)).registration
    response = client.get(f"/registrations/{registration.token}/")
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_unknown_token_is_a_404_page(client):
    response = client.get("/registrations/not-a-token/")
    assert response.status_code == 404
    assert "There is no page at this address." in response.content.decode()


def test_register_form_posted_to_an_unknown_event_is_a_404(client):
    assert client.post("/events/nope/register/", form(1)).status_code == 404


def test_an_expired_form_is_explained_in_plain_words_and_saves_nothing():
    from django.test import Client

    event = EventFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/events/{event.slug}/register/", form(1))
    assert response.status_code == 403
    assert "Please send the form again" in response.content.decode()
    assert Registration.objects.count() == 0
