"""Registrations are rate-limited per client address, with a clear 429."""

from __future__ import annotations

import json

import pytest

from safecities.registration.models import Registration
from tests.factories import EventFactory, person

pytestmark = pytest.mark.django_db


def post(client, event, n, **extra):
    return client.post(f"/api/events/{event.slug}/registrations/", json.dumps(person(n)),
                       content_type="application/json", **extra)


def test_the_api_answers_429_past_the_limit_and_registers_nothing_more(client, settings):
    settings.RATELIMIT_REGISTRATIONS = "3/m"
    event = EventFactory(capacity=10)
    assert [post(client, event, n).status_code for n in range(1, 4)] == [201, 201, 201]
    refused = post(client, event, 4)
    assert refused.status_code == 429
    assert refused.json() == {
        "error": "Too many requests from your network. Please wait a minute and try again.",
        "code": "rate_limited",
    }
    assert refused["Retry-After"] == "60"
    assert Registration.objects.count() == 3


def test_another_address_has_its_own_allowance(client, settings):
    settings.RATELIMIT_REGISTRATIONS = "1/m"
    event = EventFactory(capacity=10)
    assert post(client, event, 1, REMOTE_ADDR="10.0.0.1").status_code == 201
    assert post(client, event, 2, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert post(client, event, 3, REMOTE_ADDR="10.0.0.2").status_code == 201


def test_the_form_and_the_api_share_one_allowance_and_the_page_explains(client, settings):
    settings.RATELIMIT_REGISTRATIONS = "1/m"
    event = EventFactory(capacity=10)
    assert post(client, event, 1).status_code == 201
    data = {**person(2), "consent": "on"}
    response = client.post(f"/events/{event.slug}/register/", data)
    assert response.status_code == 429
    assert "Please wait a minute and try again." in response.content.decode()


def test_off_disables_the_limit(client, settings):
    settings.RATELIMIT_REGISTRATIONS = "off"
    event = EventFactory(capacity=100)
    assert {post(client, event, n).status_code for n in range(1, 31)} == {201}
