from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safecities.events.models import Event

# Unambiguous characters for references people read aloud or type from a letter.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    return "SCX-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_checkin_code() -> str:
    """The opaque code in a badge's QR code: it identifies the registration at the door and
    nothing else (it is not the private link, and reveals neither name nor reference)."""
    return "C" + secrets.token_urlsafe(15)


def normalise_email(email: str) -> str:
    return email.strip().lower()


class RegistrationStatus(models.TextChoices):
    """A registration's status (``Registration.Status``); module level so that the model's
    constraints can name its values too."""

    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """One person's request for a place at an event.

    The primary key is the order of arrival: registrations are inserted under the event's
    lock (see ``safecities.events.locking``), so ids grow in commit order.
    """

    Status = RegistrationStatus

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
    # The language they registered in (changeable on their private page): every message and
    # document for them is written in it (``written_language``).
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    registered_at = models.DateTimeField(_("registered at"))
    consented_at = models.DateTimeField(_("consent given at"))
    # The consent record: which text of the privacy notice was agreed to (None for
    # registrations made before versions were kept).
    notice_version = models.ForeignKey(
        "privacy.NoticeVersion", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", editable=False, verbose_name=_("privacy notice agreed to"))
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
    # The event's calendar SEQUENCE in the file last sent to them (None: none sent). When the
    # event's dates or venue change, the mail worker sends the new version to those behind
    # (registration.emails.queue_event_changes).
    calendar_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    checkin_code = models.CharField(_("check-in code"), max_length=24, unique=True,
                                    default=new_checkin_code, editable=False)
    # Announcements only: status notices (confirmed, promoted, cancelled…) are always sent.
    announcements_opted_out_at = models.DateTimeField(
        _("unsubscribed from announcements at"), null=True, blank=True, editable=False
    )
    # Set when the person's data was erased (registration.personal_data): the row keeps its
    # place in line, status and times for honest counts, and nothing about the person.
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True,
                                     editable=False)
    # When the private link was last emailed because someone registered this address again
    # (services.register): at most once every LINK_RESEND_INTERVAL, so a stranger cannot
    # flood the address.
    link_resent_at = models.DateTimeField(null=True, blank=True, editable=False)

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
                condition=~models.Q(status=RegistrationStatus.CANCELLED),
                name="one_live_registration_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}" if self.name else self.reference

    def get_absolute_url(self) -> str:
        return reverse("registration:manage", kwargs={"token": self.token})

    # For templates, which cannot name the choices: never compare the status to a literal.
    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_cancelled(self) -> bool:
        return self.status == RegistrationStatus.CANCELLED

    @property
    def written_language(self) -> str:
        """The language of everything written for this person: theirs if the site offers it,
        else the event's default."""
        if self.language in dict(settings.LANGUAGES):
            return self.language
        return self.event.default_language

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.CANCELLED

    def get_additional_data(self) -> dict[str, int]:
        """Stored with each audit-trail entry, so an event's trail is one filter."""
        return {"event_id": self.event_id, "registration_id": self.pk}


class Question(models.Model):
    """A question an event adds to its registration form (dietary needs, days attended…)."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        YES_NO = "yes_no", _("Yes or no")

    CHOICE_KINDS = (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions",
                              verbose_name=_("event"))
    key = models.SlugField(
        _("key"), max_length=50,
        help_text=_("A short stable name used in exports and the API, e.g. dietary-needs."),
    )
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=16, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(_("options"), default=list, blank=True,
                               help_text=_("For single and multiple choice: the options."))
    detail_choice = models.CharField(
        _("option that asks for more"), max_length=200, blank=True,
        help_text=_("For single choice: the option (such as “Other”) that shows a text field "
                    "the person must fill in when they choose it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["event", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "key"], name="question_key_per_event"),
        ]

    def __str__(self) -> str:
        return self.label

    def get_additional_data(self) -> dict[str, int]:
        return {"event_id": self.event_id}


class Answer(models.Model):
    """One value of a registrant's answer: a multiple-choice answer has one row per option
    chosen, so "who chose X" is a plain filter."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(_("answer"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question__order", "question_id", "id"]
        indexes = [models.Index(fields=["question", "registration"], name="answer_by_question")]

    def __str__(self) -> str:
        return self.value


class Note(models.Model):
    """An organiser's note on a registration; seen by organisers only."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("author"))
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    def get_additional_data(self) -> dict[str, int]:
        # registration_id: erasing the person finds every entry about them, even for rows
        # deleted since (registration.personal_data).
        return {"event_id": self.registration.event_id, "registration_id": self.registration_id}


class CheckIn(models.Model):
    """A participant seen at the door: at most one per registration (a second scan finds it)."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE,
                                        related_name="checkin")
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, related_name="+",
                                      verbose_name=_("checked in by"))

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-checked_in_at"]

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.checked_in_at:%Y-%m-%d %H:%M}"

    def get_additional_data(self) -> dict[str, int]:
        # registration_id: erasing the person finds every entry about them, even for rows
        # deleted since (registration.personal_data).
        return {"event_id": self.registration.event_id, "registration_id": self.registration_id}


class ReconfirmationRequest(models.Model):
    """ "Are you still coming?", asked of everyone confirmed at the time, with a deadline."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE,
                              related_name="reconfirmation_requests")
    deadline = models.DateTimeField(_("answer by"))
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, related_name="+")
    released_at = models.DateTimeField(_("non-responders released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reconfirmation request")
        verbose_name_plural = _("reconfirmation requests")
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return f"{self.event} (by {self.deadline:%Y-%m-%d})"

    def get_additional_data(self) -> dict[str, int]:
        return {"event_id": self.event_id}


class Reconfirmation(models.Model):
    """One participant's answer to a reconfirmation request (blank until they answer)."""

    class Reply(models.TextChoices):
        YES = "yes", _("Still coming")
        NO = "no", _("Not coming")

    request = models.ForeignKey(ReconfirmationRequest, on_delete=models.CASCADE,
                                related_name="reconfirmations")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="reconfirmations")
    answer = models.CharField(_("answer"), max_length=3, choices=Reply.choices, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Set when asked; the mail worker queues the message (registration.emails).
    notice_pending = models.BooleanField(default=True, editable=False)

    class Meta:
        verbose_name = _("reconfirmation")
        verbose_name_plural = _("reconfirmations")
        constraints = [
            models.UniqueConstraint(fields=["request", "registration"],
                                    name="one_reconfirmation_per_request"),
        ]
        indexes = [
            models.Index(fields=["id"], condition=models.Q(notice_pending=True),
                         name="reconfirmation_notice_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.answer or '-'}"

    def get_additional_data(self) -> dict[str, int]:
        return {"event_id": self.request.event_id, "registration_id": self.registration_id}
