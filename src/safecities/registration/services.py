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

from django.db import connection
from django.utils import timezone

from safecities.events.locking import locked_event
from safecities.events.models import Event
from safecities.registration.errors import (
    EventNotPublished,
    RegistrationCancelled,
    RegistrationNotOpen,
)
from safecities.registration.models import Registration, normalise_email
from safecities.registration.queries import waitlist_position

Status = Registration.Status


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    created: bool
    # The position in line at the moment of registering (None unless waiting); read under
    # the lock, so the answer needs no further query.
    position: int | None = None


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
        registration = Registration(
            event=locked,
            name=name.strip(),
            email=email.strip(),
            email_normalised=email_normalised,
            organisation=organisation.strip(),
            position=position.strip(),
            city=city.strip(),
            country=country.strip(),
            language=language,
            registered_at=now,
            consented_at=now,
        )
        created = _insert_in_line(registration, capacity=locked.capacity)
        if not created:
            registration = Registration.objects.get(
                event=locked, email_normalised=email_normalised,
                status__in=[Status.CONFIRMED, Status.WAITLISTED],
            )
            registration.event = locked
    position = registration.position_at_registration if created else (
        waitlist_position(registration))
    return RegistrationOutcome(registration=registration, created=created, position=position)


def _insert_in_line(registration: Registration, *, capacity: int) -> bool:
    """Under the event's lock: insert ``registration`` confirmed if a place is free and
    nobody waits, else waiting — unless its email already holds a live registration.

    The decision and the insert are one SQL statement (one round trip while the lock is
    held; every part answered from an index). Returns whether a row was inserted, and
    sets the row's id, status, confirmation time and place in line on ``registration``.
    """
    # Only identifiers from our own model are formatted in; every value is a parameter.
    table = connection.ops.quote_name(Registration._meta.db_table)
    count = f"SELECT COUNT(*) FROM {table} WHERE event_id = %s AND status = "
    line = (
        f"SELECT counts.confirmed < %s AND counts.waiting = 0 AS has_place, counts.waiting "
        f"FROM (SELECT ({count}'confirmed') AS confirmed, ({count}'waitlisted') AS waiting) "
        f"AS counts"
    )
    columns, values, params = [], [], []
    for field in Registration._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.attname == "status":
            values.append("CASE WHEN line.has_place THEN 'confirmed' ELSE 'waitlisted' END")
        elif field.attname == "confirmed_at":
            values.append("CASE WHEN line.has_place THEN %s END")
            params.append(field.get_db_prep_save(registration.registered_at, connection))
        elif field.attname == "position_at_registration":
            values.append("CASE WHEN line.has_place THEN NULL ELSE line.waiting + 1 END")
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(getattr(registration, field.attname),
                                                 connection))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM ({line}) AS line "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE event_id = %s "
        f"AND email_normalised = %s AND NOT (status = 'cancelled')) "
        f"RETURNING id, status, position_at_registration"
    )
    event_id = registration.event_id
    # In the order the placeholders appear: the values, the "line" subquery, the email check.
    params += [capacity, event_id, event_id, event_id, registration.email_normalised]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    registration.pk, registration.status, registration.position_at_registration = row
    registration.confirmed_at = (
        registration.registered_at if registration.status == Status.CONFIRMED else None
    )
    registration._state.adding = False
    return True


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
