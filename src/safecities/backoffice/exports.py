"""Registrant exports (CSV and XLSX) with the columns the organiser picks.

CSV streams row by row; XLSX is written by openpyxl's write-only mode to a temporary
file (constant memory) and streamed from there. Every text cell that a spreadsheet would
read as a formula (starting with =, +, -, @, a tab or a carriage return) is prefixed with
an apostrophe, so a registrant cannot plant a formula in an organiser's spreadsheet.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from safecities.backoffice.queries import answers_by_question, with_answers
from safecities.registration.models import Question, Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell value safe to open in a spreadsheet (numbers and dates pass unchanged)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    key: str
    label: str


STANDARD_COLUMNS = [
    Column("reference", _("Reference")),
    Column("name", _("Full name")),
    Column("email", _("Email")),
    Column("organisation", _("Organisation")),
    Column("position", _("Position")),
    Column("city", _("City")),
    Column("country", _("Country")),
    Column("status", _("Status")),
    Column("registered_at", _("Registered at")),
    Column("confirmed_at", _("Confirmed at")),
    Column("cancelled_at", _("Cancelled at")),
    Column("checked_in_at", _("Checked in at")),
    Column("language", _("Language")),
]
DEFAULT_KEYS = ("reference", "name", "email", "organisation", "country", "status")


def available_columns(questions: list[Question]) -> list[Column]:
    return STANDARD_COLUMNS + [Column(f"answer:{q.key}", q.label) for q in questions]


def _local(value: datetime | None, tz) -> datetime | None:
    # Spreadsheets know no time zones: the event's local time, without the zone.
    return timezone.localtime(value, tz).replace(tzinfo=None) if value else None


def rows(registrations: QuerySet[Registration], columns: list[Column],
         questions: list[Question], tz) -> Iterator[list[object]]:
    """The header, then one list of cell values per registration (neutralised)."""
    by_key = {q.key: q for q in questions}
    yield [str(column.label) for column in columns]
    for registration in with_answers(registrations).iterator(chunk_size=500):
        answers = answers_by_question(registration)
        checkin = getattr(registration, "checkin", None)
        line: list[object] = []
        for column in columns:
            if column.key.startswith("answer:"):
                question = by_key[column.key.removeprefix("answer:")]
                value: object = "; ".join(answers.get(question.id, []))
            elif column.key == "status":
                value = registration.get_status_display()
            elif column.key == "checked_in_at":
                value = _local(checkin.checked_in_at, tz) if checkin else None
            elif column.key.endswith("_at"):
                value = _local(getattr(registration, column.key), tz)
            else:
                value = getattr(registration, column.key)
            line.append(neutralise(value))
        yield line


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(lines: Iterable[list[object]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read UTF-8
    for line in lines:
        yield writer.writerow(["" if v is None else
                               (v.isoformat(sep=" ") if isinstance(v, datetime) else v)
                               for v in line])


def xlsx_file(lines: Iterable[list[object]], title: str):
    """A temporary file holding the workbook (removed when closed)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Registrants")
    for line in lines:
        # Control characters are not allowed in a workbook: they are dropped.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v
                      for v in line])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it after streaming
    workbook.save(handle)
    handle.seek(0)
    return handle
