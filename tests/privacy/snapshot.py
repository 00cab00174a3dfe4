"""Everything the site stores, as one comparable value: to show a dry run changes nothing."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import connection


def snapshot() -> dict[str, object]:
    tables: dict[str, object] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor, include_views=False):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = sorted(repr(row) for row in cursor.fetchall())
    files = {}
    for folder in [Path(settings.EMAIL_FILE_PATH), Path(settings.MEDIA_ROOT)]:
        if folder.exists():
            files.update({str(path): path.read_bytes() for path in folder.rglob("*")
                          if path.is_file()})
    return {"tables": tables, "files": files}
