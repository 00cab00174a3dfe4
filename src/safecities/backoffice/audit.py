"""The audit trail: who changed what, when, before and after (django-auditlog).

Model saves are recorded by auditlog's signals, with the signed-in person as the actor
(``AuditlogMiddleware``). Two changes bypass model saves and are recorded here: people
confirmed from the waiting list (the engine updates them in one statement) and the
status change of that promotion. Every entry carries ``additional_data.event_id`` (the
models' ``get_additional_data``), so an event's trail is one filter.
"""

from __future__ import annotations

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db.models import QuerySet

from safecities.events.models import Event
from safecities.registration import signals
from safecities.registration.models import (
    CheckIn,
    Note,
    Question,
    Reconfirmation,
    ReconfirmationRequest,
    Registration,
)


def register_models() -> None:
    from safecities.backoffice.models import Announcement, EventRole

    auditlog.register(Event, exclude_fields=["updated_at", "created_at"])
    # The private link's token and the check-in code are secrets: never copied into the trail.
    auditlog.register(Registration, exclude_fields=[
        "token", "checkin_code", "email_normalised", "notice_pending", "notified_status",
    ])
    auditlog.register(Question)
    auditlog.register(Note)
    auditlog.register(CheckIn)
    auditlog.register(ReconfirmationRequest)
    auditlog.register(Reconfirmation, exclude_fields=["notice_pending"])
    auditlog.register(EventRole)
    auditlog.register(Announcement)
    signals.promoted.connect(_record_promotions, dispatch_uid="audit-promotions")


def _record_promotions(sender, event: Event, promoted: list[Registration], **kwargs) -> None:
    # One entry each, created through auditlog's manager so that the actor of the current
    # request (if any) is filled in by auditlog's own signal, as for any other change.
    for registration in promoted:
        LogEntry.objects.log_create(
            registration, force_log=True, action=LogEntry.Action.UPDATE,
            changes={"status": [Registration.Status.WAITLISTED, Registration.Status.CONFIRMED]},
            changes_text="promoted from the waiting list",
        )


def event_trail(event: Event) -> QuerySet[LogEntry]:
    return (LogEntry.objects.filter(additional_data__event_id=event.pk)
            .select_related("actor", "content_type").order_by("-timestamp", "-id"))


def registration_trail(registration: Registration) -> QuerySet[LogEntry]:
    return (LogEntry.objects.get_for_object(registration)
            .select_related("actor").order_by("timestamp", "id"))
