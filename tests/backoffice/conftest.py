"""Signed-in clients for each role of one event."""

from __future__ import annotations

import pytest

from safecities.backoffice.models import Role
from tests.factories import EventFactory, EventRoleFactory, UserFactory
from tests.signing_in import sign_in


@pytest.fixture
def event(db):
    return EventFactory(slug="durban-2014", capacity=3)


@pytest.fixture
def signed_in(client):
    """``signed_in(user)``: the test client, signed in as ``user``."""

    def signed_in_as(user):
        return sign_in(client, user)

    return signed_in_as


@pytest.fixture
def organiser(event):
    return EventRoleFactory(event=event, user=UserFactory(username="organiser"),
                            role=Role.ORGANISER).user


@pytest.fixture
def door_staff(event):
    return EventRoleFactory(event=event, user=UserFactory(username="door"),
                            role=Role.CHECKIN).user


@pytest.fixture
def reviewer(event):
    return EventRoleFactory(event=event, user=UserFactory(username="reviewer"),
                            role=Role.REVIEWER).user


@pytest.fixture
def organiser_client(signed_in, organiser):
    return signed_in(organiser)
