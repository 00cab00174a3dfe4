"""Certificates of attendance: for participants checked in at the door, once the event
has ended — from their private page, or in bulk for the organisers."""

from __future__ import annotations

from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils import timezone, translation

from safecities.documents.rendering import render_pdf
from safecities.events.models import Event
from safecities.registration.models import CheckIn, Registration


def certificate_available(registration: Registration) -> bool:
    """Attended (checked in) an event that has ended."""
    return registration.event.has_ended and CheckIn.objects.filter(
        registration=registration).exists()


def letter_date(registration: Registration):
    """The invitation letter is dated the day the place was confirmed (in the event's time
    zone), however often and however late it is downloaded."""
    issued_at = registration.confirmed_at or registration.registered_at
    return timezone.localtime(issued_at, registration.event.tz).date()


def certificates_pdf(event: Event, registrations: Iterable[Registration]) -> bytes:
    """One page per participant (the caller passes those checked in), each written in its
    participant's language, whatever the language of whoever prints them."""
    # Dated the last day of the event, the day attendance was complete, whenever printed.
    issued_on = event.ends_on
    pages = []
    for registration in registrations:
        language = registration.written_language
        with translation.override(language):
            pages.append(render_to_string("registration/_certificate_page.html", {
                "event": event, "registration": registration, "issued_on": issued_on,
                "language": language,
            }))
    return render_pdf("registration/certificate.html", {"event": event, "pages": pages})
