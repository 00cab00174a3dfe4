"""The public JSON API for registrations, over HTTP (Django's test client)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from post_office.models import Email

from safecities.registration.models import Registration
from tests.factories import EventFactory, person

pytestmark = pytest.mark.django_db


def post(client, url, body, **extra):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **extra)


def url(event) -> str:
    return f"/api/events/{event.slug}/registrations/"


def test_registering_answers_201_with_the_confirmed_registration(client):
    event = EventFactory(capacity=1)
    response = post(client, url(event), person(1))
    assert response.status_code == 201
    body = response.json()
    registration = Registration.objects.get()
    assert body == {
        "reference": registration.reference,
        "event": event.slug,
        "name": "Participant 1",
        "email": "participant1@example.org",
        "organisation": "City of Example",
        "position": "Safety officer",
        "city": "Lusaka",
        "country": "Zambia",
        "status": "confirmed",
        "waitlist_position": None,
        "registered_at": body["registered_at"],
        "manage_url": f"/registrations/{registration.token}/",
        "answers": {},
    }
    assert body["registered_at"].endswith("+00:00")
    assert len(body["registered_at"]) == len("2026-11-26T07:22:31.693157+00:00")


def test_when_full_the_answer_is_waitlisted_with_the_position(client):
    event = EventFactory(capacity=1)
    post(client, url(event), person(1))
    second = post(client, url(event), person(2)).json()
    third = post(client, url(event), person(3)).json()
    assert (second["status"], second["waitlist_position"]) == ("waitlisted", 1)
    assert (third["status"], third["waitlist_position"]) == ("waitlisted", 2)


def test_the_same_email_again_answers_200_revealing_nothing_of_the_registration(client):
    event = EventFactory(capacity=1)
    post(client, url(event), person(1))
    again = post(client, url(event), person(1, email="Participant1@EXAMPLE.org", name="Mallory"))
    assert again.status_code == 200
    assert again.json() == {
        "code": "already_registered",
        "message": "This address is already registered; we have emailed its private link to it.",
    }
    registration = Registration.objects.get()
    assert registration.name == "Participant 1"
    mail = Email.objects.get()
    assert mail.to == ["participant1@example.org"]
    assert registration.token in mail.message
    assert "Mallory" not in mail.message


def test_missing_and_invalid_fields_answer_400_naming_each_field(client):
    event = EventFactory()
    response = post(client, url(event), {"name": "A", "email": "not-an-email", "consent": False})
    assert response.status_code == 400
    assert response.json() == {"errors": {
        "email": ["Enter a valid email address."],
        "organisation": ["Please enter your organisation."],
        "position": ["Please enter your position."],
        "city": ["Please enter your city."],
        "country": ["Please enter your country."],
        "consent": ["Please agree to the privacy notice to register."],
    }}
    assert Registration.objects.count() == 0


def test_wrong_types_answer_400(client):
    event = EventFactory()
    response = post(client, url(event), person(1, name=["A"], consent="yes"))
    assert response.status_code == 400
    assert response.json() == {"errors": {"name": ["Must be text."],
                                          "consent": ["Must be true or false."]}}


def test_over_long_field_answers_400(client):
    event = EventFactory()
    response = post(client, url(event), person(1, name="x" * 151))
    assert response.status_code == 400
    assert response.json() == {"errors": {
        "name": ["Please shorten this to 150 characters or fewer."]}}


@pytest.mark.parametrize("body", ["{", "[1, 2]", "null", "\"text\"", b"\xff\xfe"])
def test_malformed_json_answers_400(client, body):
    event = EventFactory()
    response = post(client, url(event), body)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_json"
    assert Registration.objects.count() == 0


def test_a_body_over_one_megabyte_answers_413(client):
    event = EventFactory()
    response = post(client, url(event), person(1, name="x" * (1024 * 1024)))
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert Registration.objects.count() == 0


def test_unknown_event_answers_404(client):
    response = post(client, "/api/events/no-such-event/registrations/", person(1))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_unpublished_event_answers_404(client):
    event = EventFactory(is_published=False)
    assert post(client, url(event), person(1)).status_code == 404


def test_registration_not_yet_open_answers_409_saying_when(client):
    event = EventFactory(registration_opens_at=timezone.now() + timedelta(days=3))
    response = post(client, url(event), person(1))
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "registration_not_open"
    assert body["error"].startswith("Registration is not open yet. It opens on ")


def test_registration_closed_answers_409(client):
    event = EventFactory(registration_opens_at=timezone.now() - timedelta(days=3),
                         registration_closes_at=timezone.now() - timedelta(days=1))
    response = post(client, url(event), person(1))
    assert response.status_code == 409
    assert response.json() == {"error": "Registration has closed.",
                               "code": "registration_not_open"}


def test_get_on_the_registration_endpoint_is_not_allowed(client):
    event = EventFactory()
    assert client.get(url(event)).status_code == 405


def test_registration_detail_shows_current_status_and_position(client):
    event = EventFactory(capacity=1)
    first = post(client, url(event), person(1)).json()
    second = post(client, url(event), person(2)).json()
    token = second["manage_url"].split("/")[2]
    assert client.get(f"/api/registrations/{token}/").json()["waitlist_position"] == 1
    first_token = first["manage_url"].split("/")[2]
    cancelled = client.post(f"/api/registrations/{first_token}/cancel/")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    now = client.get(f"/api/registrations/{token}/").json()
    assert (now["status"], now["waitlist_position"]) == ("confirmed", None)


def test_unknown_token_answers_404(client):
    assert client.get("/api/registrations/nope/").status_code == 404
    assert client.post("/api/registrations/nope/cancel/").status_code == 404


def test_event_document_has_the_announced_facts_and_live_counts(client):
    event = EventFactory(slug="durban", capacity=2, title="Exchange", tagline="Learning")
    for n in range(1, 4):
        post(client, url(event), person(n))
    body = client.get("/api/events/durban/").json()
    assert body == {
        "slug": "durban",
        "title": "Exchange",
        "tagline": "Learning",
        "starts_on": event.starts_on.isoformat(),
        "ends_on": event.ends_on.isoformat(),
        "url": "http://testserver/events/durban/",
        "description": "",
        "host": "eThekwini Municipality",
        "timezone": "Africa/Johannesburg",
        "venue": {"name": "Durban International Convention Centre",
                  "address": "45 Bram Fischer Road", "city": "Durban",
                  "country": "South Africa"},
        "contact_email": "organisers@example.org",
        "cost": event.cost_note,
        "capacity": 2,
        "confirmed": 2,
        "waitlisted": 1,
        "places_left": 0,
        "registration": {
            "opens_at": event.registration_opens_at.isoformat(),
            "closes_at": event.effective_closes_at.isoformat(),
            "is_open": True,
        },
    }


def test_event_list_shows_published_events_only(client):
    EventFactory(slug="a-published")
    EventFactory(slug="b-hidden", is_published=False)
    body = client.get("/api/events/").json()
    assert [e["slug"] for e in body["results"]] == ["a-published"]


def test_unknown_api_path_answers_json_404(client):
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.dictionaries(
    st.sampled_from(["name", "email", "organisation", "position", "city", "country", "consent",
                     "other"]),
    json_values, max_size=8))
def test_any_json_object_gets_a_clear_4xx_or_a_registration_never_a_5xx(client, body):
    event = EventFactory()
    before = Registration.objects.count()
    response = post(client, url(event), body)
    assert response.status_code in {200, 201, 400}
    if response.status_code == 400:
        assert Registration.objects.count() == before
        assert set(response.json()["errors"]) <= {
            "name", "email", "organisation", "position", "city", "country", "consent"}


@pytest.mark.parametrize("depth", [21, 100_000])
def test_json_nested_too_deep_answers_400_never_500(client, depth):
    event = EventFactory()
    body = '{"name": ' + "[" * depth + "]" * depth + "}"
    response = post(client, url(event), body)
    assert (response.status_code, response.json()) == (400, {
        "error": "The request body is nested more than 20 levels deep.", "code": "too_deep"})
    assert Registration.objects.count() == 0


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "Amina \u202egnp.exe", "Amina\x85Phiri"])
def test_names_with_nothing_visible_bidi_overrides_or_controls_are_refused(client, name):
    event = EventFactory()
    response = post(client, url(event), person(1, name=name))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["name"]
    assert Registration.objects.count() == 0
