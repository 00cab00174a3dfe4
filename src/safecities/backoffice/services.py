"""Rules of the back-office itself: roles and announcements.
Rules about registrations (cancel, confirm, edit, notes, check-in, reconfirmation) live in
the registration app and are only called from here."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet

from safecities.backoffice.errors import NoRecipients, UnknownPerson
from safecities.backoffice.models import Announcement, AnnouncementDelivery, EventRole
from safecities.events.models import Event
from safecities.registration.models import Registration
from safecities.registration.services import set_capacity

# --- Roles ------------------------------------------------------------------------------


def grant_role(*, event: Event, username: str, role: str) -> EventRole:
    """Give an existing account a role for one event (granting it twice changes nothing)."""
    user = get_user_model().objects.filter(username=username.strip()).first()
    if user is None:
        raise UnknownPerson()
    with transaction.atomic():
        event_role, _ = EventRole.objects.get_or_create(event=event, user=user, role=role)
        return event_role


def revoke_role(*, event_role: EventRole) -> None:
    """Take a role away; the person then sees nothing of the event that role gave."""
    with transaction.atomic():
        event_role.delete()


# --- Announcements ----------------------------------------------------------------------


def announce(
    *,
    event: Event,
    subject: str,
    body: str,
    segment: str,
    recipients: QuerySet[Registration],
    sent_by,
    segment_description: str = "",
    translations: Mapping[str, tuple[str, str]] | None = None,
) -> Announcement:
    """Send an announcement to ``recipients`` (registrations of ``event``): record it and one
    pending delivery per recipient in one transaction; the mail worker queues the messages.
    Cancelled registrations and those who unsubscribed from announcements are left out.
    ``subject`` and ``body`` are in the event's default language; ``translations`` (language
    → subject and body) give other languages, and each recipient gets the text in their own
    language where there is one, else the default (``Announcement.text_in``).
    """
    recipients = recipients.filter(event=event, announcements_opted_out_at__isnull=True).exclude(
        status=Registration.Status.CANCELLED)
    with transaction.atomic():
        ids = list(recipients.order_by("id").values_list("id", flat=True))
        if not ids:
            raise NoRecipients()
        announcement = Announcement.objects.create(
            event=event, subject=subject.strip(), body=body.strip(), segment=segment,
            segment_description=segment_description, sent_by=sent_by,
            translations={
                language: {"subject": text[0].strip(), "body": text[1].strip()}
                for language, text in (translations or {}).items()
                if language != event.default_language and text[0].strip() and text[1].strip()
            },
        )
        AnnouncementDelivery.objects.bulk_create(
            [AnnouncementDelivery(announcement=announcement, registration_id=pk) for pk in ids],
            batch_size=500,
        )
        return announcement


# --- The event's settings ---------------------------------------------------------------

# What the organisers change on the event's settings page; the capacity is not among them:
# it goes through the registration engine (``set_capacity``).
EVENT_SETTINGS_FIELDS = (
    "title", "tagline", "description", "venue", "starts_on", "ends_on", "cost_note",
    "registration_opens_at", "registration_closes_at", "translations",
)


def save_event_settings(*, event: Event, capacity: int) -> list[Registration]:
    """Save an organiser's changes to the event's details (held by ``event``), then its
    capacity through the registration engine: raising it confirms people from the waiting
    list in order, lowering it removes nobody. Both are in the audit trail (the model's
    saves, and the engine's promotions). Returns the people confirmed."""
    with transaction.atomic():
        event.save(update_fields=[*EVENT_SETTINGS_FIELDS, "updated_at"])
        stored = Event.objects.values_list("capacity", flat=True).get(pk=event.pk)
        if stored == capacity:
            return []
        return set_capacity(event=event, capacity=capacity)
