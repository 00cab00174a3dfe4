"""The messages that tell a participant of their registration's status.

Services only mark a registration's notice as pending; ``queue_pending_notices`` (run by
the mail worker) writes the message for the status the registration has *now* into the
mail queue and records it as told, both in one transaction. So a status change is never
left untold, a message is queued once, and two quick changes (waiting, then promoted)
produce one accurate message rather than a stale one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction

from safecities.events.calendar import event_calendar
from safecities.mailing.services import FileToAttach, queue_email
from safecities.registration.models import Registration
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


def queue_notice(registration: Registration) -> None:
    template = notice_template(registration)
    if template is None or registration.notified_status == registration.status:
        return
    event = registration.event
    attachments: tuple[FileToAttach, ...] = ()
    if registration.status == Status.CONFIRMED:
        attachments = (FileToAttach("event.ics", event_calendar(event), "text/calendar"),)
    queue_email(
        to=[registration.email],
        template=f"registration/email/{template}",
        context={
            "registration": registration,
            "event": event,
            "position": waitlist_position(registration),
            "manage_url": settings.SITE_URL + registration.get_absolute_url(),
            "event_url": settings.SITE_URL + event.get_absolute_url(),
        },
        reply_to=[event.contact_email],
        attachments=attachments,
        language=registration.language,
    )


def queue_pending_notices(limit: int = 200) -> int:
    """Queue the email for every registration whose status changed since it was last told."""
    with transaction.atomic():
        pending = Registration.objects.filter(notice_pending=True).select_related(
            "event__venue").order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True, of=("self",))
        pending = list(pending[:limit])
        for registration in pending:
            queue_notice(registration)
            registration.notified_status = registration.status
            registration.notice_pending = False
        Registration.objects.bulk_update(pending, ["notified_status", "notice_pending"])
        return len(pending)
