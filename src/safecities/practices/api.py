"""Open data: the published library as JSON and CSV. Documented in docs/api.md.

The same search as the HTML page (``queries.search_query`` + ``search``); unpublished
practices never appear, because only published ones are in the index and the query
checks the status again.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from safecities.documents import tables
from safecities.events.api import not_found
from safecities.practices import queries
from safecities.practices.records import practice_record, practice_summary
from safecities.practices.search import search

MAX_PER_PAGE = 100
CSV_LIMIT = 10_000
CSV_COLUMNS = ["slug", "title", "summary", "city", "country", "population_band",
               "characteristics", "themes", "label", "is_demo", "published_at", "url"]


def _per_page(request, default: int) -> int:
    try:
        return max(1, min(int(request.GET.get("per_page", default)), MAX_PER_PAGE))
    except ValueError:
        return default


def _results(result) -> list[dict[str, object]]:
    return [practice_summary(hit.practice, characteristics=hit.characteristics,
                             themes=hit.themes) | {"snippet": str(hit.snippet)}
            for hit in result.hits]


@require_safe
def practice_list(request):
    query = queries.search_query(request.GET, per_page=_per_page(request, 20))
    result = search(query)
    return JsonResponse({
        "count": result.count,
        "page": query.page,
        "pages": result.pages,
        "suggestion": result.suggestion,
        "results": _results(result),
        "facets": result.facets,
    })


@require_safe
def practice_detail(request, slug: str):
    practice = queries.published_practice(slug)
    if practice is None:
        return not_found(_("No published practice has that slug."))
    return JsonResponse(practice_record(practice))


@require_safe
def practice_csv(request):
    """Every result of the search (up to 10,000 rows), one row per practice; lists are
    separated by ``;``."""
    query = queries.search_query(request.GET, per_page=CSV_LIMIT)
    result = search(query)
    lines = ([";".join(row[c]) if isinstance(row[c], list) else row[c] for c in CSV_COLUMNS]
             for row in _results(result))
    return tables.csv_response([CSV_COLUMNS, *lines], "practices.csv")
