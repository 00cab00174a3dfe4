"""The messages that tell a participant of their registration's status.

Services only mark a registration's notice as pending; ``queue_pending_notices`` (run by
the mail worker) renders the message for the status the registration has *now*, then, in
one short transaction, records it as told *only if the status is still the one it
rendered* and queues the message. So a status change is never left untold, a message is
queued once even with several workers, two quick changes (waiting, then promoted) produce
one accurate message, and the database's write lock is never held while rendering.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation

from safecities.events.calendar import CANCEL, event_calendar
from safecities.mailing.services import (
    FileToAttach,
    RenderedEmail,
    calendar_file,
    queue_rendered,
    render_email,
)
from safecities.privacy.personal_data import mail_key
from safecities.registration.models import Reconfirmation, Registration
from safecities.registration.queries import waitlist_position

Status = Registration.Status


def notice_template(registration: Registration) -> str | None:
    """Which message reports this registration's current status, given what it was told."""
    told = registration.notified_status
    if registration.status == Status.CONFIRMED:
        return "promoted" if told == Status.WAITLISTED else "confirmed"
    if registration.status == Status.WAITLISTED:
        return "waitlisted"
    if registration.status == Status.CANCELLED:
        return "cancelled"
    return None


def render_notice(registration: Registration) -> RenderedEmail | None:
    template = notice_template(registration)
    if template is None or registration.notified_status == registration.status:
        return None
    event = registration.event
    attachments: tuple[FileToAttach, ...] = ()
    if registration.status == Status.CONFIRMED:
        with translation.override(registration.written_language):
            calendar = event_calendar(event)
        attachments = (calendar_file("event.ics", calendar),)
    elif (registration.status == Status.CANCELLED
          and registration.notified_status == Status.CONFIRMED):
        # They were sent the event's calendar file: take it out of their calendar.
        with translation.override(registration.written_language):
            calendar = event_calendar(event, method=CANCEL, attendee=registration.email)
        attachments = (calendar_file("event.ics", calendar),)
    return render_email(
        to=[registration.email],
        template=f"registration/email/{template}",
        context={
            "registration": registration,
            "event": event,
            "position": waitlist_position(registration),
            "manage_url": settings.SITE_URL + registration.get_absolute_url(),
            "meetings_url": settings.SITE_URL + reverse("cities:meetings",
                                                        args=[registration.token]),
            "event_url": settings.SITE_URL + event.get_absolute_url(),
        },
        about=[mail_key("registration", registration.pk)],
        reply_to=[event.contact_email],
        attachments=attachments,
        language=registration.written_language,
    )


def _sequence_sent(registration: Registration, message: RenderedEmail | None) -> int | None:
    """The event's SEQUENCE in the calendar file this notice carries (None: no live copy)."""
    if registration.status != Status.CONFIRMED:
        return None
    if message is None:  # nothing new to tell: they keep the copy they had
        return registration.calendar_sequence
    return registration.event.sequence


def render_event_changed(registration: Registration) -> RenderedEmail:
    """The event's dates or venue changed: the new version of its calendar file."""
    event = registration.event
    with translation.override(registration.written_language):
        calendar = event_calendar(event)
    return render_email(
        to=[registration.email],
        template="registration/email/event_changed",
        context={
            "registration": registration,
            "event": event,
            "manage_url": settings.SITE_URL + registration.get_absolute_url(),
            "event_url": settings.SITE_URL + event.get_absolute_url(),
        },
        about=[mail_key("registration", registration.pk)],
        reply_to=[event.contact_email],
        attachments=(calendar_file("event.ics", calendar),),
        language=registration.written_language,
    )


def queue_event_changes(limit: int = 50) -> int:
    """Send the event's new calendar version to confirmed participants who hold an older
    one (its dates or venue changed: ``Event.sequence`` grew). Rendered outside any
    transaction, claimed with a conditional update on the sequence they hold, queued once
    even with several workers. Returns how many it handled; 0 means none is behind."""
    behind = list(
        Registration.objects.filter(
            status=Status.CONFIRMED, notice_pending=False, erased_at__isnull=True,
            calendar_sequence__isnull=False, calendar_sequence__lt=F("event__sequence"))
        .select_related("event__venue").order_by("id")[:limit]
    )
    for registration in behind:
        message = render_event_changed(registration)
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, status=Status.CONFIRMED,
                calendar_sequence=registration.calendar_sequence,
            ).update(calendar_sequence=registration.event.sequence)
            if claimed:
                queue_rendered(message)
    return len(behind)


def render_private_link(registration: Registration) -> RenderedEmail:
    """Someone registered this address again: its private link, sent to the address only."""
    event = registration.event
    return render_email(
        to=[registration.email],
        template="registration/email/private_link",
        context={
            "registration": registration,
            "event": event,
            "manage_url": settings.SITE_URL + registration.get_absolute_url(),
        },
        about=[mail_key("registration", registration.pk)],
        reply_to=[event.contact_email],
        language=registration.written_language,
    )


def queue_pending_notices(limit: int = 50) -> int:
    """Queue the email for registrations whose status changed since they were last told.

    Returns how many registrations it handled (told, or found already told by another
    worker); 0 means nothing is pending.
    """
    pending = list(
        Registration.objects.filter(notice_pending=True).select_related("event__venue")
        .order_by("id")[:limit]
    )
    for registration in pending:
        message = render_notice(registration)
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, status=registration.status, notice_pending=True
            ).update(notice_pending=False, notified_status=registration.status,
                     calendar_sequence=_sequence_sent(registration, message))
            if claimed and message is not None:
                queue_rendered(message)
    return len(pending)


def render_reconfirmation(reconfirmation: Reconfirmation) -> RenderedEmail:
    registration = reconfirmation.registration
    event = registration.event
    deadline = timezone.localtime(reconfirmation.request.deadline, event.tz)
    return render_email(
        to=[registration.email],
        template="registration/email/reconfirm",
        context={
            "registration": registration,
            "event": event,
            "deadline": formats.date_format(deadline, "DATETIME_FORMAT"),
            "reconfirm_url": settings.SITE_URL + reverse(
                "registration:reconfirm", kwargs={"token": registration.token}),
            "manage_url": settings.SITE_URL + registration.get_absolute_url(),
        },
        about=[mail_key("registration", registration.pk)],
        reply_to=[event.contact_email],
        language=registration.written_language,
    )


def queue_pending_reconfirmations(limit: int = 50) -> int:
    """Queue the "are you still coming?" messages of a reconfirmation request: rendered
    outside any transaction, claimed with a conditional update, queued once; not sent to
    anyone no longer confirmed by then."""
    pending = list(
        Reconfirmation.objects.filter(notice_pending=True)
        .select_related("registration__event__venue", "request").order_by("id")[:limit]
    )
    for reconfirmation in pending:
        registration = reconfirmation.registration
        message = None
        if registration.status == Status.CONFIRMED and not reconfirmation.answer:
            message = render_reconfirmation(reconfirmation)
        with transaction.atomic():
            claimed = Reconfirmation.objects.filter(pk=reconfirmation.pk,
                                                    notice_pending=True).update(
                notice_pending=False)
            if claimed and message is not None:
                queue_rendered(message)
    return len(pending)
