"""The organisers' session editor in the back-office: list, add and change a session through
the timetable's rule (``save_session``), for the event's organisers only."""

from __future__ import annotations

import pytest
from post_office.models import Email

from safecities.backoffice.models import Role
from safecities.programme.models import Session
from tests.factories import (
    AgendaPickFactory,
    EventFactory,
    EventRoleFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
)
from tests.signing_in import give_device, sign_in

pytestmark = pytest.mark.django_db

BASE = "/backoffice/events/durban-2014/programme/sessions/"


@pytest.fixture
def event(db):
    return EventFactory(slug="durban-2014")


@pytest.fixture
def organiser_client(client, event):
    return sign_in(client, EventRoleFactory(event=event, role=Role.ORGANISER).user)


def form_data(event, room=None, **changes):
    data = {"title": "Safer markets", "type": Session.Type.SHOWCASE,
            "abstract": "Traders and the city.", "day": event.starts_on.isoformat(),
            "starts": "11:00", "ends": "12:00", "room": room.pk if room else "",
            "location": ""}
    return {**data, **changes}


def test_an_organiser_adds_a_session_and_sees_it_listed(organiser_client, event):
    room = RoomFactory(event=event, name="Hall 1")
    response = organiser_client.post(BASE + "new/", form_data(event, room))
    assert response.status_code == 302
    session = Session.objects.get(event=event)
    assert (session.title, session.room, session.local_starts_at().strftime("%H:%M")) == (
        "Safer markets", room, "11:00")
    page = organiser_client.get(BASE).content.decode()
    assert "Safer markets" in page and "Hall 1" in page


def test_moving_a_session_sends_the_new_version_to_those_who_starred_it(organiser_client,
                                                                        event):
    session = SessionFactory(event=event, title="Safer markets")
    pick = AgendaPickFactory(session=session,
                             registration=RegistrationFactory(event=event, email="a@example.org"))
    before = session.sequence
    response = organiser_client.post(f"{BASE}{session.pk}/", form_data(event, starts="14:00",
                                                                       ends="15:00"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sequence == before + 1
    assert [e for e in Email.objects.all() if pick.registration.email in e.to]


def test_a_title_change_alone_sends_nothing(organiser_client, event):
    session = SessionFactory(event=event)
    AgendaPickFactory(session=session, registration=RegistrationFactory(event=event))
    start = session.local_starts_at()
    organiser_client.post(f"{BASE}{session.pk}/", form_data(
        event, title="New title", day=start.date().isoformat(),
        starts=start.strftime("%H:%M"), ends=session.local_ends_at().strftime("%H:%M")))
    assert Session.objects.get(pk=session.pk).title == "New title"
    assert Email.objects.count() == 0


def test_a_clash_is_refused_next_to_the_field(organiser_client, event):
    room = RoomFactory(event=event)
    SessionFactory(event=event, room=room, title="Opening")  # 09:00–10:00 on the first day
    response = organiser_client.post(BASE + "new/", form_data(event, room, starts="09:30",
                                                              ends="10:30"))
    assert response.status_code == 400
    assert "Opening" in response.content.decode()
    assert Session.objects.filter(event=event).count() == 1


@pytest.mark.parametrize("changes", [{"title": "\u202eevil"}, {"title": "a\x07"},
                                     {"starts": "25:00"}, {"type": "party"}])
def test_bad_input_is_a_400(organiser_client, event, changes):
    assert organiser_client.post(BASE + "new/", form_data(event, **changes)).status_code == 400
    assert not Session.objects.exists()


def test_a_room_or_session_of_another_event_is_refused(organiser_client, event):
    other_room = RoomFactory(event=EventFactory())
    assert organiser_client.post(BASE + "new/", form_data(event, other_room)).status_code \
        == 400
    other_session = SessionFactory(event=EventFactory())
    assert organiser_client.get(f"{BASE}{other_session.pk}/").status_code == 404


def test_only_this_events_organisers_edit_its_sessions(client, event):
    session = SessionFactory(event=event, title="Kept")
    other = EventRoleFactory(event=EventFactory(), role=Role.ORGANISER,
                             user=UserFactory(username="other-organiser")).user
    door = EventRoleFactory(event=event, role=Role.CHECKIN, user=UserFactory(username="d")).user
    password_only = EventRoleFactory(event=event, role=Role.ORGANISER,
                                     user=UserFactory(username="pw")).user
    give_device(password_only)
    for user, second_factor in [(other, True), (door, True), (password_only, False)]:
        client.logout()
        signed = sign_in(client, user, second_factor=second_factor)
        assert signed.get(BASE).status_code == 403
        assert signed.post(f"{BASE}{session.pk}/", form_data(event)).status_code == 403
    assert Session.objects.get(pk=session.pk).title == "Kept"
