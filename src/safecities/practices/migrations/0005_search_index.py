"""The full-text search index, made for the database in use (practices/search/).

SQLite: an FTS5 table (rowid = the practice's id) with the Porter stemmer.
PostgreSQL: a table with a generated, weighted tsvector (title A, summary B, the rest C)
under a GIN index, and pg_trgm for typo-tolerant suggestions; SQLite finds close words with difflib.
Only published practices are ever written to it.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE practices_search USING fts5("
    # facets: 'dimension:value …', not searched; read back with the matches.
    "title, summary, body, facets UNINDEXED, "
    "tokenize='porter unicode61 remove_diacritics 2')",
    # The words of the index, for "did you mean" (kept by the service beside the index).
    "CREATE TABLE practices_search_terms (term text PRIMARY KEY) WITHOUT ROWID",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS practices_search_terms", "DROP TABLE IF EXISTS practices_search"]

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE practices_search ("
    # No foreign key: like the FTS5 table, it is kept in step by search.index (and a
    # post_delete signal), and Django's flush (TRUNCATE) must be able to empty the tables.
    " practice_id bigint PRIMARY KEY,"
    " title text NOT NULL, summary text NOT NULL, body text NOT NULL,"
    # 'dimension:value' for each facet, so that filters and words meet in one query.
    " facets text[] NOT NULL DEFAULT '{}',"
    " document tsvector GENERATED ALWAYS AS ("
    "  setweight(to_tsvector('english', title), 'A') ||"
    "  setweight(to_tsvector('english', summary), 'B') ||"
    "  setweight(to_tsvector('english', body), 'C')) STORED)",
    "CREATE INDEX practices_search_document ON practices_search USING gin (document)",
    "CREATE INDEX practices_search_facets ON practices_search USING gin (facets)",
    # The words of the index, for "did you mean" (kept by the service beside the index).
    "CREATE TABLE practices_search_terms (term text PRIMARY KEY)",
    "CREATE INDEX practices_search_terms_trgm ON practices_search_terms USING gin (term gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS practices_search_terms", "DROP TABLE IF EXISTS practices_search"]


def create(apps, schema_editor):
    statements = SQLITE if schema_editor.connection.vendor == "sqlite" else POSTGRES
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    statements = SQLITE_DROP if schema_editor.connection.vendor == "sqlite" else POSTGRES_DROP
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("practices", "0004_practice_record")]

    operations = [migrations.RunPython(create, drop)]
