"""Public pages: the search page, a practice, its versions, the labels explained, the feed."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from safecities.practices import queries
from safecities.practices.evidence import LABEL_ORDER
from safecities.practices.models import (
    Attachment,
    DesignStrength,
    Effect,
    Practice,
    PracticeVersion,
)
from safecities.practices.search import DIMENSIONS, search

DIMENSION_NAMES = {
    "characteristic": _("Safe-city characteristic"),
    "theme": _("Theme"),
    "intervention_type": _("Intervention type"),
    "target_group": _("Target group"),
    "country": _("Country"),
    "label": _("Evidence"),
    "population_band": _("City population"),
    "language": _("Language of the record"),
}


def _url(params: list[tuple[str, str]]) -> str:
    return "?" + urlencode(params) if params else "?"


def facet_groups(result, params, labels) -> list[dict]:
    """Each facet with its values, counts, and the address that adds or removes a value."""
    base = [(k, v) for k, vs in params.lists() for v in vs if k != "page" and v]
    groups = []
    for dimension in DIMENSIONS:
        chosen = set(result.query.filters.get(dimension, ()))
        options = []
        for value, count in result.facets[dimension].items():
            selected = value in chosen
            if selected:
                toggled = [(k, v) for k, v in base if not (k == dimension and
                                                           v.upper() == value.upper())]
            else:
                toggled = [*base, (dimension, value)]
            if dimension == "country":
                name = queries.country_name(value)
            else:
                name = labels.get(dimension, {}).get(value, value)
            options.append({"value": value, "name": name, "count": count,
                            "selected": selected, "url": _url(toggled)})
        if dimension in labels and dimension != "country":
            order = list(labels[dimension])
            options.sort(key=lambda o: (not o["selected"], order.index(o["value"])
                                        if o["value"] in order else len(order)))
        if options:
            groups.append({"dimension": dimension, "name": DIMENSION_NAMES[dimension],
                           "options": options})
    return groups


@require_safe
def library(request):
    """The search page: a plain GET form; every filter is a link; works without JS."""
    query = queries.search_query(request.GET)
    result = search(query)
    labels = queries.term_labels()
    base = [(k, v) for k, vs in request.GET.lists() for v in vs if k != "page" and v]
    chosen = [(d, v) for d in DIMENSIONS for v in query.filters.get(d, ())]
    return render(request, "practices/library.html", {
        "query": query,
        "result": result,
        "groups": facet_groups(result, request.GET, labels),
        "labels": labels,
        "hidden_filters": chosen,
        "previous_url": _url([*base, ("page", str(query.page - 1))]) if query.page > 1 else None,
        "next_url": _url([*base, ("page", str(query.page + 1))])
        if query.page < result.pages else None,
    })


@require_safe
def practice_detail(request, slug: str):
    practice = queries.published_practice(slug)
    if practice is None:
        raise Http404()
    return render(request, "practices/detail.html", {
        "practice": practice,
        "like_this": queries.practices_like(practice),
        "translations": queries.translations_of(practice),
        "country_name": queries.country_name(practice.country),
        "versions": practice.version_list,
    })


@require_safe
def practice_version(request, slug: str, number: int):
    practice = get_object_or_404(Practice.objects.published(), slug=slug)
    version = get_object_or_404(PracticeVersion, practice=practice, number=number)
    if request.GET.get("format") == "json":
        return JsonResponse(version.record, json_dumps_params={"ensure_ascii": False})
    return render(request, "practices/version.html", {
        "practice": practice, "version": version,
        "record_json": json.dumps(version.record, indent=2, ensure_ascii=False),
    })


@require_safe
def evidence_labels(request):
    return render(request, "practices/evidence.html", {
        "labels": LABEL_ORDER, "strengths": DesignStrength, "effects": Effect,
    })


@require_safe
def attachment(request, slug: str, pk: int):
    """A published practice's attachment: images shown, PDFs downloaded; nothing else was
    ever accepted (services.drafting.add_attachment checks the bytes)."""
    found = get_object_or_404(Attachment, pk=pk, practice__slug=slug,
                              practice__status=Practice.Status.PUBLISHED)
    response = FileResponse(found.file.open("rb"), content_type=found.content_type,
                            as_attachment=found.kind == Attachment.Kind.DOCUMENT,
                            filename=found.file.name.rsplit("/", 1)[-1])
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
