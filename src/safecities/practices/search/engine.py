"""The search itself: SQL shared by both databases around each one's full-text match."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import connection
from django.utils.safestring import SafeString

from safecities.practices.evidence import LABEL_ORDER
from safecities.practices.models import Practice, PracticeFacet
from safecities.practices.search import backends
from safecities.practices.search.text import highlighted, terms

# The facets, in the order pages show them.
DIMENSIONS = ("characteristic", "theme", "intervention_type", "target_group", "country",
              "label", "population_band")
SORTS = ("relevance", "newest", "evidence")
CARD_FIELDS = ("id", "slug", "title", "summary", "city", "country", "label", "is_demo",
               "population_band", "published_at", "evidence_strength")


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    # dimension → chosen values; every one must hold (AND).
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

    def __post_init__(self) -> None:
        unknown = set(self.filters) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"unknown facets: {sorted(unknown)}")
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")


@dataclass
class Hit:
    practice: Practice
    snippet: SafeString
    characteristics: list[str]
    themes: list[str]


@dataclass
class SearchResult:
    query: SearchQuery
    count: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    # The corrected words the results are for, when the words typed matched nothing.
    suggestion: str | None = None

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.query.per_page))


def search(query: SearchQuery) -> SearchResult:
    """Run a search (five queries at most, seven when a misspelling is corrected)."""
    words = terms(query.text)
    result = _run(query, words)
    if words and result.count == 0:
        corrected = _corrected(words)
        if corrected != words:
            retried = _run(query, corrected)
            if retried.count:
                retried.suggestion = " ".join(corrected)
                result = retried
    return result


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _order(sort: str, ranked: bool) -> str:
    newest = "p.published_at DESC, p.id DESC"
    if sort == "evidence":
        label_rank = " ".join(f"WHEN '{label.value}' THEN {i}" for i, label in
                              enumerate(LABEL_ORDER))
        return f"p.evidence_strength DESC, CASE p.label {label_rank} END, {newest}"
    if sort == "relevance" and ranked:
        return f"m.rank, {newest}"
    return newest


def _run(query: SearchQuery, words: list[str]) -> SearchResult:
    backend = backends.current()
    practice, facet = _table(Practice), _table(PracticeFacet)
    where = ["p.status = %s"]
    params: list[object] = [Practice.Status.PUBLISHED]
    for dimension in DIMENSIONS:
        for value in query.filters.get(dimension, ()):
            where.append(f"p.id IN (SELECT practice_id FROM {facet} "
                         f"WHERE dimension = %s AND value = %s)")
            params += [dimension, value]
    if words:
        match_sql, match_params = backend.match(words)
        source = f"({match_sql}) m JOIN {practice} p ON p.id = m.practice_id"
        params = [*match_params, *params]
    else:
        source = f"{practice} p"
    base = f"FROM {source} WHERE {' AND '.join(where)}"
    offset = (max(query.page, 1) - 1) * query.per_page
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base}", params)
        count = cursor.fetchone()[0]
        facets: dict[str, dict[str, int]] = {dimension: {} for dimension in DIMENSIONS}
        ids: list[int] = []
        if count:
            cursor.execute(
                f"SELECT f.dimension, f.value, COUNT(*) FROM {facet} f "
                f"WHERE f.practice_id IN (SELECT p.id {base}) "
                f"GROUP BY f.dimension, f.value ORDER BY COUNT(*) DESC, f.value", params)
            for dimension, value, n in cursor.fetchall():
                facets[dimension][value] = n
            cursor.execute(
                f"SELECT p.id {base} ORDER BY {_order(query.sort, bool(words))} "
                f"LIMIT %s OFFSET %s", [*params, query.per_page, offset])
            ids = [row[0] for row in cursor.fetchall()]
    return SearchResult(query=query, count=count, hits=_hits(ids, words), facets=facets)


def _hits(ids: list[int], words: list[str]) -> list[Hit]:
    if not ids:
        return []
    practices = Practice.objects.only(*CARD_FIELDS).in_bulk(ids)
    codes: dict[tuple[int, str], list[str]] = {}
    rows = PracticeFacet.objects.filter(
        practice_id__in=ids, dimension__in=["characteristic", "theme"]
    ).order_by("value").values_list("practice_id", "dimension", "value")
    for practice_id, dimension, value in rows:
        codes.setdefault((practice_id, dimension), []).append(value)
    snippets = backends.current().snippets(words, ids) if words else {}
    return [
        Hit(practice=practices[i],
            snippet=highlighted(snippets.get(i) or practices[i].summary),
            characteristics=codes.get((i, "characteristic"), []),
            themes=codes.get((i, "theme"), []))
        for i in ids if i in practices
    ]


def _corrected(words: list[str]) -> list[str]:
    """Each word the index does not know, replaced by the closest word it knows."""
    backend = backends.current()
    known = backend.known(words)
    return [word if word in known else (backend.closest(word) or word) for word in words]
