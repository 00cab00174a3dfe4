"""The list of cities, a city's profile page, editing it, and asking to represent it."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from safecities.accounts.capabilities import ASK_TO_REPRESENT, EDIT_CITY
from safecities.accounts.permissions import requires
from safecities.cities import chart, scoring
from safecities.cities.errors import NotAllowed
from safecities.cities.forms import ProfileForm, RepresentForm
from safecities.cities.models import City, CityContact, LearningRequest
from safecities.cities.queries import (
    Instrument,
    cities_represented_by,
    current_instrument,
    history_of,
    may_edit,
    observations_of,
    practices_of,
)
from safecities.cities.recommendations import recommend
from safecities.cities.services import profiles as services
from safecities.registration.models import Registration

HISTORY_YEARS_DRAWN = 3


@dataclass(frozen=True)
class IndicatorRow:
    definition: object
    result: scoring.IndicatorScore


@dataclass(frozen=True)
class CharacteristicRow:
    characteristic: object
    result: scoring.CharacteristicScore
    indicators: tuple[IndicatorRow, ...]
    history: tuple[float | None, ...]  # the score in each earlier year shown


def characteristic_rows(instrument: Instrument, assessment: scoring.Assessment,
                        earlier: list[scoring.Assessment] = ()) -> list[CharacteristicRow]:
    rows = []
    for characteristic, definitions in instrument.grouped():
        result = assessment.characteristics[characteristic.code]
        by_code = {i.code: i for i in result.indicators}
        rows.append(CharacteristicRow(
            characteristic=characteristic, result=result,
            indicators=tuple(IndicatorRow(definition=d, result=by_code[d.indicator.code])
                             for d in definitions),
            history=tuple(a.characteristics[characteristic.code].score for a in earlier),
        ))
    return rows


def axes(instrument: Instrument) -> list[tuple[str, str]]:
    return [(c.code, str(chart.AXIS_LABELS.get(c.code, c.code)))
            for c in instrument.characteristics]


CITIES_PER_PAGE = 50


@require_safe
def city_list(request):
    cities = City.objects.annotate(
        scored=Count("current_scores", filter=Q(current_scores__score__isnull=False))
    ).order_by("name", "country")
    page = Paginator(cities, CITIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cities/list.html", {"cities": page.object_list, "page": page})


def _participation(city: City) -> list[dict]:
    """Exchanges the city took part in: confirmed participants from a city of that name."""
    names = Q()
    for name in city.names:
        names |= Q(city__iexact=name)
    return list(
        Registration.objects.filter(status=Registration.Status.CONFIRMED).filter(names)
        .values("event__slug", "event__title", "event__starts_on")
        .annotate(participants=Count("id")).order_by("-event__starts_on")
    )


@require_safe
def city_detail(request, slug: str):
    city = get_object_or_404(City.objects.prefetch_related("themes"), slug=slug)
    instrument = current_instrument()
    observations = observations_of(city)
    history = history_of(city, instrument=instrument, observations=observations)
    years = [a.year for a in history]
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[-1] if years else None
    if year not in years:
        year = years[-1] if years else None
    assessment = next((a for a in history if a.year == year),
                      instrument.assess(observations))
    earlier = [a for a in history if a.year < (year or 0)][-HISTORY_YEARS_DRAWN:]
    codes = [c.code for c in instrument.characteristics]
    series = [chart.Series(label=str(a.year), scores=tuple(a.characteristics[c].score
                                                           for c in codes), history=True)
              for a in earlier]
    series.append(chart.Series(label=f"{city.name} {year or ''}".strip(),
                               scores=tuple(assessment.characteristics[c].score for c in codes)))
    editable = may_edit(request.user, city)
    requests = (LearningRequest.objects.filter(Q(from_city=city) | Q(to_city=city))
                .select_related("from_city", "to_city", "practice").order_by("-created_at"))
    return render(request, "cities/detail.html", {
        "city": city,
        "instrument": instrument,
        "assessment": assessment,
        "rows": characteristic_rows(instrument, assessment, earlier),
        "earlier": earlier,
        "years": years,
        "year": year,
        "is_latest": not years or year == years[-1],
        "has_demo_values": any(o.is_demo for o in observations),
        "radar": chart.radar(axes(instrument), series),
        "practices": practices_of(city),
        "recommendations": recommend(city) if year and year == years[-1] else None,
        "requests_made": [r for r in requests if r.from_city_id == city.pk],
        "requests_received": [r for r in requests if r.to_city_id == city.pk],
        "may_edit": editable,
        "participation": _participation(city),
        "my_cities": list(cities_represented_by(request.user).exclude(pk=city.pk)),
    })


@never_cache
@require_http_methods(["GET", "POST"])
@requires(EDIT_CITY, target=lambda request, slug: get_object_or_404(City, slug=slug))
def city_edit(request, slug: str):
    city = request.permission_target
    form = ProfileForm(request.POST or None, instance=city)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        try:
            services.update_profile(city=City.objects.get(pk=city.pk), by=request.user,
                                    changes=changes, themes=form.cleaned_data["themes"])
        except NotAllowed as error:
            raise PermissionDenied from error
        messages.success(request, _("The profile is saved."))
        return redirect(city)
    return render(request, "cities/edit.html", {"city": city, "form": form},
                  status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
@requires(ASK_TO_REPRESENT)
def represent(request, slug: str):
    city = get_object_or_404(City, slug=slug)
    contact = CityContact.objects.filter(city=city, user=request.user).first()
    form = RepresentForm(request.POST or None,
                         initial={"role": contact.role if contact else ""})
    if request.method == "POST" and form.is_valid():
        services.ask_to_represent(city=city, user=request.user, role=form.cleaned_data["role"])
        messages.success(request, _("Thank you. The organisers will check and tell you by "
                                    "email."))
        return redirect(city)
    return render(request, "cities/represent.html", {"city": city, "form": form,
                                                     "contact": contact},
                  status=400 if form.errors else 200)
