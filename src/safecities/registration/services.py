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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from safecities.events.locking import locked_event
from safecities.events.models import Event
from safecities.mailing.services import queue_rendered
from safecities.privacy.notice import current_version as current_notice_version
from safecities.registration import emails, signals
from safecities.registration.errors import (
    EmailAlreadyRegistered,
    EventNotPublished,
    NoPlaceFree,
    NotFirstInLine,
    NotOnWaitingList,
    RegistrationNotOpen,
    UnknownLanguage,
)
from safecities.registration.models import Answer, Note, Question, Registration, normalise_email
from safecities.registration.queries import waitlist_position

Status = Registration.Status

# Registering an address again emails its private link at most this often.
LINK_RESEND_INTERVAL = timedelta(minutes=10)


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
    answers: Mapping[int, Iterable[str]] | None = None,
) -> RegistrationOutcome:
    """Register a person: confirmed if a place is free and nobody waits, else waiting.

    An email address holds at most one live registration per event: registering it again
    changes nothing and takes no place (``created=False``); the private link of the
    existing registration is emailed to that address (``send_private_link``), never shown
    to whoever registered again — callers must not reveal the registration returned.
    Registration is refused outside the event's window or for an unpublished event.
    Consent to the privacy notice is required; the form checks it, and so does this rule;
    the registration records which version of the notice was agreed to.
    ``answers`` (question id → values, validated by the form) are stored with a new
    registration in the same transaction, so a registration never lacks its answers.
    """
    if not consent:
        raise ValueError("consent is required")
    email_normalised = normalise_email(email)
    notice = current_notice_version()  # the consent record: which text was agreed to
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
            notice_version=notice,
        )
        created = _insert_in_line(registration, capacity=locked.capacity)
        if created and answers:
            Answer.objects.bulk_create(
                Answer(registration_id=registration.pk, question_id=question_id, value=value)
                for question_id, values in answers.items() for value in values
            )
        if not created:
            registration = Registration.objects.get(
                event=locked, email_normalised=email_normalised,
                status__in=[Status.CONFIRMED, Status.WAITLISTED],
            )
            registration.event = locked
    if not created:
        send_private_link(registration=registration)
        return RegistrationOutcome(registration=registration, created=False)
    return RegistrationOutcome(registration=registration, created=True,
                               position=registration.position_at_registration)


def send_private_link(*, registration: Registration) -> bool:
    """Email a live registration's private link to its own address, at most once every
    ``LINK_RESEND_INTERVAL`` per registration (someone registered that address again).

    The message is rendered outside any transaction, then claimed with a conditional update
    of ``link_resent_at`` and queued in one short transaction, so several workers never
    send it twice in the interval. Returns whether a message was queued.
    """
    now = timezone.now()
    if registration.link_resent_at and registration.link_resent_at > now - LINK_RESEND_INTERVAL:
        return False
    message = emails.render_private_link(registration)
    with transaction.atomic():
        claimed = Registration.objects.filter(
            Q(link_resent_at__isnull=True) | Q(link_resent_at__lte=now - LINK_RESEND_INTERVAL),
            pk=registration.pk, status__in=[Status.CONFIRMED, Status.WAITLISTED],
        ).update(link_resent_at=now)
        if claimed:
            queue_rendered(message)
    return bool(claimed)


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
        f"FROM (SELECT ({count}%s) AS confirmed, ({count}%s) AS waiting) "
        f"AS counts"
    )
    columns, values, params = [], [], []
    for field in Registration._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.attname == "status":
            values.append("CASE WHEN line.has_place THEN %s ELSE %s END")
            params += [Status.CONFIRMED.value, Status.WAITLISTED.value]
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
        f"AND email_normalised = %s AND NOT (status = %s)) "
        f"RETURNING id, status, position_at_registration"
    )
    event_id = registration.event_id
    # In the order the placeholders appear: the values, the "line" subquery, the email check.
    # The statuses are parameters from the model's choices, never literals in the SQL.
    params += [capacity, event_id, Status.CONFIRMED.value, event_id, Status.WAITLISTED.value,
               event_id, registration.email_normalised, Status.CANCELLED.value]
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
        cancel_under_lock([current], locked)
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


