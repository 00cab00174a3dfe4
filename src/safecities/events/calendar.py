"""The event as an iCalendar file (RFC 5545), built with the icalendar library."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from django.conf import settings

from safecities.events.models import Event


def event_uid(event: Event) -> str:
    """Stable, so that a calendar replaces the event when it changes instead of adding it twice."""
    return f"event-{event.slug}@safecities-exchange"


def event_calendar(event: Event) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//SafeCities Exchange//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", event.updated_at)
    entry.add("last-modified", event.updated_at)
    entry.add("summary", event.local.title)
    entry.add("dtstart", event.starts_on)
    entry.add("dtend", event.ends_on + timedelta(days=1))  # all-day: DTEND is exclusive
    venue = event.venue
    entry.add("location", ", ".join(p for p in [venue.name, venue.address, venue.city,
                                                  venue.country] if p and p != "-"))
    description = "\n\n".join(p for p in [event.local.tagline, event.local.description] if p)
    if description:
        entry.add("description", description)
    entry.add("url", settings.SITE_URL + event.get_absolute_url())
    organizer = icalendar.vCalAddress(f"mailto:{event.contact_email}")
    organizer.params["cn"] = icalendar.vText(event.host or event.local.title)
    entry.add("organizer", organizer)
    entry.add("transp", "TRANSPARENT")
    calendar.add_component(entry)
    return calendar.to_ical()
