"""Calendars done right (RFC 5545, 5546, 6047), read back with vobject — a second parser,
not the icalendar library that writes them: cancellations are METHOD:CANCEL with the same
UID and the next SEQUENCE, a change of time raises SEQUENCE by one, attachments say their
method, empty feeds hold their time zone."""

from __future__ import annotations

from datetime import timedelta

import pytest
import vobject

from safecities.mailing.delivery import deliver
from safecities.programme.services import agenda, timetable
from safecities.registration import services
from tests.factories import (
    EventFactory,
    ProgrammeFactory,
    RegistrationFactory,
    SessionFactory,
    person,
)

pytestmark = pytest.mark.django_db


def calendar_of(message):
    """The message's one calendar part, parsed by vobject, with its Content-Type."""
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return vobject.readOne(part.get_content()), part


def test_a_cancelled_registration_gets_the_cancellation_of_the_calendar_it_was_sent(
        smtp_server):
    event = EventFactory(capacity=1, title="Durban Exchange")
    registration = services.register(event=event, **person(1)).registration
    deliver()
    published, part = calendar_of(smtp_server.messages[0])
    assert part.get_param("method") == "PUBLISH"
    assert published.method.value == "PUBLISH"

    services.cancel(registration=registration)
    deliver()
    [cancelled_message] = smtp_server.messages[1:]
    cancelled, part = calendar_of(cancelled_message)
    assert part.get_param("method") == "CANCEL"
    assert part.get_filename() == "event.ics"
    assert cancelled.method.value == "CANCEL"
    assert cancelled.vevent.uid.value == published.vevent.uid.value
    assert int(cancelled.vevent.sequence.value) == int(published.vevent.sequence.value) + 1
    assert cancelled.vevent.status.value == "CANCELLED"
    assert cancelled.vevent.attendee.value == "mailto:participant1@example.org"
    assert cancelled_message["Auto-Submitted"] == "auto-generated"


def test_someone_who_only_waited_gets_no_calendar_when_they_cancel(smtp_server):
    event = EventFactory(capacity=0)
    waiting = services.register(event=event, **person(1)).registration
    deliver()
    services.cancel(registration=waiting)
    deliver()
    assert [p for p in smtp_server.messages[1].walk()
            if p.get_content_type() == "text/calendar"] == []


def test_the_event_sequence_grows_by_one_per_change_of_its_dates():
    event = EventFactory()
    assert event.sequence == 0
    event.title = "A new title"
    event.save()
    assert event.sequence == 0  # not a change of time or place
    event.ends_on += timedelta(days=1)
    event.save()
    event.starts_on += timedelta(days=1)
    event.save(update_fields=["starts_on"])
    event.refresh_from_db()
    assert event.sequence == 2


def test_the_event_file_parses_and_carries_its_sequence(client):
    event = EventFactory(is_published=True)
    event.ends_on += timedelta(days=1)
    event.save()
    response = client.get(f"/events/{event.slug}/event.ics")
    calendar = vobject.readOne(response.content.decode())
    assert (calendar.method.value, calendar.vevent.sequence.value) == ("PUBLISH", "1")
    assert calendar.vtimezone.tzid.value == event.timezone


def test_a_session_moved_twice_has_sequence_two():
    session = SessionFactory()
    assert session.sequence == 0
    session.starts_at += timedelta(minutes=30)
    session.ends_at += timedelta(minutes=30)
    timetable.save_session(session=session)
    session.title = "Renamed"
    timetable.save_session(session=session)  # no change of time or place
    session.ends_at += timedelta(minutes=15)
    timetable.save_session(session=session)
    session.refresh_from_db()
    assert session.sequence == 2


