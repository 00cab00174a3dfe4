from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS

from safecities.events.models import Event
from safecities.registration.models import Registration


class Role(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    CHECKIN = "checkin", _("Check-in staff")
    REVIEWER = "reviewer", _("Reviewer")


class EventRole(models.Model):
    """What one person may do for one event. Without a role, a person sees nothing of it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="roles",
                              verbose_name=_("event"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="event_roles", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("event role")
        verbose_name_plural = _("event roles")
        ordering = ["event", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user", "role"], name="one_role_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.event}"

    def get_additional_data(self) -> dict[str, int]:
        return {"event_id": self.event_id}


class Announcement(models.Model):
    """An email from the organisers to a segment of an event's registrants."""

    class Segment(models.TextChoices):
        CONFIRMED = "confirmed", _("Everyone confirmed")
        WAITLISTED = "waitlisted", _("Everyone on the waiting list")
        CHECKED_IN = "checked_in", _("Everyone checked in")
        EVERYONE = "everyone", _("Everyone not cancelled")
        SELECTION = "selection", _("The registrants of the current filter")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="announcements",
                              verbose_name=_("event"))
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=10000)
    # The same announcement in other languages: {"fr": {"subject": …, "body": …}, …}.
    # ``subject`` and ``body`` above are in the event's default language.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    segment = models.CharField(_("recipients"), max_length=12, choices=Segment.choices)
    segment_description = models.CharField(max_length=300, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                related_name="+", verbose_name=_("sent by"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.subject

    def get_additional_data(self) -> dict[str, int]:
        return {"event_id": self.event_id}

    def text_in(self, language: str) -> tuple[str, str]:
        """Subject and body for a reader of ``language``: its translation if the organiser
        wrote one, else the text in the event's default language."""
        translated = self.translations.get(language) or {}
        if translated.get("subject") and translated.get("body"):
            return translated["subject"], translated["body"]
        return self.subject, self.body

    @property
    def languages(self) -> list[str]:
        """The languages it was written in, the event's default first."""
        return [self.event.default_language, *sorted(self.translations)]


class AnnouncementDelivery(models.Model):
    """One recipient of an announcement, and the queued message once the mail worker made it."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE,
                                     related_name="deliveries")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="announcement_deliveries")
    email = models.ForeignKey("post_office.Email", on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    # Set in the announcing transaction; the mail worker renders and queues, then clears it.
    pending = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("announcement delivery")
        verbose_name_plural = _("announcement deliveries")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["announcement", "registration"],
                                    name="one_delivery_per_recipient"),
        ]
        indexes = [
            models.Index(fields=["id"], condition=models.Q(pending=True),
                         name="announcement_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.announcement_id} → {self.registration_id}"

    # post-office's statuses by name (for templates, which cannot name them).
    @property
    def email_sent(self) -> bool:
        return self.email is not None and self.email.status == STATUS.sent

    @property
    def email_failed(self) -> bool:
        return self.email is not None and self.email.status == STATUS.failed
