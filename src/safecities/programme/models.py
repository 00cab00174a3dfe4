"""The programme of an exchange (days, rooms, speakers, sessions), the participants' own
agendas, and the outcomes the rapporteurs write (session summaries, lessons, commitments).

Rules that change these rows live in ``services/``: the clash rules in
``services/timetable.py`` (a room never holds two sessions at once, a person is never in
two places at once, a session lies within the event's days).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecities.events.models import Event
from safecities.languages.content import TranslatedContent
from safecities.practices.models import Characteristic, Practice
from safecities.registration.models import Registration


class Programme(models.Model):
    """What the organisers decide about an event's programme as a whole: whether it is
    public yet, and the outcomes' introduction and publication.
    """

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="programme",
                                 verbose_name=_("event"))
    is_published = models.BooleanField(
        _("programme published"), default=False,
        help_text=_("The timetable, its calendar feed, booklet and API are public only once "
                    "this is ticked."))
    outcomes_introduction = models.TextField(
        _("introduction to the outcomes"), blank=True,
        help_text=_("Opens the outcomes page and report. Markdown: *emphasis*, lists, links."))
    outcomes_published = models.BooleanField(
        _("outcomes published"), default=False,
        help_text=_("The lessons learned, commitments and report are public once ticked."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return str(self.event)


class Day(models.Model):
    """A day of the programme, named by the organisers. Without any, the programme's days
    are the event's dates, first to last.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme_days",
                              verbose_name=_("event"))
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=120, blank=True,
                             help_text=_("For example: “Opening and showcases”."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme day")
        verbose_name_plural = _("programme days")
        ordering = ["event", "date"]
        constraints = [models.UniqueConstraint(fields=["event", "date"], name="one_day_per_date")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}".strip()


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms",
                              verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    accessibility = models.CharField(
        _("accessibility notes"), max_length=300, blank=True,
        help_text=_("Step-free access, hearing loop, interpretation booths…"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["event", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["event", "name"],
                                               name="room_name_unique_per_event")]

    def __str__(self) -> str:
        return self.name


class Speaker(models.Model):
    """A person on the programme: speaker, panellist or chair of sessions of one event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers",
                              verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    biography = models.TextField(_("short biography"), max_length=1500, blank=True)
    # The photo as served: resized and re-encoded by services.timetable.set_speaker_photo.
    # Kept in the database so that every application server can serve it.
    photo = models.BinaryField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["event", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def get_absolute_url(self) -> str:
        return reverse("programme:speaker", kwargs={"slug": self.event.slug, "pk": self.pk})

    @property
    def photo_version(self) -> str:
        """Changes with the photo's bytes, so its address can be cached for a long time."""
        return hashlib.sha256(bytes(self.photo)).hexdigest()[:12] if self.photo else ""

    @property
    def place(self) -> str:
        return ", ".join(part for part in [self.city, self.country] if part)


class Session(TranslatedContent):
    """A slot of the programme. Its title and abstract are written in the event's default
    language and may be given in the others (``session.local.title``)."""

    TRANSLATED_FIELDS = ("title", "abstract")

    class Type(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        SHOWCASE = "showcase", _("Showcase")
        PANEL = "panel", _("Panel")
        WORKSHOP = "workshop", _("Workshop")
        SITE_VISIT = "site_visit", _("Site visit")
        NETWORKING = "networking", _("Networking")
        BREAK = "break", _("Break")

    # Only these may share a room, and only when the organisers say so (shares_room).
    ROOM_SHARING_TYPES = frozenset({Type.BREAK, Type.NETWORKING})

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions",
                              verbose_name=_("event"), db_index=False)
    title = models.CharField(_("title"), max_length=200)
    type = models.CharField(_("type"), max_length=12, choices=Type.choices)
    abstract = models.TextField(_("abstract"), blank=True,
                                help_text=_("Markdown: *emphasis*, lists, links."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(Room, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="sessions", verbose_name=_("room"))
    location = models.CharField(
        _("place"), max_length=200, blank=True,
        help_text=_("Where a session away from the rooms happens, e.g. a site visit's "
                    "meeting point."))
    shares_room = models.BooleanField(
        _("may share its room"), default=False,
        help_text=_("Breaks and networking only: allow another break or networking session "
                    "in the same room at the same time (e.g. coffee in the foyer)."))
    chair = models.ForeignKey(Speaker, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="chaired_sessions", verbose_name=_("chair"))
    speakers = models.ManyToManyField(Speaker, through="SessionSpeaker", blank=True,
                                      related_name="sessions", verbose_name=_("speakers"))
    practices = models.ManyToManyField(
        Practice, blank=True, related_name="programme_sessions",
        verbose_name=_("practices showcased"))
    characteristics = models.ManyToManyField(
        Characteristic, blank=True, related_name="programme_sessions",
        verbose_name=_("safe-city characteristics addressed"))
    rapporteur = models.ForeignKey(
        "Rapporteur", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="sessions", verbose_name=_("rapporteur"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The calendar's SEQUENCE (RFC 5545): one more each time the time or the place changes
    # (``services.timetable.save_session``), so calendars replace the session.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "ends_at", "id"]
        indexes = [models.Index(fields=["event", "starts_at"], name="session_timetable")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="session_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def content_language(self) -> str:
        return self.event.default_language

    def get_absolute_url(self) -> str:
        return reverse("programme:session", kwargs={"slug": self.event.slug, "pk": self.pk})

    def local_starts_at(self) -> datetime:
        return self.starts_at.astimezone(self.event.tz)

    def local_ends_at(self) -> datetime:
        return self.ends_at.astimezone(self.event.tz)

    @property
    def day(self) -> date:
        return self.local_starts_at().date()

    @property
    def place(self) -> str:
        return self.room.name if self.room_id else self.location

    def overlaps(self, other: Session) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


class SessionSpeaker(models.Model):
    """A speaker on a session, in the order they speak."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speaker_links")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="session_links",
                                verbose_name=_("speaker"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "speaker"],
                                               name="speaker_once_per_session")]

    def __str__(self) -> str:
        return str(self.speaker)


class AgendaPick(models.Model):
    """A session a participant starred for their own agenda (through their private link)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="agenda_picks")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="picks")
    picked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda pick")
        verbose_name_plural = _("agenda picks")
        constraints = [models.UniqueConstraint(fields=["registration", "session"],
                                               name="pick_once")]

    def __str__(self) -> str:
        return f"{self.registration_id} → {self.session_id}"


# --- Outcomes --------------------------------------------------------------------------


class Rapporteur(models.Model):
    """The rapporteur role, scoped to one event: the person writes the summaries and
    lessons of the sessions assigned to them there, and nothing else.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rapporteurs",
                              verbose_name=_("event"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="rapporteur_roles", verbose_name=_("user"))

    class Meta:
        verbose_name = _("rapporteur")
        verbose_name_plural = _("rapporteurs")
        constraints = [models.UniqueConstraint(fields=["event", "user"],
                                               name="rapporteur_once_per_event")]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class SessionReport(models.Model):
    """The rapporteur's summary of a session (Markdown, sanitised when shown)."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="report")
    summary = models.TextField(_("summary"), blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session summary")
        verbose_name_plural = _("session summaries")

    def __str__(self) -> str:
        return str(self.session)


class Lesson(models.Model):
    """A lesson learned in a session: a short statement, its explanation, the
    characteristics it serves, the practices it draws on and who proposed it.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="lessons",
                                verbose_name=_("session"))
    statement = models.CharField(_("lesson"), max_length=300)
    explanation = models.TextField(_("explanation"), blank=True,
                                   help_text=_("Markdown: *emphasis*, lists, links."))
    characteristics = models.ManyToManyField(
        Characteristic, related_name="lessons", verbose_name=_("characteristics it serves"))
    practices = models.ManyToManyField(Practice, blank=True, related_name="lessons",
                                       verbose_name=_("practices it draws on"))
    proposed_by = models.CharField(_("proposed by"), max_length=200,
                                   help_text=_("A person, a city or a group."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["session__starts_at", "position", "id"]

    def __str__(self) -> str:
        return self.statement


class Commitment(models.Model):
    """What a city committed to do after the exchange."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="commitments",
                              verbose_name=_("event"))
    session = models.ForeignKey(Session, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="commitments", verbose_name=_("made in session"))
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    statement = models.TextField(_("commitment"), max_length=1000)
    characteristics = models.ManyToManyField(
        Characteristic, blank=True, related_name="commitments",
        verbose_name=_("characteristics it serves"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["country", "city", "id"]

    def __str__(self) -> str:
        return f"{self.city}: {self.statement[:60]}"
