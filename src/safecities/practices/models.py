"""The good-practice library. This module starts with the vocabularies and the practice's
identity; the full record (context, intervention, implementation, impact, transfer),
review and search are built on it (issue: good-practice library).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    """A term of a fixed vocabulary: a stable code and a translatable label."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return str(_(self.label))


class Characteristic(Term):
    """One of the seven characteristics of a safe city (AFUS): C1 … C7."""

    class Meta(Term.Meta):
        verbose_name = _("safe-city characteristic")
        verbose_name_plural = _("safe-city characteristics")


class Theme(Term):
    class Meta(Term.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class InterventionType(Term):
    class Meta(Term.Meta):
        verbose_name = _("intervention type")
        verbose_name_plural = _("intervention types")


class TargetGroup(Term):
    class Meta(Term.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Setting(Term):
    class Meta(Term.Meta):
        verbose_name = _("setting")
        verbose_name_plural = _("settings")


class PopulationBand(models.TextChoices):
    UNDER_100K = "under_100k", _("Under 100,000")
    FROM_100K = "100k_500k", _("100,000 – 500,000")
    FROM_500K = "500k_1m", _("500,000 – 1 million")
    FROM_1M = "1m_5m", _("1 – 5 million")
    OVER_5M = "over_5m", _("Over 5 million")


class EvidenceLabel(models.TextChoices):
    """The public label. Derived by the evidence rule, never typed by a person."""

    EFFECTIVE = "effective", _("Effective")
    PROMISING = "promising", _("Promising")
    EMERGING = "emerging", _("Emerging")
    NO_EFFECT = "no_effect", _("No effect")
    HARMFUL = "harmful", _("Harmful")
    SELF_REPORTED = "self_reported", _("Self-reported")


class Practice(models.Model):
    """A practice in the library. Only published practices are ever shown to the public."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2)
    population_band = models.CharField(_("city population"), max_length=12,
                                       choices=PopulationBand.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT)
    main_characteristic = models.ForeignKey(
        Characteristic, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("characteristic it mainly serves"))
    characteristics = models.ManyToManyField(
        Characteristic, blank=True, related_name="practices",
        verbose_name=_("characteristics it serves"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="practices",
                                    verbose_name=_("themes"))
    # Stored for fast search facets; written only by the evidence rule in services.
    label = models.CharField(_("evidence label"), max_length=16, choices=EvidenceLabel.choices,
                             default=EvidenceLabel.SELF_REPORTED, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"slug": self.slug})
