"""Accepted meetings as iCalendar files (RFC 5545), built with the icalendar library."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from safecities.cities.models import MeetingRequest
from safecities.cities.queries import meetings_of
from safecities.events.calendar import CANCEL, PUBLISH, cancel, finish, new_calendar
from safecities.events.models import Event
from safecities.registration.agenda import AgendaEntry
from safecities.registration.models import Registration


def meeting_uid(meeting: MeetingRequest) -> str:
    """Stable: a calendar replaces the meeting when it changes instead of adding it twice."""
    return f"meeting-{meeting.pk}@safecities-exchange"


def _entry(meeting: MeetingRequest, viewer: Registration) -> icalendar.Event:
    other = meeting.invitee if viewer.pk == meeting.requester_id else meeting.requester
    entry = icalendar.Event()
    entry.add("uid", meeting_uid(meeting))
    entry.add("dtstamp", meeting.decided_at or meeting.created_at)
    entry.add("sequence", 0)  # a meeting's time never changes; its cancellation is 1
    entry.add("summary", _("Meeting with %(name)s (%(organisation)s)")
              % {"name": other.name, "organisation": other.organisation})
    entry.add("dtstart", meeting.slot.starts_at)
    entry.add("dtend", meeting.slot.ends_at)
    venue = meeting.event.venue
    entry.add("location", ", ".join(p for p in [
        _("Meeting area, %(table)s") % {"table": meeting.table.name}, venue.name,
        venue.city] if p))
    entry.add("status", "CONFIRMED")
    entry.add("description", meeting.message)
    entry.add("url", settings.SITE_URL + reverse("cities:meetings", args=[viewer.token]))
    return entry


def agenda_entries(registration: Registration) -> list[AgendaEntry]:
    """The participant's accepted meetings, for the programme's personal agenda."""
    entries = []
    for meeting in meetings_of(registration).filter(status=MeetingRequest.Status.ACCEPTED):
        entry = _entry(meeting, registration)
        entries.append(AgendaEntry(
            uid=str(entry["uid"]), title=str(entry["summary"]),
            starts_at=meeting.slot.starts_at, ends_at=meeting.slot.ends_at,
            location=str(entry["location"]), description=meeting.message,
            url=str(entry["url"]),
        ))
    return entries


def meetings_calendar(meetings: Iterable[MeetingRequest], viewer: Registration, *,
                      event: Event) -> bytes:
    """The viewer's accepted meetings (an empty calendar is still valid: it holds the
    event's time zone)."""
    calendar = new_calendar(method=PUBLISH)
    for meeting in meetings:
        if meeting.status == MeetingRequest.Status.ACCEPTED:
            calendar.add_component(_entry(meeting, viewer))
    return finish(calendar, event.timezone)


def meeting_cancellation(meeting: MeetingRequest, viewer: Registration) -> bytes:
    """METHOD:CANCEL for a meeting the viewer was sent as accepted: same UID, SEQUENCE 1.
    The slot and table are already freed, so it carries no time (RFC 5546 needs none)."""
    other = meeting.invitee if viewer.pk == meeting.requester_id else meeting.requester
    calendar = new_calendar(method=CANCEL)
    entry = icalendar.Event()
    entry.add("uid", meeting_uid(meeting))
    entry.add("dtstamp", meeting.decided_at or meeting.created_at)
    entry.add("summary", _("Meeting with %(name)s (%(organisation)s)")
              % {"name": other.name, "organisation": other.organisation})
    cancel(entry, sequence=1, organizer=meeting.event.contact_email, attendee=viewer.email)
    calendar.add_component(entry)
    return finish(calendar, meeting.event.timezone)
