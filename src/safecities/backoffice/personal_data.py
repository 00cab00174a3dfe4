"""The back-office's part of the privacy rules: the audit trail and announcements.

* Export: the changes organisers made to the person's registration (before and after;
  not who made them), and the announcements sent to them.
* Erasure: every audit-trail entry about the person's registration and the rows hanging
  off it (notes, check-in, reconfirmations; found by ``additional_data.registration_id``
  even when the row is gone) keeps its time, action and status changes, and loses every
  other value; pending announcements to them are dropped. While an erasure runs, the
  trail records nothing (auditlog's switch), so the erasure itself never copies the
  values it removes into the trail; ``record_erasure`` then adds one entry saying that
  the data was erased, by whom, without the values.
"""

from __future__ import annotations

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from safecities.backoffice.models import AnnouncementDelivery, EventRole
from safecities.privacy.personal_data import Person, Provider, Section, json_value
from safecities.registration.models import Note, Registration

ERASED = "[erased]"
# Values that describe the registration's history, not the person: kept after erasure.
HISTORY_FIELDS = frozenset({
    "status", "registered_at", "consented_at", "confirmed_at", "cancelled_at",
    "position_at_registration", "checked_in_at", "answer", "answered_at", "erased_at",
})


def _entries_about(person: Person):
    ids = sorted(person.registrations)
    if not ids:
        return LogEntry.objects.none()
    registration_type = ContentType.objects.get_for_model(Registration)
    note_type = ContentType.objects.get_for_model(Note)
    notes = [str(pk) for pk in Note.objects.filter(registration_id__in=ids)
             .values_list("pk", flat=True)]
    return LogEntry.objects.filter(
        Q(content_type=registration_type, object_pk__in=[str(pk) for pk in ids])
        | Q(additional_data__registration_id__in=ids)
        # Entries written before registration_id was recorded with notes.
        | Q(content_type=note_type, object_pk__in=notes))


def export(person: Person) -> list[Section]:
    changes = Section(key="changes", title=_("Changes made to your registration"), labels={
        "at": _("When"), "record": _("What"), "action": _("Action"), "changes": _("Changes"),
    }, records=[{
        "at": json_value(entry.timestamp), "record": entry.content_type.name,
        "action": entry.get_action_display(), "changes": entry.changes or {},
    } for entry in _entries_about(person).select_related("content_type")
        .order_by("timestamp", "id")])
    announcements = Section(key="announcements", title=_("Announcements sent to you"), labels={
        "subject": _("Subject"), "sent_at": _("Sent"),
    }, records=[{
        "subject": delivery.announcement.subject,
        "sent_at": json_value(delivery.announcement.sent_at),
    } for delivery in AnnouncementDelivery.objects.filter(
        registration_id__in=person.registrations).select_related("announcement")
        .order_by("announcement__sent_at", "id")])
    roles = Section(key="event_roles", title=_("Your roles in the back-office"), labels={
        "event": _("Exchange"), "role": _("Role"), "granted_at": _("Given"),
    }, records=[{
        "event": role.event.title, "role": role.get_role_display(),
        "granted_at": json_value(role.granted_at),
    } for role in EventRole.objects.filter(user_id__in=person.users).select_related("event")
        .order_by("granted_at", "id")])
    return [changes, announcements, roles]


def _scrubbed(changes: object) -> object:
    if not isinstance(changes, dict):
        return None
    return {field: (values if field in HISTORY_FIELDS else [ERASED, ERASED])
            for field, values in changes.items()}


def erase(person: Person) -> int:
    entries = list(_entries_about(person).select_related("content_type"))
    for entry in entries:
        entry.changes = _scrubbed(entry.changes)
        entry.changes_text = ""
        entry.serialized_data = None
        entry.object_repr = f"{entry.content_type.model} #{entry.object_pk}"
    LogEntry.objects.bulk_update(entries, ["changes", "changes_text", "serialized_data",
                                           "object_repr"], batch_size=200)
    # Not sent any more; the row stays (how many an announcement reached), nameless.
    AnnouncementDelivery.objects.filter(registration_id__in=person.registrations,
                                        pending=True).update(pending=False)
    return len(entries) + _erase_roles(person)


def _erase_roles(person: Person) -> int:
    if not person.users:
        return 0
    users = list(get_user_model().objects.filter(pk__in=person.users))
    values = {str(value) for user in users for value in (user.pk, user.get_username())}
    prefixes = tuple(f"{user.get_username()} — " for user in users)
    role_type = ContentType.objects.get_for_model(EventRole)
    entries = [entry for entry in LogEntry.objects.filter(content_type=role_type)
               if entry.object_repr.startswith(prefixes)
               or values & {str(v) for v in (entry.changes or {}).get("user", [])}]
    for entry in entries:
        entry.changes = {field: [ERASED, ERASED] if field == "user" else before_after
                         for field, before_after in (entry.changes or {}).items()}
        entry.changes_text = ""
        entry.serialized_data = None
        entry.object_repr = f"eventrole #{entry.object_pk}"
    LogEntry.objects.bulk_update(entries, ["changes", "changes_text", "serialized_data",
                                           "object_repr"], batch_size=200)
    deleted, _by_model = EventRole.objects.filter(user_id__in=person.users).delete()
    return len(entries) + deleted


provider = Provider(name="backoffice", export=export, erase=erase)
erasure_context = disable_auditlog


def record_erasure(sender, event, registration: Registration, origin: str, **kwargs) -> None:
    """One audit-trail entry: this registration's personal data was erased, by whom (the
    organiser of the request, if any), and nothing of what it was."""
    LogEntry.objects.log_create(
        registration, force_log=True, action=LogEntry.Action.UPDATE,
        changes={"erased_at": [None, json_value(registration.erased_at)]},
        changes_text=f"personal data erased (asked by: {origin})",
    )
