"""The search itself: SQL shared by both databases around each one's full-text match."""

from __future__ import annotations

import math
from collections import Counter
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
              "label", "population_band", "language")
SORTS = ("relevance", "newest", "evidence")
CARD_FIELDS = ("id", "slug", "title", "summary", "city", "country", "label", "is_demo",
               "language", "population_band", "published_at", "evidence_strength")


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
    """Run a search (at most six queries; more when a misspelling is corrected)."""
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


def _order(sort: str) -> str:
    newest = "p.published_at DESC, p.id DESC"
    if sort == "evidence":
        label_rank = " ".join(f"WHEN '{label.value}' THEN {i}" for i, label in
                              enumerate(LABEL_ORDER))
        return f"p.evidence_strength DESC, CASE p.label {label_rank} END, {newest}"
    return newest


def _run(query: SearchQuery, words: list[str]) -> SearchResult:
    """The matching practices' ids are gathered first (``backend.matching``: every chosen
    facet value and every word, in rank order when there are words); the count, the facet
    counts and the page all follow from that one list. Only published practices are in
    the index; the page's practices are read with the status checked again.
    """
    backend = backends.current()
    practice, facet = _table(Practice), _table(PracticeFacet)
    chosen = [(d, v) for d in DIMENSIONS for v in query.filters.get(d, ())]
    offset = (max(query.page, 1) - 1) * query.per_page
    ids: list[int] | None = None  # None: every published practice
    facets: dict[str, dict[str, int]] = {dimension: {} for dimension in DIMENSIONS}
    with connection.cursor() as cursor:
        if chosen or words:
            matched = backend.matching(words, chosen)
            ids = matched.ids
        count = None if ids is None else len(ids)
        if ids is None:
            cursor.execute(f"SELECT COUNT(*) FROM {practice} WHERE status = %s",
                           [Practice.Status.PUBLISHED])
            count = cursor.fetchone()[0]
            cursor.execute(f"SELECT dimension, value, COUNT(*) FROM {facet} "
                           f"GROUP BY dimension, value")
            counted = cursor.fetchall()
        elif not ids:
            counted = []
        elif matched.facet_values is not None:
            # The index gave the matches' facet values back: count them here.
            tally = Counter(matched.facet_values)
            counted = [(*pair.split(":", 1), n) for pair, n in tally.items()]
        else:
            cursor.execute(f"SELECT dimension, value, COUNT(*) FROM {facet} "
                           f"WHERE {backend.in_ids('practice_id')} GROUP BY dimension, value",
                           [backend.ids_param(ids)])
            counted = cursor.fetchall()
        for dimension, value, n in sorted(counted, key=lambda row: (-row[2], row[1])):
            facets[dimension][value] = n
        if not count:
            page: list[int] = []
        elif words and query.sort == "relevance":
            page = ids[offset:offset + query.per_page]
        else:
            where, params = "p.status = %s", [Practice.Status.PUBLISHED]
            if ids is not None:
                where += f" AND {backend.in_ids('p.id')}"
                params.append(backend.ids_param(ids))
            cursor.execute(f"SELECT p.id FROM {practice} p WHERE {where} "
                           f"ORDER BY {_order(query.sort)} LIMIT %s OFFSET %s",
                           [*params, query.per_page, offset])
            page = [row[0] for row in cursor.fetchall()]
    return SearchResult(query=query, count=count, hits=_hits(page, words), facets=facets)


def _hits(ids: list[int], words: list[str]) -> list[Hit]:
    if not ids:
        return []
    practices = Practice.objects.published().only(*CARD_FIELDS).in_bulk(ids)
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
