"""Search folds accents on PostgreSQL too (``eclairage`` finds ``éclairage``), as SQLite's
FTS5 tokenizer already does (``remove_diacritics 2``): a text search configuration that is
PostgreSQL's English one with ``unaccent`` before the stemmer, used by the index and the
queries (practices/search/backends.py). And the language of each published practice joins
its facets (the library filters by it); every record so far was written in English.
"""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION safecities_search (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION safecities_search ALTER MAPPING FOR "
    "hword, hword_part, word WITH unaccent, english_stem",
    "ALTER TABLE practices_search DROP COLUMN document",
    "ALTER TABLE practices_search ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('safecities_search', title), 'A') ||"
    " setweight(to_tsvector('safecities_search', summary), 'B') ||"
    " setweight(to_tsvector('safecities_search', body), 'C')) STORED",
    "CREATE INDEX practices_search_document ON practices_search USING gin (document)",
    "UPDATE practices_search SET facets = array_append(facets, 'language:en')",
]
POSTGRES_BACK = [
    "UPDATE practices_search SET facets = array_remove(facets, 'language:en')",
    "ALTER TABLE practices_search DROP COLUMN document",
    "ALTER TABLE practices_search ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('english', title), 'A') ||"
    " setweight(to_tsvector('english', summary), 'B') ||"
    " setweight(to_tsvector('english', body), 'C')) STORED",
    "CREATE INDEX practices_search_document ON practices_search USING gin (document)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS safecities_search",
]
SQLITE = ["UPDATE practices_search SET facets = trim(facets || ' language:en')"]
SQLITE_BACK = ["UPDATE practices_search SET facets = trim(replace(facets, 'language:en', ''))"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in POSTGRES if vendor == "postgresql" else SQLITE:
        schema_editor.execute(statement)
    Practice = apps.get_model("practices", "Practice")
    PracticeFacet = apps.get_model("practices", "PracticeFacet")
    PracticeFacet.objects.bulk_create(
        [PracticeFacet(practice_id=pk, dimension="language", value="en")
         for pk in Practice.objects.filter(status="published").values_list("pk", flat=True)],
        ignore_conflicts=True)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in POSTGRES_BACK if vendor == "postgresql" else SQLITE_BACK:
        schema_editor.execute(statement)
    apps.get_model("practices", "PracticeFacet").objects.filter(dimension="language").delete()


class Migration(migrations.Migration):
    dependencies = [("practices", "0007_written_language")]

    operations = [migrations.RunPython(forwards, backwards)]
