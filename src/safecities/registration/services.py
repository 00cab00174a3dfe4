"""The capacity engine: who holds a place, who waits, and in which order.

The rule: the confirmed set is the first ``capacity`` live registrations in order of
arrival, except that nobody confirmed is ever demoted; everybody else waits, numbered
1, 2, 3… in order of arrival. Every function here that changes a status does so inside
``locked_event`` (the one locking primitive) and marks the registration's notice as
pending in the same transaction; the mail worker then writes the email that reports the
change (``registration.emails``), so a change is never left untold and the request that
makes it stays short.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from safecities.events.locking import locked_event
from safecities.events.models import Event
from safecities.registration.errors import (
    EventNotPublished,
    RegistrationCancelled,
    RegistrationNotOpen,
)
from safecities.registration.models import Registration, normalise_email
from safecities.registration.queries import live_registration, occupancy

Status = Registration.Status


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    created: bool


def check_registration_window(event: Event, now: datetime) -> None:
    """Raise ``RegistrationNotOpen`` unless ``now`` lies in the event's registration window."""
    if now < event.registration_opens_at:
        raise RegistrationNotOpen(opens_at=event.registration_opens_at)
    if now >= event.effective_closes_at:
        raise RegistrationNotOpen(closed_at=event.effective_closes_at)


def register(
    *,
    event: Event,
    name: str,
    email: str,
    organisation: str,
    position: str,
    city: str,
    country: str,
    consent: bool,
    language: str = "en",
) -> RegistrationOutcome:
    """Register a person: confirmed if a place is free and nobody waits, else waiting.

    An email address holds at most one live registration per event: registering it again
    returns the existing registration unchanged (``created=False``) and takes no place.
    Registration is refused outside the event's window or for an unpublished event.
    Consent to the privacy notice is required; the form checks it, and so does this rule.
    """
    if not consent:
        raise ValueError("consent is required")
    email_normalised = normalise_email(email)
    with locked_event(event.pk) as locked:
        if not locked.is_published:
            raise EventNotPublished()
        now = timezone.now()
        check_registration_window(locked, now)
        existing = live_registration(locked, email_normalised)
        if existing is not None:
            return RegistrationOutcome(registration=existing, created=False)
        counts = occupancy(locked)
        has_place = counts.confirmed < locked.capacity and counts.waitlisted == 0
        registration = Registration.objects.create(
            event=locked,
            name=name.strip(),
            email=email.strip(),
            email_normalised=email_normalised,
            organisation=organisation.strip(),
            position=position.strip(),
            city=city.strip(),
            country=country.strip(),
            language=language,
            status=Status.CONFIRMED if has_place else Status.WAITLISTED,
            registered_at=now,
            consented_at=now,
            confirmed_at=now if has_place else None,
        )
        registration.event = locked
        return RegistrationOutcome(registration=registration, created=True)


def cancel(*, registration: Registration) -> Registration:
    """Cancel a live registration and confirm the first in line if that frees a place.

    Cancelling twice is harmless: the second call returns the cancelled registration.
    """
    with locked_event(registration.event_id) as locked:
        current = Registration.objects.get(pk=registration.pk)
        current.event = locked
        if current.status == Status.CANCELLED:
            return current
        current.status = Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.notice_pending = True
        current.save(update_fields=["status", "cancelled_at", "notice_pending"])
        _fill_places(locked)
        return current


def set_capacity(*, event: Event, capacity: int) -> list[Registration]:
    """Change the capacity. Raising it confirms people from the waiting list in order;
    lowering it never removes anyone already confirmed (nobody new is confirmed until
    the confirmed count falls below the new capacity). Returns those promoted.
    """
    if capacity < 0:
        raise ValueError("capacity cannot be negative")
    with locked_event(event.pk) as locked:
        locked.capacity = capacity
        locked.save(update_fields=["capacity", "updated_at"])
        event.capacity = capacity
        return _fill_places(locked)


def promote_waiting(*, event: Event) -> list[Registration]:
    """Confirm people from the waiting list, in order, while there is room."""
    with locked_event(event.pk) as locked:
        return _fill_places(locked)


def ensure_live(registration: Registration) -> None:
    if registration.status == Status.CANCELLED:
        raise RegistrationCancelled()


def _count(event: Event, status: str) -> int:
    return Registration.objects.filter(event=event, status=status).count()


def _fill_places(locked: Event) -> list[Registration]:
    """Under the event's lock: confirm the earliest waiting while places are free."""
    free = locked.capacity - _count(locked, Status.CONFIRMED)
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.filter(event=locked, status=Status.WAITLISTED).order_by("id")[:free]
    )
    if not promoted:
        return []
    now = timezone.now()
    Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(
        status=Status.CONFIRMED, confirmed_at=now, notice_pending=True
    )
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.notice_pending = True
        registration.event = locked
    return promoted
