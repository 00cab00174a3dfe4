"""The fixed vocabularies (seeded, editable by organisers): codes are stable, labels translate."""

from __future__ import annotations

from django.db import models
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
