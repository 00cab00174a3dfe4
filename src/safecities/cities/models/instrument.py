"""The self-assessment instrument as data: versions, indicators and their definitions.

An *indicator* is a stable identity (a code and the characteristic it measures); the
values cities enter belong to it. What the instrument says about an indicator — its
name, unit, direction, goalposts, scaling, rubric — is a *definition* that belongs to
one *version* of the instrument. A published version is frozen; organisers change the
instrument by copying the current version to a draft, editing it and publishing it
(``services.instrument``). Every assessment says which version scored it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from safecities.cities import scoring
from safecities.practices.models import Characteristic


class InstrumentVersionQuerySet(models.QuerySet):
    def published(self) -> InstrumentVersionQuerySet:
        return self.filter(published_at__isnull=False)


class InstrumentVersion(models.Model):
    number = models.PositiveIntegerField(_("version"), unique=True)
    notes = models.TextField(_("what changed and why"), blank=True)
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True,
        help_text=_("Empty while the version is a draft. The latest published version "
                    "scores every assessment."))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InstrumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        ordering = ["-number"]

    def __str__(self) -> str:
        state = _("published") if self.is_published else _("draft")
        return f"{_('Instrument')} v{self.number} ({state})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Indicator(models.Model):
    """The stable identity of an indicator: the values cities enter belong to it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    characteristic = models.ForeignKey(Characteristic, on_delete=models.PROTECT,
                                       related_name="+", verbose_name=_("characteristic"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code


class IndicatorDefinition(models.Model):
    """What one version of the instrument says about an indicator."""

    class Kind(models.TextChoices):
        NUMBER = scoring.NUMBER, _("Number (0 or more)")
        PERCENTAGE = scoring.PERCENTAGE, _("Percentage (0–100)")
        RUBRIC = scoring.RUBRIC, _("Rubric (levels 0–4)")

    class Direction(models.TextChoices):
        HIGHER = scoring.HIGHER, _("Higher is better")
        LOWER = scoring.LOWER, _("Lower is better")

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE,
                                related_name="definitions", verbose_name=_("version"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT,
                                  related_name="definitions", verbose_name=_("indicator"))
    name = models.CharField(_("name"), max_length=150)
    meaning = models.TextField(_("what it measures"))
    unit = models.CharField(_("unit"), max_length=60)
    kind = models.CharField(_("kind of value"), max_length=12, choices=Kind.choices)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    lower = models.FloatField(_("lower goalpost (L)"))
    upper = models.FloatField(_("upper goalpost (U)"))
    log_scale = models.BooleanField(
        _("scale on log(1 + x)"), default=False,
        help_text=_("For skewed rates such as homicide: small changes at low rates count "
                    "more than the same change at high rates."))
    rubric_levels = models.JSONField(
        _("rubric levels"), default=list, blank=True,
        help_text=_("For rubrics: what levels 0, 1, 2, 3 and 4 mean, as a list of five "
                    "texts."))
    source_hint = models.CharField(_("where to find it"), max_length=200, blank=True)
    sdg_code = models.CharField(_("SDG indicator"), max_length=12, blank=True)
    goalpost_reasoning = models.TextField(_("why these goalposts"), blank=True)

    class Meta:
        verbose_name = _("indicator definition")
        verbose_name_plural = _("indicator definitions")
        ordering = ["version", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "indicator"],
                                    name="one_definition_per_indicator_and_version"),
            models.CheckConstraint(condition=models.Q(lower__lt=models.F("upper")),
                                   name="goalposts_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.name}"

    def rule(self, characteristic_code: str) -> scoring.IndicatorRule:
        return scoring.IndicatorRule(
            code=self.indicator.code, characteristic=characteristic_code,
            direction=self.direction, lower=self.lower, upper=self.upper,
            log_scale=self.log_scale, kind=self.kind,
        )
