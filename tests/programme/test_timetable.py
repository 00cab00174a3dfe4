"""The timetable's rules: rooms, people, days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from safecities.programme.errors import DayRefused, SessionRefused
from safecities.programme.models import Session, SessionSpeaker
from safecities.programme.queries import programme_days
from safecities.programme.services import timetable
from tests.factories import (
    DayFactory,
    EventFactory,
    PublishedPracticeFactory,
    RoomFactory,
    SpeakerFactory,
    at,
    characteristic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(starts_on=date(2014, 12, 3), ends_on=date(2014, 12, 5))


def new_session(event, title, start, end, **fields):
    return Session(event=event, title=title, type=fields.pop("type", Session.Type.SHOWCASE),
                   starts_at=start, ends_at=end, **fields)


def test_days_are_the_event_dates_until_the_organisers_name_some(event):
    assert [(d.date, d.number) for d in programme_days(event)] == [
        (date(2014, 12, 3), 1), (date(2014, 12, 4), 2), (date(2014, 12, 5), 3)]
    DayFactory(event=event, date=date(2014, 12, 4), title="Site visits")
    assert [(d.date, d.title, d.number) for d in programme_days(event)] == [
        (date(2014, 12, 4), "Site visits", 1)]


def test_a_session_is_saved_with_its_speakers_in_order_practices_and_characteristics(event):
    room = RoomFactory(event=event)
    first, second = SpeakerFactory(event=event), SpeakerFactory(event=event)
    practice = PublishedPracticeFactory()
    session = timetable.save_session(
        session=new_session(event, "Opening", at(event, 1, 9), at(event, 1, 10), room=room),
        speakers=[second, first], practices=[practice],
        characteristics=[characteristic("C2"), characteristic("C5")])
    assert list(SessionSpeaker.objects.filter(session=session)
                .values_list("speaker_id", "position")) == [(second.pk, 0), (first.pk, 1)]
    assert list(session.practices.all()) == [practice]
    assert sorted(session.characteristics.values_list("code", flat=True)) == ["C2", "C5"]


def test_a_room_clash_is_refused_naming_both_sessions(event):
    room = RoomFactory(event=event, name="Hall 2")
    timetable.save_session(session=new_session(event, "Opening plenary", at(event, 1, 9),
                                               at(event, 1, 10, 30), room=room))
    with pytest.raises(SessionRefused) as refused:
        timetable.save_session(session=new_session(event, "Safer markets", at(event, 1, 10),
                                                   at(event, 1, 11), room=room))
    assert [c.kind for c in refused.value.clashes] == ["room"]
    assert str(refused.value) == (
        "Room clash: “Safer markets” (Wed 3 Dec, 10:00–11:00) and “Opening plenary” "
        "(Wed 3 Dec, 09:00–10:30) would both be in Hall 2 at the same time. Only breaks and "
        "networking sessions may share a room.")
    assert Session.objects.count() == 1


def test_sessions_that_touch_do_not_clash(event):
    room = RoomFactory(event=event)
    timetable.save_session(session=new_session(event, "A", at(event, 1, 9), at(event, 1, 10),
                                               room=room))
    timetable.save_session(session=new_session(event, "B", at(event, 1, 10), at(event, 1, 11),
                                               room=room))
    assert Session.objects.count() == 2


def test_two_breaks_share_a_room_only_when_one_is_marked_as_sharing(event):
    foyer = RoomFactory(event=event, name="Foyer")
    timetable.save_session(session=new_session(event, "Coffee", at(event, 1, 10),
                                               at(event, 1, 10, 30), room=foyer,
                                               type=Session.Type.BREAK))
    with pytest.raises(SessionRefused) as refused:
        timetable.save_session(session=new_session(event, "Meet the cities", at(event, 1, 10),
                                                   at(event, 1, 11), room=foyer,
                                                   type=Session.Type.NETWORKING))
    assert str(refused.value).endswith(
        "Both are breaks or networking: tick “may share its room” to allow it.")
    timetable.save_session(session=new_session(event, "Meet the cities", at(event, 1, 10),
                                               at(event, 1, 11), room=foyer, shares_room=True,
                                               type=Session.Type.NETWORKING))
    assert Session.objects.count() == 2


def test_the_override_is_refused_for_a_plenary(event):
    hall = RoomFactory(event=event)
    timetable.save_session(session=new_session(event, "Coffee", at(event, 1, 10),
                                               at(event, 1, 10, 30), room=hall,
                                               type=Session.Type.BREAK, shares_room=True))
    plenary = new_session(event, "Plenary", at(event, 1, 10), at(event, 1, 11), room=hall,
                          type=Session.Type.PLENARY, shares_room=True)
    with pytest.raises(SessionRefused):
        timetable.save_session(session=plenary)
    assert plenary.shares_room is False


def test_a_shared_break_cannot_become_a_plenary(event):
    foyer = RoomFactory(event=event)
    coffee = timetable.save_session(session=new_session(
        event, "Coffee", at(event, 1, 10), at(event, 1, 10, 30), room=foyer,
        type=Session.Type.BREAK, shares_room=True))
    timetable.save_session(session=new_session(
        event, "Meet", at(event, 1, 10), at(event, 1, 11), room=foyer,
        type=Session.Type.NETWORKING))
    coffee.type = Session.Type.PLENARY
    with pytest.raises(SessionRefused):
        timetable.save_session(session=coffee)
    assert Session.objects.get(pk=coffee.pk).type == Session.Type.BREAK


def test_a_speaker_is_never_in_two_places_at_once(event):
    speaker = SpeakerFactory(event=event, name="Nomvula Dlamini")
    timetable.save_session(session=new_session(event, "Plenary", at(event, 1, 9),
                                               at(event, 1, 10)), speakers=[speaker])
    with pytest.raises(SessionRefused) as refused:
        timetable.save_session(session=new_session(event, "Workshop", at(event, 1, 9, 30),
                                                   at(event, 1, 11)), speakers=[speaker])
    assert str(refused.value) == (
        "Nomvula Dlamini cannot be in “Workshop” (Wed 3 Dec, 09:30–11:00) and in "
        "“Plenary” (Wed 3 Dec, 09:00–10:00): they overlap.")


def test_a_chair_cannot_speak_elsewhere_at_the_same_time(event):
    person = SpeakerFactory(event=event, name="Ana Costa")
    timetable.save_session(session=new_session(event, "Panel", at(event, 2, 14),
                                               at(event, 2, 15)), speakers=[person])
    with pytest.raises(SessionRefused) as refused:
        timetable.save_session(session=new_session(event, "Showcase", at(event, 2, 14, 30),
                                                   at(event, 2, 16), chair=person))
    assert [(c.kind, c.field) for c in refused.value.clashes] == [("person", "chair")]


def test_adding_a_busy_speaker_to_an_existing_session_is_refused(event):
    person = SpeakerFactory(event=event)
    timetable.save_session(session=new_session(event, "A", at(event, 1, 9), at(event, 1, 10)),
                           speakers=[person])
    other = timetable.save_session(session=new_session(event, "B", at(event, 1, 9),
                                                       at(event, 1, 10)))
    with pytest.raises(SessionRefused):
        timetable.save_session(session=other, speakers=[person])
    assert list(other.speakers.all()) == []


def test_moving_a_session_onto_its_speakers_other_session_is_refused(event):
    person = SpeakerFactory(event=event)
    timetable.save_session(session=new_session(event, "A", at(event, 1, 9), at(event, 1, 10)),
                           speakers=[person])
    later = timetable.save_session(session=new_session(event, "B", at(event, 1, 11),
                                                       at(event, 1, 12)), speakers=[person])
    later.starts_at = at(event, 1, 9, 30)
    with pytest.raises(SessionRefused):
        timetable.save_session(session=later)


def test_a_session_outside_the_days_is_refused(event):
    with pytest.raises(SessionRefused) as refused:
        timetable.save_session(session=new_session(event, "Late", at(event, 4, 9),
                                                   at(event, 4, 10)))
    assert str(refused.value) == ("“Late” (Sat 6 Dec, 09:00–10:00) is not on a day of the "
                                  "programme (3 Dec 2014, 4 Dec 2014, 5 Dec 2014).")


def test_a_session_must_end_on_the_day_it_starts(event):
    with pytest.raises(SessionRefused) as refused:
        timetable.save_session(session=new_session(event, "Night", at(event, 1, 22),
                                                   at(event, 1, 22) + timedelta(hours=3)))
    assert [c.kind for c in refused.value.clashes] == ["day"]


def test_a_session_ending_at_midnight_is_on_its_day(event):
    timetable.save_session(session=new_session(event, "Dinner", at(event, 1, 22),
                                               at(event, 2, 0)))
    assert Session.objects.count() == 1


def test_times_are_read_in_the_event_time_zone():
    event = EventFactory(starts_on=date(2027, 3, 2), ends_on=date(2027, 3, 2),
                         timezone="Pacific/Auckland")
    session = timetable.save_session(session=new_session(event, "Early", at(event, 1, 7),
                                                         at(event, 1, 8)))
    assert Session.objects.get(pk=session.pk).starts_at.isoformat() == "2027-03-01T18:00:00+00:00"


def test_rooms_and_speakers_of_another_event_are_refused(event):
    elsewhere = EventFactory()
    with pytest.raises(SessionRefused) as refused:
        timetable.save_session(session=new_session(event, "A", at(event, 1, 9),
                                                   at(event, 1, 10),
                                                   room=RoomFactory(event=elsewhere)),
                               speakers=[SpeakerFactory(event=elsewhere)])
    assert [c.field for c in refused.value.clashes] == ["room", "speakers"]


def test_naming_days_refuses_to_leave_a_session_outside_them(event):
    timetable.save_session(session=new_session(event, "Day two", at(event, 2, 9),
                                               at(event, 2, 10)))
    with pytest.raises(DayRefused) as refused:
        timetable.save_day(event=event, day_date=date(2014, 12, 3), title="Opening")
    assert str(refused.value) == ("“Day two” (Thu 4 Dec, 09:00–10:00) would no longer be on "
                                  "a day of the programme.")
    assert programme_days(event)[0].title == ""
    timetable.save_day(event=event, day_date=date(2014, 12, 4), title="Showcases")
    assert [d.title for d in programme_days(event)] == ["Showcases"]


def test_a_day_outside_the_event_is_refused(event):
    with pytest.raises(DayRefused):
        timetable.save_day(event=event, day_date=date(2014, 12, 9))


def test_removing_a_day_with_sessions_is_refused(event):
    day = timetable.save_day(event=event, day_date=date(2014, 12, 3), title="Opening")
    timetable.save_day(event=event, day_date=date(2014, 12, 4), title="Visits")
    timetable.save_session(session=new_session(event, "Opening", at(event, 1, 9),
                                               at(event, 1, 10)))
    with pytest.raises(DayRefused):
        timetable.remove_day(day=day)
    assert len(programme_days(event)) == 2
