from __future__ import annotations

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecities.events.models import Event

# Unambiguous characters for references people read aloud or type from a letter.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    return "SCX-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def normalise_email(email: str) -> str:
    return email.strip().lower()


class Registration(models.Model):
    """One person's request for a place at an event.

    The primary key is the order of arrival: registrations are inserted under the event's
    lock (see ``safecities.events.locking``), so ids grow in commit order.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    # No index of its own: the "registration_line" index starts with the event.
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations",
                              verbose_name=_("event"), db_index=False)
    reference = models.CharField(_("reference"), max_length=16, unique=True, default=new_reference)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("email"), max_length=254)
    email_normalised = models.CharField(max_length=254, editable=False)
    organisation = models.CharField(_("organisation"), max_length=200)
    position = models.CharField(_("position"), max_length=150)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    registered_at = models.DateTimeField(_("registered at"))
    consented_at = models.DateTimeField(_("consent given at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # The participant is told of every status change by email. The change sets
    # notice_pending in the same transaction; the mail worker queues the message and
    # records which status it reported (see registration.emails.queue_pending_notices).
    notice_pending = models.BooleanField(default=True, editable=False)
    # Where they joined the line (None if confirmed at once): a fact of history, never
    # updated. The current position is always derived (queries.waitlist_position).
    position_at_registration = models.PositiveIntegerField(
        _("place in line when registering"), null=True, blank=True, editable=False
    )
    notified_status = models.CharField(max_length=12, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["event", "status", "id"], name="registration_line"),
            models.Index(fields=["id"], condition=models.Q(notice_pending=True),
                         name="registration_notice_pending"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_normalised"],
                condition=~models.Q(status="cancelled"),
                name="one_live_registration_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("registration:manage", kwargs={"token": self.token})

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.CANCELLED
