"""The organisers' programme page in the back-office: publishing and rapporteurs, for the
event's organisers only (the admin is for site administrators)."""

from __future__ import annotations

import pytest

from safecities.backoffice.models import Role
from safecities.programme.models import Programme, Rapporteur
from tests.factories import EventFactory, EventRoleFactory, SessionFactory, UserFactory
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

URL = "/backoffice/events/durban-2014/programme/"


@pytest.fixture
def event(db):
    return EventFactory(slug="durban-2014")


@pytest.fixture
def organiser_client(client, event):
    return sign_in(client, EventRoleFactory(event=event, role=Role.ORGANISER).user)


def test_an_organiser_publishes_the_programme_and_the_outcomes(organiser_client, event):
    response = organiser_client.post(URL, {
        "form": "settings", "is_published": "on", "outcomes_published": "on",
        "outcomes_introduction": "What cities learned."})
    assert response.status_code == 302
    programme = Programme.objects.get(event=event)
    assert (programme.is_published, programme.outcomes_published,
            programme.outcomes_introduction) == (True, True, "What cities learned.")


def test_an_organiser_chooses_a_rapporteur_by_email(organiser_client, event):
    session = SessionFactory(event=event)
    UserFactory(username="lindiwe", email="lindiwe@example.org")
    response = organiser_client.post(URL, {"form": "rapporteur", "session": session.pk,
                                           "username": "LINDIWE@example.org"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.rapporteur.user.username == "lindiwe"
    assert list(Rapporteur.objects.values_list("event__slug", flat=True)) == ["durban-2014"]


def test_an_unknown_person_is_refused_next_to_the_field(organiser_client, event):
    session = SessionFactory(event=event)
    response = organiser_client.post(URL, {"form": "rapporteur", "session": session.pk,
                                           "username": "nobody"})
    assert response.status_code == 400
    assert "No account has this user name or email address." in response.content.decode()


def test_a_session_of_another_event_is_refused(organiser_client, event):
    elsewhere = SessionFactory(event=EventFactory())
    UserFactory(username="lindiwe")
    response = organiser_client.post(URL, {"form": "rapporteur", "session": elsewhere.pk,
                                           "username": "lindiwe"})
    assert response.status_code == 400
    elsewhere.refresh_from_db()
    assert elsewhere.rapporteur is None


def test_door_staff_and_other_organisers_are_refused(client, event):
    door = EventRoleFactory(event=event, role=Role.CHECKIN).user
    assert sign_in(client, door).get(URL).status_code == 403
    other = EventRoleFactory(event=EventFactory(), role=Role.ORGANISER).user
    assert sign_in(client, other).post(URL, {"form": "settings",
                                             "is_published": "on"}).status_code == 403
    assert Programme.objects.filter(event=event).exists() is False
