"""Up to five cities on one chart and in one table: /cities/compare/?c=durban&c=nairobi."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from safecities.cities import chart
from safecities.cities.models import City
from safecities.cities.queries import current_instrument, observations_of
from safecities.cities.views.profiles import axes

MAX_CITIES = 5


def _find(value: str) -> City | None:
    """A city by its slug or, as people type it, its name (any case)."""
    return (City.objects.filter(slug=value.lower()).first()
            or City.objects.filter(name__iexact=value).order_by("pk").first())


@require_safe
def compare(request):
    """The form takes names or slugs, so it needs no list of every city (the page stays
    light with a thousand cities); the chart's address uses slugs."""
    asked = []
    for value in request.GET.getlist("c"):
        value = " ".join(value.split())
        if value and value.lower() not in [a.lower() for a in asked]:
            asked.append(value)
    too_many = len(asked) > MAX_CITIES
    cities, unknown = [], []
    for value in asked[:MAX_CITIES]:
        city = _find(value)
        if city is None:
            unknown.append(value)
        elif city not in cities:
            cities.append(city)
    suggestions = (list(City.objects.filter(name__icontains=unknown[0][:4])
                        .order_by("name")[:5]) if unknown else [])
    instrument = current_instrument()
    codes = [c.code for c in instrument.characteristics]
    assessments = [(city, instrument.assess(observations_of(city))) for city in cities]
    radar = chart.radar(axes(instrument), [
        chart.Series(label=f"{city.name} ({a.year})" if a.year else city.name,
                     scores=tuple(a.characteristics[c].score for c in codes))
        for city, a in assessments
    ])
    rows = [(characteristic, [a.characteristics[characteristic.code] for _, a in assessments])
            for characteristic in instrument.characteristics]
    return render(request, "cities/compare.html", {
        "cities": cities,
        "assessments": assessments,
        "rows": rows,
        "radar": radar,
        "unknown": unknown,
        "suggestions": suggestions,
        "too_many": too_many,
        "max_cities": MAX_CITIES,
        "slots": [cities[i].name if i < len(cities) else "" for i in range(MAX_CITIES)],
    })
