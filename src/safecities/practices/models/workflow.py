"""Calls for practices, contributors' and reviewers' profiles, reviews and decisions."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings as django_settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from safecities.practices.models.practice import (
    DesignStrength,
    Effect,
    Outcome,
    Practice,
    country_code,
)


class Call(models.Model):
    """A call for practices: linked to an event, or standing; open until its deadline."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    event = models.ForeignKey("events.Event", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="calls_for_practices", verbose_name=_("event"))
    guidance = models.TextField(_("guidance"), blank=True,
                                help_text=_("Markdown. What the call looks for, and how "
                                            "practices are judged."))
    opens_at = models.DateTimeField(_("opens at"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True,
                                    help_text=_("Empty for a standing call."))

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("call for practices")
        verbose_name_plural = _("calls for practices")

    def __str__(self) -> str:
        return self.title

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now and (self.deadline is None or now < self.deadline)


class Profile(models.Model):
    """What the library needs to know about a contributor or reviewer: their city (a
    reviewer never reviews a practice of their own city) and whether their email address
    was verified (a contributor can write drafts only after that).
    """

    user = models.OneToOneField(django_settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="library_profile")
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2, blank=True,
                               validators=[country_code])
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("library profile")
        verbose_name_plural = _("library profiles")

    def __str__(self) -> str:
        return str(self.user)



def _score(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)])


class Review(models.Model):
    """One reviewer's assessment of one round of a practice. Created when an organiser
    assigns the reviewer; complete once ``submitted_at`` is set.
    """

    CRITERIA = ("relevance", "evidence", "transferability", "clarity")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="reviews")
    round = models.PositiveSmallIntegerField(_("review round"))
    reviewer = models.ForeignKey(django_settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="practice_reviews", verbose_name=_("reviewer"))
    assigned_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    relevance = _score(_("relevance"))
    relevance_comment = models.TextField(_("comment on relevance"), blank=True)
    evidence = _score(_("evidence"))
    evidence_comment = models.TextField(_("comment on evidence"), blank=True)
    transferability = _score(_("transferability"))
    transferability_comment = models.TextField(_("comment on transferability"), blank=True)
    clarity = _score(_("clarity"))
    clarity_comment = models.TextField(_("comment on clarity"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["practice", "round", "assigned_at"]
        constraints = [models.UniqueConstraint(fields=["practice", "round", "reviewer"],
                                               name="review_once_per_round")]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.practice} — {self.reviewer}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def scores(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in self.CRITERIA}


class OutcomeRating(models.Model):
    """A reviewer's proposed design strength and effect for one outcome."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="ratings")
    design_strength = models.PositiveSmallIntegerField(_("strength of design"),
                                                       choices=DesignStrength.choices)
    effect = models.CharField(_("effect"), max_length=12, choices=Effect.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "outcome"],
                                               name="rating_once_per_outcome")]

    def __str__(self) -> str:
        return f"E{self.design_strength} {self.effect}"


class Decision(models.Model):
    """An organiser's decision on one review round: publish, ask for changes, or decline."""

    class Kind(models.TextChoices):
        PUBLISH = "publish", _("Publish")
        CHANGES = "changes", _("Ask for changes")
        DECLINE = "decline", _("Decline")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="decisions")
    round = models.PositiveSmallIntegerField(_("review round"))
    kind = models.CharField(_("decision"), max_length=8, choices=Kind.choices)
    comments = models.TextField(_("comments to the contributor"), blank=True)
    decided_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.practice}: {self.get_kind_display()}"
