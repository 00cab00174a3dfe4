"""What the privacy rules keep: the versions of the privacy notice people agreed to, and
the log of data requests (exports and erasures) — neither holding anyone's personal data."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeVersion(models.Model):
    """One text of the privacy notice, as it was shown. A registration records the version
    its person agreed to, so the consent record can show exactly what that was."""

    version = models.CharField(_("version"), max_length=16, unique=True)
    text = models.TextField(_("text of the notice (English)"))
    first_shown_at = models.DateTimeField(_("first shown at"), default=timezone.now)

    class Meta:
        verbose_name = _("privacy notice version")
        verbose_name_plural = _("privacy notice versions")
        ordering = ["-first_shown_at", "-id"]

    def __str__(self) -> str:
        return self.version


class DataRequest(models.Model):
    """One export or erasure of a person's data: when, what, asked by whom (the person,
    an organiser, the retention rule) — never whose."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export")
        ERASURE = "erasure", _("Erasure")

    class Origin(models.TextChoices):
        PERSON = "person", _("The person, through their private link")
        ADDRESS = "address", _("The person, through a link sent to their address")
        ACCOUNT = "account", _("The person, from their account")
        ORGANISER = "organiser", _("An organiser")
        RETENTION = "retention", _("The retention rule")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    origin = models.CharField(_("asked by"), max_length=10, choices=Origin.choices)
    # Which event's data it concerned, if any (no person: an event has many).
    event = models.ForeignKey("events.Event", on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("event"))
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_origin_display()}) {self.at:%Y-%m-%d}"


class AddressLink(models.Model):
    """A link sent to an email address, opening everything held under it (export and
    erasure) for whoever reads that mailbox. Only a digest of the link's secret is kept;
    the address is personal data, so the row goes with the person's erasure and, unused,
    when it expires (the retention rule)."""

    digest = models.CharField(max_length=64, unique=True, editable=False)
    address = models.CharField(_("email address"), max_length=254)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("link to the data under an address")
        verbose_name_plural = _("links to the data under an address")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"
