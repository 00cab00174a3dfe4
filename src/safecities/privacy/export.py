"""A person's export as a document: JSON for the file, rows for the readable page."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from safecities.privacy.personal_data import Section, Value

FORMAT = "safecities-personal-data"
FORMAT_VERSION = 1


def export_document(sections: list[Section]) -> dict[str, object]:
    """The JSON export: stable keys, one list of records per section."""
    data: dict[str, list[dict[str, Value]]] = {}
    for section in sections:
        data.setdefault(section.key, []).extend(section.records)
    return {"format": FORMAT, "format_version": FORMAT_VERSION,
            "generated_at": timezone.now().isoformat(), "data": data}


@dataclass(frozen=True)
class Row:
    label: str
    value: str


def readable(section: Section, record: dict[str, Value]) -> list[Row]:
    """A record as label/value rows for the readable export."""
    return [Row(label=str(section.labels.get(key, key)), value=display(value))
            for key, value in record.items()]


def display(value: Value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
