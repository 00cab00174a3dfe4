"""The one way the site writes a table for a spreadsheet: CSV and XLSX.

Every CSV and XLSX file the site serves is written here (the back-office exports, the
meetings schedule, the library's open data, the self-assessment template), so one rule
holds for all of them: a text cell that a spreadsheet would read as a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with an apostrophe
in front in CSV, and as a string cell in XLSX (which a spreadsheet never computes, so no
apostrophe shows), and no person can plant a formula in someone else's spreadsheet. The
writers neutralise every cell themselves; callers cannot forget to. A time with its zone
is written in ISO 8601 with its offset in CSV (``2014-12-03T10:00:00+02:00``); XLSX knows
no zones and holds the same local time. XLSX columns are as wide as their first rows need
and the header row stays in view when scrolling.

CSV starts with a byte-order mark so that spreadsheet programs read UTF-8, and streams
line by line; XLSX is written by openpyxl's write-only mode to a temporary file
(constant memory), without the control characters a workbook cannot hold.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import chain, islice

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Lines = Iterable[Iterable[object]]


def neutralise(value: object) -> object:
    """A cell value safe to open in a spreadsheet (numbers and dates pass unchanged)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(lines: Lines) -> Iterator[str]:
    """Each line as CSV text (``\\r\\n`` endings), every cell neutralised; no byte-order mark."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    for line in lines:
        yield writer.writerow([_csv_cell(value) for value in line])


def csv_text(lines: Lines) -> str:
    return "".join(csv_lines(lines))


def csv_chunks(lines: Lines) -> Iterator[str]:
    yield "\ufeff"  # so spreadsheet programs read UTF-8
    yield from csv_lines(lines)


def csv_response(lines: Lines, filename: str, *, stream: bool = False,
                 private: bool = False) -> HttpResponse | StreamingHttpResponse:
    """A CSV download. ``stream`` for long tables (rows are read as they are sent);
    ``private`` for personal data (never stored by a cache)."""
    chunks = csv_chunks(lines)
    response = (StreamingHttpResponse(chunks, content_type=CSV_TYPE) if stream
                else HttpResponse("".join(chunks), content_type=CSV_TYPE))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


WIDTH_SAMPLE = 200  # rows read to size the columns
MAX_WIDTH = 60


def _xlsx_value(value: object) -> object:
    if isinstance(value, str):
        # Control characters are not allowed in a workbook: they are dropped.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # the local time it already is
    return value


def _xlsx_cell(sheet, value: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, never a formula, whatever it starts with
    return cell


def _width(value: object) -> int:
    if isinstance(value, datetime):
        return 19
    return len(str(value)) if value is not None else 0


def xlsx_file(lines: Lines, title: str):
    """A temporary file holding the workbook (removed when closed)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Sheet")
    lines = iter(lines)
    sample = [[_xlsx_value(v) for v in line] for line in islice(lines, WIDTH_SAMPLE)]
    widths: dict[int, int] = {}
    for line in sample:
        for index, value in enumerate(line):
            widths[index] = max(widths.get(index, 0), _width(value))
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    for line in chain(sample, ([_xlsx_value(v) for v in line] for line in lines)):
        sheet.append([_xlsx_cell(sheet, value) for value in line])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it after streaming
    workbook.save(handle)
    handle.seek(0)
    return handle


def xlsx_response(lines: Lines, filename: str, *, title: str,
                  private: bool = False) -> FileResponse:
    response = FileResponse(xlsx_file(lines, title), as_attachment=True, filename=filename,
                            content_type=XLSX_TYPE)
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
