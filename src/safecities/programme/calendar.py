"""The programme as iCalendar (RFC 5545), built with the icalendar library.

Every session has one stable UID, the same in the whole programme's feed, its own file
and a participant's private agenda feed, so a calendar that has it replaces it when the
session changes instead of adding a second copy.
"""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.conf import settings

from safecities.events.calendar import CANCEL, PUBLISH, cancel, finish, new_calendar
from safecities.events.models import Event
from safecities.programme.models import Session
from safecities.registration.agenda import AgendaEntry


def session_uid(session: Session, event: Event) -> str:
    return f"session-{session.pk}-{event.slug}@safecities-exchange"


def _entry(session: Session, event: Event) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", session_uid(session, event))
    entry.add("dtstamp", session.updated_at)
    entry.add("last-modified", session.updated_at)
    entry.add("sequence", session.sequence)  # one more per change of time or place
    entry.add("summary", session.local.title)
    entry.add("dtstart", session.starts_at.astimezone(event.tz))
    entry.add("dtend", session.ends_at.astimezone(event.tz))
    venue = event.venue
    place = session.place
    entry.add("location", ", ".join(p for p in [place, venue.name, venue.city] if p))
    people = [link.speaker.name for link in session.speaker_links.all()]
    description = [session.get_type_display()]
    if session.chair_id:
        description.append(f"Chair: {session.chair.name}")
    if people:
        description.append("Speakers: " + ", ".join(people))
    if session.local.abstract:
        description.append(session.local.abstract)
    entry.add("description", "\n\n".join(description))
    entry.add("url", settings.SITE_URL + session.get_absolute_url())
    entry.add("categories", [session.get_type_display()])
    return entry


def _appointment(entry: AgendaEntry, event: Event) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", entry.uid)
    item.add("dtstamp", entry.starts_at)
    item.add("summary", entry.title)
    item.add("dtstart", entry.starts_at.astimezone(event.tz))
    item.add("dtend", entry.ends_at.astimezone(event.tz))
    item.add("location", entry.location)
    if entry.description:
        item.add("description", entry.description)
    item.add("url", entry.url)
    return item


def programme_calendar(event: Event, sessions: Iterable[Session], *, name: str,
                       appointments: Iterable[AgendaEntry] = ()) -> bytes:
    """A calendar of ``sessions`` (prefetched as ``queries.timetable_sessions`` does) and,
    for a personal agenda, the participant's other ``appointments``."""
    calendar = new_calendar(method=PUBLISH, product="Programme")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", event.timezone)
    calendar.add("refresh-interval", icalendar.vDuration.from_ical("PT1H"),
                  parameters={"VALUE": "DURATION"})
    for session in sessions:
        calendar.add_component(_entry(session, event))
    for entry in appointments:
        calendar.add_component(_appointment(entry, event))
    return finish(calendar, event.timezone)  # an empty agenda still holds its VTIMEZONE


def session_cancellation(session: Session, event: Event, *, attendee: str) -> bytes:
    """METHOD:CANCEL for a session removed from the programme: the same UID, the SEQUENCE
    after the last version, STATUS:CANCELLED (RFC 5546)."""
    calendar = new_calendar(method=CANCEL, product="Programme")
    entry = _entry(session, event)
    cancel(entry, sequence=session.sequence + 1, organizer=event.contact_email,
           attendee=attendee)
    calendar.add_component(entry)
    return finish(calendar, event.timezone)
