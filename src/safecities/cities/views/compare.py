"""Up to five cities on one chart and in one table: /cities/compare/?c=durban&c=nairobi."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from safecities.cities import chart
from safecities.cities.models import City
from safecities.cities.queries import current_instrument, observations_of
from safecities.cities.views.profiles import axes

MAX_CITIES = 5


@require_safe
def compare(request):
    asked = []
    for slug in request.GET.getlist("c"):
        slug = slug.strip().lower()
        if slug and slug not in asked:
            asked.append(slug)
    too_many = len(asked) > MAX_CITIES
    asked = asked[:MAX_CITIES]
    found = {city.slug: city for city in City.objects.filter(slug__in=asked)}
    cities = [found[slug] for slug in asked if slug in found]
    unknown = [slug for slug in asked if slug not in found]
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
        "too_many": too_many,
        "max_cities": MAX_CITIES,
        "slots": [cities[i].slug if i < len(cities) else "" for i in range(MAX_CITIES)],
        "all_cities": City.objects.order_by("name").only("slug", "name", "country"),
    })
