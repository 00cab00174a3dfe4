"""The database-specific halves of search: the full-text match, snippets, writing the
index and finding the closest known word. ``current()`` picks the one for the database
in use; both give the same answers to the same cases (tests run on both).
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from itertools import chain

from django.db import connection

from safecities.practices.models import PracticeFacet
from safecities.practices.search.text import START, STOP

INDEX, TERMS = "practices_search", "practices_search_terms"


@dataclass(frozen=True)
class Matched:
    """Matching practice ids (best first when words were given) and, when the index
    gave them back, all their facet values as 'dimension:value' strings."""

    ids: list[int]
    facet_values: list[str] | None


class SQLiteSearch:
    """FTS5 with the Porter stemmer; BM25 ranking with title 10×, summary 4×, the rest 1×."""

    def in_ids(self, column: str) -> str:
        return f"{column} IN (SELECT value FROM json_each(%s))"

    def ids_param(self, ids: list[int]) -> str:
        return json.dumps(ids)

    def matching(self, words: list[str], chosen: list[tuple[str, str]]) -> Matched:
        """The published practices that have every chosen facet value and every word,
        best match first when there are words (with their facet values, read back from
        the index).

        The facet values are joined on the facet table (each join a lookup in its unique
        index); the words are matched by FTS5 on their own and the two lists crossed here,
        because FTS5 would look filtered ids up one at a time, which is slower."""
        allowed = None
        with connection.cursor() as cursor:
            if chosen:
                facet = connection.ops.quote_name(PracticeFacet._meta.db_table)
                joins = "".join(
                    f" JOIN {facet} f{n} ON f{n}.practice_id = f0.practice_id "
                    f"AND f{n}.dimension = %s AND f{n}.value = %s"
                    for n in range(1, len(chosen)))
                cursor.execute(f"SELECT f0.practice_id FROM {facet} f0{joins} "
                               f"WHERE f0.dimension = %s AND f0.value = %s",
                               [x for pair in [*chosen[1:], chosen[0]] for x in pair])
                allowed = [row[0] for row in cursor.fetchall()]
            if not words:
                return Matched(ids=allowed or [], facet_values=None)
            sql, params = self.match(words)
            cursor.execute(f"{sql} ORDER BY 2, 1 DESC", params)
            rows = cursor.fetchall()
        if allowed is not None:
            keep = set(allowed)
            rows = [row for row in rows if row[0] in keep]
        return Matched(ids=[row[0] for row in rows],
                       facet_values=" ".join(row[2] for row in rows).split())

    def match(self, words: list[str]) -> tuple[str, list[object]]:
        # Every word quoted, so nothing typed is read as FTS5 syntax; implicit AND.
        expression = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        return (f"SELECT rowid AS practice_id, bm25({INDEX}, 10.0, 4.0, 1.0, 0.0) AS rank, "
                f"facets FROM {INDEX} WHERE {INDEX} MATCH %s", [expression])

    def snippets(self, words: list[str], ids: list[int]) -> dict[int, str]:
        _sql, params = self.match(words)
        placeholders = ", ".join(["%s"] * len(ids))
        sql = (f"SELECT rowid, snippet({INDEX}, -1, %s, %s, '…', 24) FROM {INDEX} "
               f"WHERE {INDEX} MATCH %s AND rowid IN ({placeholders})")
        with connection.cursor() as cursor:
            cursor.execute(sql, [START, STOP, *params, *ids])
            return dict(cursor.fetchall())

    def write(self, practice_id: int, title: str, summary: str, body: str,
              facets: list[tuple[str, str]]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {INDEX} WHERE rowid = %s", [practice_id])
            cursor.execute(f"INSERT INTO {INDEX} (rowid, title, summary, body, facets) "
                           f"VALUES (%s, %s, %s, %s, %s)",
                           [practice_id, title, summary, body,
                            " ".join(f"{d}:{v}" for d, v in facets)])

    def delete(self, practice_id: int | None = None) -> None:
        with connection.cursor() as cursor:
            if practice_id is None:
                cursor.execute(f"DELETE FROM {INDEX}")
            else:
                cursor.execute(f"DELETE FROM {INDEX} WHERE rowid = %s", [practice_id])

    def add_terms(self, words: set[str]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT OR IGNORE INTO {TERMS} (term) VALUES (%s)",
                               [[w] for w in sorted(words)])

    def closest(self, word: str) -> str | None:
        # Words sharing the first letter: a sensible fallback without trigram support.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT term FROM {TERMS} WHERE term >= %s AND term < %s",
                           [word[0], word[0] + "\uffff"])
            candidates = [row[0] for row in cursor.fetchall()]
        return _closest(word, candidates)

    def known(self, words: list[str]) -> set[str]:
        return _known(words)


class PostgresSearch:
    """A weighted tsvector (title A, summary B, the rest C) under GIN; ts_rank; pg_trgm.
    ``safecities_search`` is PostgreSQL's English configuration with accents folded
    (migration 0008), as FTS5 folds them on SQLite."""

    def in_ids(self, column: str) -> str:
        return f"{column} = ANY(%s)"

    def ids_param(self, ids: list[int]) -> list[int]:
        return ids

    def matching(self, words: list[str], chosen: list[tuple[str, str]]) -> Matched:
        """The published practices that have every chosen facet value and every word,
        best match first when there are words, with their facet values: one query, in
        which the GIN indexes of the facets and of the text meet."""
        if words:
            sql, params = self.match(words)
        else:
            sql, params = f"SELECT practice_id, 0 AS rank, facets FROM {INDEX} WHERE TRUE", []
        if chosen:
            sql += " AND facets @> %s::text[]"
            params = [*params, [f"{d}:{v}" for d, v in chosen]]
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} ORDER BY 2, 1 DESC", params)
            rows = cursor.fetchall()
        return Matched(ids=[row[0] for row in rows],
                       facet_values=list(chain.from_iterable(row[2] for row in rows)))

    def match(self, words: list[str]) -> tuple[str, list[object]]:
        return (f"SELECT practice_id, -ts_rank(document, q) AS rank, facets "
                f"FROM {INDEX}, plainto_tsquery('safecities_search', %s) q WHERE document @@ q",
                [" ".join(words)])

    def snippets(self, words: list[str], ids: list[int]) -> dict[int, str]:
        options = (f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, "
                   f"MaxFragments=2, FragmentDelimiter=\" … \"")
        sql = (f"SELECT practice_id, "
               f"ts_headline('safecities_search', summary || ' ' || body, q, %s) "
               f"FROM {INDEX}, plainto_tsquery('safecities_search', %s) q "
               f"WHERE practice_id = ANY(%s)")
        with connection.cursor() as cursor:
            cursor.execute(sql, [options, " ".join(words), ids])
            return dict(cursor.fetchall())

    def write(self, practice_id: int, title: str, summary: str, body: str,
              facets: list[tuple[str, str]]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {INDEX} (practice_id, title, summary, body, facets) "
                f"VALUES (%s, %s, %s, %s, %s) ON CONFLICT (practice_id) DO UPDATE SET "
                f"title = EXCLUDED.title, summary = EXCLUDED.summary, body = EXCLUDED.body, "
                f"facets = EXCLUDED.facets",
                [practice_id, title, summary, body, [f"{d}:{v}" for d, v in facets]])

    def delete(self, practice_id: int | None = None) -> None:
        with connection.cursor() as cursor:
            if practice_id is None:
                cursor.execute(f"DELETE FROM {INDEX}")
            else:
                cursor.execute(f"DELETE FROM {INDEX} WHERE practice_id = %s", [practice_id])

    def add_terms(self, words: set[str]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TERMS} (term) SELECT unnest(%s::text[]) "
                           f"ON CONFLICT DO NOTHING", [sorted(words)])

    def closest(self, word: str) -> str | None:
        # pg_trgm finds the candidates quickly; difflib picks among them as on SQLite.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT term FROM {TERMS} WHERE term %% %s "
                           f"ORDER BY similarity(term, %s) DESC, term LIMIT 20", [word, word])
            candidates = [row[0] for row in cursor.fetchall()]
        return _closest(word, candidates)

    def known(self, words: list[str]) -> set[str]:
        return _known(words)


def _closest(word: str, candidates: list[str]) -> str | None:
    found = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.75)
    return found[0] if found else None


def _known(words: list[str]) -> set[str]:
    placeholders = ", ".join(["%s"] * len(words))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term FROM {TERMS} WHERE term IN ({placeholders})",
                       words)
        return {row[0] for row in cursor.fetchall()}


def current() -> SQLiteSearch | PostgresSearch:
    return PostgresSearch() if connection.vendor == "postgresql" else SQLiteSearch()
