"""Finding practices: one interface over SQLite FTS5 and PostgreSQL full-text search.

``search(SearchQuery(...))`` answers the page, the JSON API and the CSV export alike:
ranked full-text matches (title weighs most), filters that combine (every chosen facet
value must hold: AND, within and across facets), facet counts over the current filters
(each count is exactly the number of results that choosing that value leads to),
highlighted snippets that are safe to show, sorting, pages, and a "did you mean" when no
practice matches a misspelt word. Only published practices are in the index, and the
query checks the status again.

The index is written by ``search.index`` whenever a practice is published, updated or
withdrawn; the database-specific parts live in ``search.sqlite`` and ``search.postgres``.
"""

from safecities.practices.search.engine import (
    DIMENSIONS,
    SORTS,
    Hit,
    SearchQuery,
    SearchResult,
    search,
)

__all__ = ["DIMENSIONS", "SORTS", "Hit", "SearchQuery", "SearchResult", "search"]
