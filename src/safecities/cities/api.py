"""Public JSON API for cities (read-only). Documented in docs/api.md.

The same reads as the pages: the assessment from ``queries``, the recommendations from
``recommendations``.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from safecities.cities import scoring
from safecities.cities.models import City
from safecities.cities.queries import current_instrument, history_of, observations_of
from safecities.cities.recommendations import recommend
from safecities.events.api import not_found


def _city(slug: str) -> City | None:
    return City.objects.filter(slug=slug).first()


@require_safe
def city_list(request):
    rows = City.objects.order_by("name", "country").values(
        "slug", "name", "country", "population", "population_band")
    return JsonResponse({"results": list(rows)})


def assessment_document(assessment: scoring.Assessment, units: dict[str, str]) -> dict:
    return {
        "year": assessment.year,
        "version": assessment.version,
        "characteristics": {
            code: {
                "score": result.score,
                "status": result.status,
                "indicators": [{
                    "code": item.code,
                    "value": item.observation.value if item.observation else None,
                    "unit": units[item.code],
                    "year": item.observation.year if item.observation else None,
                    "source": item.observation.source if item.observation else None,
                    "score": item.score,
                } for item in result.indicators],
            }
            for code, result in assessment.characteristics.items()
        },
    }


@require_safe
def assessment(request, slug: str):
    city = _city(slug)
    if city is None:
        return not_found(_("No city has that slug."))
    instrument = current_instrument()
    observations = observations_of(city)
    year = request.GET.get("year")
    if year is not None:
        try:
            year = int(year)
        except ValueError:
            return JsonResponse({"error": _("The year must be a whole number."),
                                 "code": "invalid_year"}, status=400)
        history = history_of(city, instrument=instrument, observations=observations)
        found = [a for a in history if a.year == year]
        if not found:
            return JsonResponse({"error": _("The city has no figures for that year."),
                                 "code": "no_assessment_for_year",
                                 "years": [a.year for a in history]}, status=404)
        result = found[0]
    else:
        result = instrument.assess(observations)
    units = {d.indicator.code: d.unit for d in instrument.definitions}
    return JsonResponse(assessment_document(result, units))


@require_safe
def recommendations(request, slug: str):
    city = _city(slug)
    if city is None:
        return not_found(_("No city has that slug."))
    found = recommend(city)
    return JsonResponse({
        "weak": [{"code": w.code, "score": w.score} for w in found.weak],
        "practices": [{"slug": p.slug, "title": p.title, "characteristic": p.characteristic,
                       "label": p.label, "reason": p.reason} for p in found.practices],
        "peers": [{"slug": p.slug, "name": p.name, "characteristics": p.characteristics,
                   "reason": p.reason, "offers_study_visits": p.offers_study_visits,
                   "offers_mentoring": p.offers_mentoring,
                   "practices": [q.slug for q in p.practices]} for p in found.peers],
    })