def test_removing_a_session_sends_its_cancellation_to_those_who_starred_it(smtp_server):
    event = EventFactory(capacity=5)
    ProgrammeFactory(event=event)
    session = SessionFactory(event=event, title="Youth safety walk")
    session.starts_at += timedelta(hours=1)
    session.ends_at += timedelta(hours=1)
    timetable.save_session(session=session)  # SEQUENCE 1
    starred = RegistrationFactory(event=event, notice_pending=False)
    cancelled = RegistrationFactory(event=event, notice_pending=False, status="cancelled")
    RegistrationFactory(event=event, notice_pending=False)  # did not star it
    agenda.star(registration=starred, session=session)
    from safecities.programme.models import AgendaPick

    AgendaPick.objects.create(registration=cancelled, session=session)

    uid = f"session-{session.pk}-{event.slug}@safecities-exchange"
    assert timetable.remove_session(session=session) == 1
    deliver()
    [message] = smtp_server.messages
    assert message["To"] == starred.email
    assert message["Subject"] == "Removed from the programme: Youth safety walk"
    calendar, part = calendar_of(message)
    assert part.get_param("method") == "CANCEL"
    assert (calendar.method.value, calendar.vevent.sequence.value,
            calendar.vevent.status.value) == ("CANCEL", "2", "CANCELLED")
    assert calendar.vevent.uid.value == uid


def test_an_empty_personal_agenda_is_a_valid_calendar(client):
    event = EventFactory(capacity=5)
    ProgrammeFactory(event=event)
    registration = RegistrationFactory(event=event)
    response = client.get(f"/registrations/{registration.token}/agenda.ics")
    assert response.status_code == 200
    calendar = vobject.readOne(response.content.decode())
    assert calendar.vtimezone.tzid.value == event.timezone
    assert [c.name for c in calendar.getChildren() if c.name == "VEVENT"] == []


def test_an_empty_meetings_feed_is_a_valid_calendar(client):
    event = EventFactory(capacity=5)
    registration = RegistrationFactory(event=event)
    response = client.get(f"/registrations/{registration.token}/meetings.ics")
    assert response.status_code == 200
    calendar = vobject.readOne(response.content.decode())
    assert calendar.vtimezone.tzid.value == event.timezone


def test_a_session_moved_sends_those_who_starred_it_the_new_version(smtp_server):
    event = EventFactory(capacity=5)
    ProgrammeFactory(event=event)
    session = SessionFactory(event=event, title="Night markets")
    starred = RegistrationFactory(event=event, notice_pending=False)
    agenda.star(registration=starred, session=session)
    session.title = "Night markets and safety"
    timetable.save_session(session=session)  # not a move: nobody is told
    deliver()
    assert smtp_server.messages == []

    session.starts_at += timedelta(hours=2)
    session.ends_at += timedelta(hours=2)
    timetable.save_session(session=session)
    deliver()
    [message] = smtp_server.messages
    assert (message["To"], message["Subject"]) == (
        starred.email, "New time or place: Night markets and safety")
    calendar, part = calendar_of(message)
    assert part.get_param("method") == "PUBLISH"
    assert (calendar.method.value, calendar.vevent.sequence.value) == ("PUBLISH", "1")
    assert calendar.vevent.uid.value == f"session-{session.pk}-{event.slug}@safecities-exchange"
    assert calendar.vevent.dtstart.value == session.starts_at


def test_new_dates_send_confirmed_people_the_new_version_once(smtp_server):
    event = EventFactory(capacity=1, title="Durban Exchange")
    services.register(event=event, **person(1))
    services.register(event=event, **person(2))  # waiting: never sent the file
    deliver()
    smtp_server.messages.clear()
    event.title = "Durban Learning Exchange"
    event.save()
    assert deliver().queued == 0  # a new title is not a new version in calendars

    event.starts_on += timedelta(days=7)
    event.ends_on += timedelta(days=7)
    event.save()
    assert deliver().queued == 1
    assert deliver().queued == 0
    [message] = smtp_server.messages
    assert (message["To"], message["Subject"]) == (
        "participant1@example.org", "New dates or place: Durban Learning Exchange")
    calendar, part = calendar_of(message)
    assert part.get_param("method") == "PUBLISH"
    assert (calendar.method.value, calendar.vevent.sequence.value) == ("PUBLISH", "1")
    assert calendar.vevent.dtstart.value == event.starts_on
