"""The self-assessment entry form, the CSV import and its template."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from safecities.accounts.capabilities import EDIT_CITY
from safecities.accounts.permissions import requires
from safecities.cities.errors import InvalidValues, NotAllowed
from safecities.cities.forms import ImportForm, ValueForm
from safecities.cities.models import City, IndicatorValue
from safecities.cities.queries import current_instrument, observations_of
from safecities.cities.services import assessment as services
from safecities.documents import tables


def _city(request, slug: str, **kwargs) -> City:
    return get_object_or_404(City, slug=slug)


editors_only = requires(EDIT_CITY, target=_city)


def _editable_city(request, slug: str) -> City:
    return request.permission_target


def _latest_values(city: City) -> dict[str, IndicatorValue]:
    latest: dict[str, IndicatorValue] = {}
    for value in IndicatorValue.objects.filter(city=city).select_related("indicator"):
        code = value.indicator.code
        if code not in latest or value.year > latest[code].year:
            latest[code] = value
    return latest


def _initial(value: IndicatorValue | None, default_year: int) -> dict[str, object]:
    if value is None:
        return {"year": default_year}
    return {"value": f"{value.value:g}", "year": value.year, "source": value.source,
            "link": value.link, "note": value.note}


def _unchanged(form: ValueForm) -> bool:
    """The row still shows the stored figure: nothing to save for it."""
    entry = form.entry()
    initial = form.initial
    return entry is not None and "value" in initial and (
        f"{entry.value:g}" == initial["value"] and entry.year == initial["year"]
        and entry.source == initial["source"] and entry.link == initial["link"]
        and entry.note == initial["note"])


@never_cache
@editors_only
@require_http_methods(["GET", "POST"])
def assessment_form(request, slug: str):
    """Values grouped by characteristic, each with its unit and meaning; empty rows are
    left alone (a partial save), and the scores shown are recomputed on every save."""
    city = _editable_city(request, slug)
    instrument = current_instrument()
    latest = _latest_values(city)
    default_year = timezone.localdate().year - 1
    data = request.POST if request.method == "POST" else None
    groups = []
    forms = []
    for characteristic, definitions in instrument.grouped():
        group_forms = []
        for definition in definitions:
            form = ValueForm(data, definition=definition, default_year=default_year,
                             initial=_initial(latest.get(definition.indicator.code),
                                              default_year))
            group_forms.append(form)
            forms.append(form)
        groups.append((characteristic, group_forms))
    status = 200
    if request.method == "POST":
        if all(form.is_valid() for form in forms):
            entries = [f.entry() for f in forms if f.entry() is not None and not _unchanged(f)]
            removals = [f.removal() for f in forms if f.removal() is not None]
            try:
                report = services.save_values(city=city, entries=entries, removals=removals,
                                              by=request.user, instrument=instrument)
            except NotAllowed as error:
                raise PermissionDenied from error
            except InvalidValues as error:
                by_code = {f.code: f for f in forms}
                for code, by_field in error.field_errors.items():
                    for field, problems in by_field.items():
                        for problem in problems:
                            by_code[code].add_error(field if field in by_code[code].fields
                                                    else None, problem)
            else:
                messages.success(request, _(
                    "Saved: %(created)d new figures, %(updated)d updated, %(removed)d "
                    "removed. The scores below are recomputed.") % {
                    "created": report.created, "updated": report.updated,
                    "removed": len(removals)})
                return redirect(reverse("cities:assessment", args=[city.slug]) + "#scores")
        status = 400
    assessment = instrument.assess(observations_of(city))
    return render(request, "cities/assessment_form.html", {
        "city": city, "instrument": instrument, "assessment": assessment,
        "groups": [(c, assessment.characteristics[c.code], group_forms)
                   for c, group_forms in groups],
        "has_errors": any(f.errors for f in forms),
        "error_forms": [f for f in forms if f.errors],
    }, status=status)


@never_cache
@editors_only
@require_http_methods(["GET", "POST"])
def assessment_import(request, slug: str):
    city = _editable_city(request, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    rejected = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.import_values(city=city, content=form.cleaned_data["file"].read(),
                                            by=request.user)
        except NotAllowed as error:
            raise PermissionDenied from error
        except InvalidValues as error:
            rejected = sorted(error.errors.items())
        else:
            messages.success(request, _("Imported %(count)d figures (%(created)d new, "
                                        "%(updated)d updated).") % {
                "count": report.imported, "created": report.created,
                "updated": report.updated})
            return redirect(city)
    failed = request.method == "POST"
    return render(request, "cities/assessment_import.html", {
        "city": city, "form": form, "rejected": rejected,
    }, status=400 if failed else 200)


@require_safe
def assessment_template(request):
    return tables.csv_response(services.template_lines(current_instrument()),
                               "self-assessment-template.csv")


@require_safe
def instrument_page(request):
    """The instrument in plain words: every indicator, its unit, goalposts and reasoning."""
    return render(request, "cities/instrument.html", {"instrument": current_instrument()})
