from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safecities.languages.content import TranslatedContent
from safecities.privacy.retention import add_months


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone. Use a name such as Africa/Johannesburg."),
            params={"value": value},
        )


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("street address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.place

    @staticmethod
    def _joined(*parts: str) -> str:
        # "-" is what events created before the venue was known hold in an empty city.
        return ", ".join(part for part in parts if part.strip() not in ("", "-"))

    @property
    def place(self) -> str:
        """Name and city, leaving out what is not known yet ("" when nothing is)."""
        return self._joined(self.name, self.city)

    @property
    def full_place(self) -> str:
        """Name, street address, city and country, leaving out what is not known yet."""
        return self._joined(self.name, self.address, self.city, self.country)


class EventQuerySet(models.QuerySet):
    def published(self) -> EventQuerySet:
        return self.filter(is_published=True)


class Event(TranslatedContent):
    """An exchange: a few days in one venue, free, with a limited number of places.

    Its texts are written in ``default_language``, and may be given in the others
    (``translations``; ``event.local.title`` is the title in the visitor's language)."""

    TRANSLATED_FIELDS = ("title", "tagline", "description", "cost_note")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    tagline = models.CharField(_("tag line"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    host = models.CharField(_("host"), max_length=200, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Africa/Johannesburg", validators=[validate_timezone]
    )
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="events",
                              verbose_name=_("venue"))
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(0)],
        help_text=_("Places that can be confirmed. Raising it confirms people from the waiting "
                    "list in order; lowering it never removes anyone already confirmed."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True,
        help_text=_("Leave empty to keep registration open until the first day begins."),
    )
    contact_email = models.EmailField(_("contact email"))
    cost_note = models.CharField(
        _("cost"), max_length=300, blank=True,
        default=_("Participation is free. Participants arrange and pay for their own "
                  "accommodation and transport."),
    )
    # The language of the texts above, and of messages and documents for a person whose own
    # language the site does not offer (docs/translation.md).
    default_language = models.CharField(
        _("default language"), max_length=10, choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the texts of this event are written in. A participant "
                    "receives messages and documents in their own language, or in this one."))
    is_published = models.BooleanField(_("published"), default=False)
    # The retention rule (docs/privacy.md): empty means the site's default from settings.
    registration_retention_months = models.PositiveSmallIntegerField(
        _("keep registrations for (months after the event)"), null=True, blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("Leave empty for the site's default. Then personal data of registrations "
                    "is erased by the daily retention run."))
    enquiry_retention_months = models.PositiveSmallIntegerField(
        _("keep questions for (months)"), null=True, blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("Leave empty for the site's default."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The calendar file's SEQUENCE (RFC 5545): one more each time the dates, the venue or the
    # time zone change, so calendars that hold the event replace it (``save``).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def content_language(self) -> str:
        return self.default_language

    # What a calendar shows of the event: a change of these is a new version of it.
    CALENDAR_FIELDS = ("starts_on", "ends_on", "venue_id", "timezone")

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None
                        or set(update_fields) & {"starts_on", "ends_on", "venue", "timezone"}):
            stored = (Event.objects.filter(pk=self.pk)
                      .values_list("sequence", *self.CALENDAR_FIELDS).first())
            if stored is not None:
                sequence, *before = stored
                after = [getattr(self, name) for name in self.CALENDAR_FIELDS]
                self.sequence = sequence + (before != after)
                if update_fields is not None and before != after:
                    kwargs["update_fields"] = {*update_fields, "sequence"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def get_additional_data(self) -> dict[str, int]:
        """Stored with each audit-trail entry, so an event's trail is one filter."""
        return {"event_id": self.pk}

    @property
    def has_ended(self) -> bool:
        return timezone.localdate(timezone.now(), self.tz) > self.ends_on

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})
        if (self.registration_opens_at and self.registration_closes_at
                and self.registration_closes_at <= self.registration_opens_at):
            raise ValidationError(
                {"registration_closes_at": _("Registration must close after it opens.")}
            )

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def starts_at(self) -> datetime:
        """The start of the first day, in the event's time zone."""
        return datetime.combine(self.starts_on, datetime.min.time(), tzinfo=self.tz)

    @property
    def effective_closes_at(self) -> datetime:
        return self.registration_closes_at or self.starts_at

    @property
    def registration_months_kept(self) -> int:
        if self.registration_retention_months is not None:
            return self.registration_retention_months
        return settings.PRIVACY_REGISTRATION_RETENTION_MONTHS

    @property
    def enquiry_months_kept(self) -> int:
        if self.enquiry_retention_months is not None:
            return self.enquiry_retention_months
        return settings.PRIVACY_ENQUIRY_RETENTION_MONTHS

    @property
    def registrations_erased_on(self) -> date:
        """The first day on which the retention rule erases this event's registrations:
        the day after the last day, ``registration_months_kept`` months later."""
        return add_months(self.ends_on, self.registration_months_kept) + timedelta(days=1)

    def registration_is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.registration_opens_at <= now < self.effective_closes_at


class Enquiry(models.Model):
    """A question sent to the organisers through the enquiry form; kept so none is lost."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="enquiries",
                              verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), max_length=254)
    subject = models.CharField(_("subject"), max_length=150)
    message = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.subject} ({self.email})"
