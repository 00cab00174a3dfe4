"""The event as an iCalendar file (RFC 5545), built with the icalendar library, and the
rules every calendar of the site follows (RFC 5545, 5546, 6047):

* one stable UID per thing (event, session, meeting), so a calendar replaces it when it
  changes instead of adding a second copy;
* a SEQUENCE that grows by one with each change of its time or place (``sequence`` on the
  model), so a calendar knows which version is newer;
* a cancellation is ``METHOD:CANCEL`` with the same UID, a SEQUENCE one higher than the
  last version sent, and ``STATUS:CANCELLED``;
* every calendar holds its time zone (VTIMEZONE), so even an empty feed has a component;
* a calendar attached to an email says its method in its Content-Type (``calendar_file``).
"""

from __future__ import annotations

from datetime import timedelta

import icalendar
from django.conf import settings

from safecities.events.models import Event

PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"


def event_uid(event: Event) -> str:
    """Stable, so that a calendar replaces the event when it changes instead of adding it twice."""
    return f"event-{event.slug}@safecities-exchange"


def new_calendar(*, method: str, product: str = "") -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//SafeCities Exchange//" + (f"{product}//" if product else "") + "EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def finish(calendar: icalendar.Calendar, tzid: str) -> bytes:
    """The calendar's bytes, with every time zone it uses and always the event's own: a
    calendar with no event in it is still valid (RFC 5545 wants at least one component)."""
    calendar.add_missing_timezones()
    present = {str(zone.get("tzid")) for zone in calendar.walk("VTIMEZONE")}
    if tzid not in present:
        calendar.add_component(icalendar.Timezone.from_tzid(tzid))
    return calendar.to_ical()


def cancel(entry: icalendar.Event, *, sequence: int, organizer: str,
           attendee: str | None = None) -> None:
    """Turn a version of an entry into its cancellation (RFC 5546, 3.2.5): the same UID, the
    next SEQUENCE, STATUS:CANCELLED, the organiser, and the person it is cancelled for."""
    for name in ("sequence", "status"):
        entry.pop(name, None)
    entry.add("sequence", sequence)
    entry.add("status", "CANCELLED")
    if "organizer" not in entry:
        entry.add("organizer", f"mailto:{organizer}")
    if attendee:
        entry.add("attendee", f"mailto:{attendee}")


def event_calendar(event: Event, *, method: str = PUBLISH, attendee: str | None = None) -> bytes:
    """The event's file; ``method=CANCEL`` makes the cancellation of the version last sent
    (for ``attendee``, the person whose registration ended)."""
    calendar = new_calendar(method=method)
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", event.updated_at)
    entry.add("last-modified", event.updated_at)
    entry.add("sequence", event.sequence)
    entry.add("summary", event.local.title)
    entry.add("dtstart", event.starts_on)
    entry.add("dtend", event.ends_on + timedelta(days=1))  # all-day: DTEND is exclusive
    venue = event.venue
    entry.add("location", venue.full_place)
    description = "\n\n".join(p for p in [event.local.tagline, event.local.description] if p)
    if description:
        entry.add("description", description)
    entry.add("url", settings.SITE_URL + event.get_absolute_url())
    organizer = icalendar.vCalAddress(f"mailto:{event.contact_email}")
    organizer.params["cn"] = icalendar.vText(event.host or event.local.title)
    entry.add("organizer", organizer)
    entry.add("transp", "TRANSPARENT")
    if method == CANCEL:
        cancel(entry, sequence=event.sequence + 1, organizer=event.contact_email,
               attendee=attendee)
    calendar.add_component(entry)
    return finish(calendar, event.timezone)
