"""Versions of the self-assessment instrument: drafting and publishing.

A published version never changes (the admin shows it read-only), so every score can say
which version computed it and mean the same thing forever. Organisers copy the current
version to a draft, edit its definitions, and publish it; publishing rescores every city.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from safecities.cities import scoring
from safecities.cities.errors import InstrumentError
from safecities.cities.models import IndicatorDefinition, InstrumentVersion
from safecities.cities.services.assessment import refresh_all_current_scores


def start_draft(*, from_version: InstrumentVersion, notes: str = "") -> InstrumentVersion:
    """Copy a version's definitions into a new draft numbered one above the highest.

    The draft scores nothing until it is published; the copy leaves the original intact.
    """
    with transaction.atomic():
        number = (InstrumentVersion.objects.aggregate(top=Max("number"))["top"] or 0) + 1
        draft = InstrumentVersion.objects.create(number=number, notes=notes)
        copies = []
        for definition in from_version.definitions.all():
            definition.pk = None
            definition.version = draft
            copies.append(definition)
        IndicatorDefinition.objects.bulk_create(copies)
    return draft


def check_definitions(version: InstrumentVersion) -> list[str]:
    """What would make this version unusable, in plain words (empty when it is fine)."""
    problems = []
    definitions = list(version.definitions.select_related("indicator"))
    if not definitions:
        problems.append(_("The version has no indicators."))
    for d in definitions:
        try:
            scoring.IndicatorRule(code=d.indicator.code, characteristic="", direction=d.direction,
                                  lower=d.lower, upper=d.upper, log_scale=d.log_scale,
                                  kind=d.kind)
        except ValueError:
            problems.append(_("%(code)s: the goalposts do not work (the lower must be below the "
                              "upper, and not below 0 with log scaling).")
                            % {"code": d.indicator.code})
        if d.kind == scoring.RUBRIC and (len(d.rubric_levels) != scoring.RUBRIC_LEVELS
                                         or not all(isinstance(t, str) and t.strip()
                                                    for t in d.rubric_levels)):
            problems.append(_("%(code)s: a rubric needs five level descriptions (0 to 4).")
                            % {"code": d.indicator.code})
    return problems


def publish(*, version: InstrumentVersion) -> InstrumentVersion:
    """Publish a draft: from now on it scores every assessment, and every city's current
    scores are recomputed with it in the same transaction. Refused for a version that is
    already published or whose definitions do not work (``check_definitions``).
    """
    with transaction.atomic():
        version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
        if version.is_published:
            raise InstrumentError(_("This version is already published."))
        problems = check_definitions(version)
        if problems:
            raise InstrumentError(" ".join(problems))
        version.published_at = timezone.now()
        version.save(update_fields=["published_at"])
        refresh_all_current_scores()
    return version
