"""Bilateral meetings at an exchange: who opts in, the slots and tables, the requests.

No person and no table is ever booked twice in a slot. The services decide under the
event's lock (``safecities.events.locking.locked_event``), and the database enforces it
as well: one booking per (slot, participant) and one accepted meeting per (slot, table).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from safecities.cities.models.profiles import City
from safecities.events.models import Event
from safecities.registration.models import Registration


class MeetingProfile(models.Model):
    """A confirmed participant who opted in to bilateral meetings."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE,
                                        related_name="meeting_profile",
                                        verbose_name=_("registration"))
    city = models.ForeignKey(City, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("city represented"))
    interests = models.CharField(_("what you would like to discuss"), max_length=300,
                                 blank=True)
    opted_in = models.BooleanField(_("open to meetings"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting profile")
        verbose_name_plural = _("meeting profiles")

    def __str__(self) -> str:
        return str(self.registration)


class MeetingSlot(models.Model):
    """A time set aside for meetings (a break, a lunch), set by the organisers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_slots",
                              verbose_name=_("event"))
    label = models.CharField(_("label"), max_length=100, blank=True,
                             help_text=_("e.g. “Tea break, day 1”"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        ordering = ["starts_at", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="meeting_slot_ends_after_it_starts")]

    def __str__(self) -> str:
        return self.label or f"{self.starts_at:%Y-%m-%d %H:%M}"


class MeetingTable(models.Model):
    """A table in the meeting area."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_tables",
                              verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "name"],
                                               name="meeting_table_name_unique_per_event")]

    def __str__(self) -> str:
        return self.name


class MeetingRequest(models.Model):
    """One participant asks another for a meeting; accepted, it holds a slot and a table."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests",
                              verbose_name=_("event"))
    requester = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("asked by"))
    invitee = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("asked"))
    message = models.TextField(_("message"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    slot = models.ForeignKey(MeetingSlot, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="meetings", verbose_name=_("slot"))
    table = models.ForeignKey(MeetingTable, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="meetings", verbose_name=_("table"))
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Set by the service in its transaction; the mail worker tells both people
    # (cities.emails.queue_meeting_notices), as registration notices are told.
    notice_pending = models.BooleanField(default=True, editable=False)
    notified_status = models.CharField(max_length=10, blank=True, editable=False)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(requester=models.F("invitee")),
                                   name="meeting_between_two_people"),
            models.UniqueConstraint(fields=["slot", "table"], name="one_meeting_per_table_slot"),
            models.CheckConstraint(
                condition=(models.Q(status="accepted", slot__isnull=False, table__isnull=False)
                           | (~models.Q(status="accepted") & models.Q(slot__isnull=True,
                                                                     table__isnull=True))),
                name="accepted_meeting_has_slot_and_table"),
        ]
        indexes = [models.Index(fields=["id"], condition=models.Q(notice_pending=True),
                                name="meeting_notice_pending")]

    def __str__(self) -> str:
        return f"{self.requester.name} → {self.invitee.name} ({self.get_status_display()})"


class MeetingBooking(models.Model):
    """A participant's place in a slot: the database's guard against double booking."""

    meeting = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE,
                                related_name="bookings")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.PROTECT, related_name="bookings")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["slot", "registration"],
                                               name="one_meeting_per_person_and_slot")]

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.slot_id}"