def update_details(
    *,
    registration: Registration,
    name: str,
    email: str,
    organisation: str,
    position: str,
    city: str,
    country: str,
) -> Registration:
    """Correct a registrant's details. The email stays the key of "one live registration per
    email and event": changing it to one that another live registration holds is refused
    (``EmailAlreadyRegistered``). Status and place in line are untouched.
    """
    email_normalised = normalise_email(email)
    with locked_event(registration.event_id) as locked:
        current = Registration.objects.get(pk=registration.pk)
        current.event = locked
        taken = (Registration.objects.filter(event=locked, email_normalised=email_normalised)
                 .exclude(status=Status.CANCELLED).exclude(pk=current.pk).exists())
        if taken and current.is_live:
            raise EmailAlreadyRegistered()
        current.name, current.email = name.strip(), email.strip()
        current.email_normalised = email_normalised
        current.organisation, current.position = organisation.strip(), position.strip()
        current.city, current.country = city.strip(), country.strip()
        try:
            with transaction.atomic():
                current.save(update_fields=["name", "email", "email_normalised", "organisation",
                                            "position", "city", "country"])
        except IntegrityError as error:  # the database's own guard of the same rule
            raise EmailAlreadyRegistered() from error
        return current


def confirm_from_waiting_list(*, registration: Registration) -> list[Registration]:
    """Confirm a waiting registration by hand — only as the engine would: a place must be
    free and the person must be first in line (the order of arrival is never jumped).
    Confirms, like any promotion, everyone in line up to the free places; returns them.
    """
    with locked_event(registration.event_id) as locked:
        current = Registration.objects.get(pk=registration.pk)
        if current.status != Status.WAITLISTED:
            raise NotOnWaitingList()
        if _count(locked, Status.CONFIRMED) >= locked.capacity:
            raise NoPlaceFree()
        position = waitlist_position(current)
        if position != 1:
            raise NotFirstInLine(position)
        return _fill_places(locked)


def cancel_many(*, registrations: Iterable[Registration]) -> list[Registration]:
    """Cancel several registrations of one event at once, then confirm the first in line
    for the places freed — one locked decision, so the line moves exactly as if they had
    cancelled one by one. Returns those that were live and are now cancelled.
    """
    registrations = list(registrations)
    if not registrations:
        return []
    event_ids = {r.event_id for r in registrations}
    if len(event_ids) != 1:
        raise ValueError("cancel_many takes registrations of one event")
    with locked_event(event_ids.pop()) as locked:
        live = list(Registration.objects.filter(
            pk__in=[r.pk for r in registrations], status__in=[Status.CONFIRMED,
                                                             Status.WAITLISTED]
        ).order_by("id"))
        cancel_under_lock(live, locked)
        return live


def cancel_under_lock(registrations: list[Registration], locked: Event) -> list[Registration]:
    """Inside ``locked_event``: cancel these live registrations, then fill the places freed
    in order. Returns those promoted. (Shared by the rules that cancel several at once.)"""
    now = timezone.now()
    for registration in registrations:
        registration.event = locked
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.notice_pending = True
        registration.save(update_fields=["status", "cancelled_at", "notice_pending"])
    signals.cancelled.send(sender=Registration, event=locked, cancelled=registrations)
    return _fill_places(locked)


def resend_status_notice(*, registrations: Iterable[Registration]) -> int:
    """Send each registrant again the message for their current status (with the private
    link and, when confirmed, the calendar file). Changes no status, so needs no lock: it
    marks the notice pending as if untold; the mail worker writes and queues it.
    """
    ids = [r.pk for r in registrations]
    return Registration.objects.filter(pk__in=ids).update(notice_pending=True,
                                                          notified_status="")


def add_note(*, registration: Registration, author, text: str) -> Note:
    """Keep an organiser's note on a registration (organisers only ever see it)."""
    text = text.strip()
    if not text:
        raise ValueError("a note needs text")
    with transaction.atomic():
        return Note.objects.create(registration=registration, author=author, text=text)


def unsubscribe_from_announcements(*, registration: Registration) -> Registration:
    """Stop announcements to this registrant; the registration and its status notices stay.
    Unsubscribing twice keeps the first time."""
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk,
                                    announcements_opted_out_at__isnull=True).update(
            announcements_opted_out_at=timezone.now())
        registration.refresh_from_db(fields=["announcements_opted_out_at"])
        return registration


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
    signals.promoted.send(sender=Registration, event=locked, promoted=promoted)
    return promoted


def save_question(*, question: Question) -> Question:
    """Add or change one of an event's registration questions (validated by its form).
    Answers already given keep their text even if an option is renamed."""
    with transaction.atomic():
        question.save()
        return question


def delete_question(*, question: Question) -> None:
    """Remove a question from the form, with the answers given to it."""
    with transaction.atomic():
        question.delete()


def change_language(*, registration: Registration, language: str) -> None:
    """Set the language of everything written for a participant from now on (emails,
    letter, certificate, announcements). Only a language the site offers is accepted."""
    if language not in dict(settings.LANGUAGES):
        raise UnknownLanguage(language)
    registration.language = language
    registration.save(update_fields=["language"])
