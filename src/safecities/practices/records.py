"""The open-data shape of a practice: the summary every list answers with, and the whole
published record (the JSON API's detail, each version's stored record).

Contact details appear only when the practice says the contact consented.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from safecities.practices.models import Practice

RECORD_PREFETCH = (
    "characteristics", "themes", "settings", "intervention_types", "target_groups",
    "baseline_figures", "partners", "outcomes", "attachments",
)


def with_record(queryset: QuerySet[Practice]) -> QuerySet[Practice]:
    """The queryset with everything ``practice_record`` reads, in a constant number of queries."""
    return queryset.select_related("main_characteristic").prefetch_related(
        *RECORD_PREFETCH, Prefetch("versions", to_attr="version_list"))


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _codes(terms) -> list[str]:
    return [term.code for term in terms.all()]


def _number(value) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def practice_summary(practice: Practice, *, characteristics: list[str], themes: list[str]
                     ) -> dict[str, object]:
    return {
        "slug": practice.slug,
        "title": practice.title,
        "summary": practice.summary,
        "city": practice.city,
        "country": practice.country,
        "population_band": practice.population_band or None,
        "characteristics": characteristics,
        "themes": themes,
        "label": practice.label,
        "is_demo": practice.is_demo,
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
        "url": absolute(practice.get_absolute_url()),
    }


def practice_record(practice: Practice) -> dict[str, object]:
    """The whole published record (``with_record`` loads what it reads)."""
    p = practice
    versions = getattr(p, "version_list", None)
    if versions is None:
        versions = list(p.versions.all())
    record = practice_summary(p, characteristics=_codes(p.characteristics),
                              themes=_codes(p.themes))
    record.update({
        "lead_organisation": p.lead_organisation,
        "contact": ({"role": p.contact_role, "email": p.contact_email}
                    if p.contact_public and p.contact_email else None),
        "language": p.language,
        "languages": p.languages,
        "licence": p.licence,
        "context": {
            "problem": p.problem,
            "baseline_figures": [
                {"indicator": f.indicator, "value": _number(f.value), "unit": f.unit,
                 "year": f.year, "source": f.source} for f in p.baseline_figures.all()],
            "settings": _codes(p.settings),
            "scale": p.scale or None,
            "started_on": p.started_on.isoformat() if p.started_on else None,
            "ended_on": p.ended_on.isoformat() if p.ended_on else None,
            "runs_on": p.runs_on,
        },
        "intervention": {
            "objectives": p.objectives,
            "mechanism": p.mechanism,
            "components": p.components,
            "intervention_types": _codes(p.intervention_types),
            "prevention_level": p.prevention_level or None,
            "target_groups": _codes(p.target_groups),
            "main_characteristic": p.main_characteristic.code if p.main_characteristic else None,
        },
        "implementation": {
            "partners": [{"name": x.name, "kind": x.kind, "role": x.role}
                         for x in p.partners.all()],
            "community_involvement": p.community_involvement,
            "staffing": p.staffing,
            "budget": ({"amount": _number(p.budget_amount), "currency": p.budget_currency,
                        "year": p.budget_year} if p.budget_amount is not None else None),
            "funding_sources": p.funding_sources,
            "enablers": p.enablers,
            "barriers": p.barriers,
            "lessons_learned": p.lessons_learned,
            "would_do_differently": p.would_do_differently,
            "adaptations": p.adaptations,
        },
        "impact": {
            "outcomes": [{
                "indicator": o.indicator, "baseline": _number(o.baseline),
                "follow_up": _number(o.follow_up), "unit": o.unit, "direction": o.direction,
                "data_source": o.data_source,
                "reported": {"design_strength": f"E{o.design_strength}", "effect": o.effect},
                "agreed": ({"design_strength": f"E{o.agreed_strength}",
                            "effect": o.agreed_effect}
                           if o.agreed_strength is not None else None),
            } for o in p.outcomes.all()],
            "unintended_effects": p.unintended_effects,
            "costs_and_benefits": p.costs_and_benefits,
        },
        "transfer": {
            "preconditions": p.preconditions,
            "worked_contexts": p.worked_contexts,
            "failed_contexts": p.failed_contexts,
            "transferred_to": p.transferred_to,
            "offers_study_visit": p.offers_study_visit,
            "offers_mentoring": p.offers_mentoring,
        },
        "attachments": [
            {"title": a.title, "kind": a.kind, "content_type": a.content_type,
             "size": a.size, "licence": a.licence,
             "url": absolute(reverse("practices:attachment", args=[p.slug, a.pk]))}
            for a in p.attachments.all()],
        "versions": [{"number": v.number, "published_at": v.published_at.isoformat()}
                     for v in versions],
    })
    return record
