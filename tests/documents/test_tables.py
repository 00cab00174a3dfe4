"""The one table writer: every CSV and XLSX cell is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from safecities.documents import tables
from safecities.documents.tables import csv_text, neutralise, xlsx_file

FORMULAS = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formulas_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_plain_values_pass_unchanged():
    assert neutralise("Amina Phiri") == "Amina Phiri"
    assert neutralise(3) == 3
    assert neutralise(-3) == -3


def test_the_csv_writer_neutralises_every_cell_itself():
    text = csv_text([["name", "when"], ["=1+1", datetime(2014, 12, 3, 9, 0)], ["@A1", None]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["name", "when"], ["'=1+1", "2014-12-03T09:00:00"], ["'@A1", ""]]


def test_csv_times_are_iso_8601_with_their_offset():
    durban = ZoneInfo("Africa/Johannesburg")
    text = csv_text([[datetime(2014, 12, 3, 9, 0, 5, 774519, tzinfo=durban)]])
    assert text == "2014-12-03T09:00:05+02:00\r\n"


def test_the_xlsx_writer_neutralises_every_cell_even_behind_a_control_character():
    with xlsx_file([["name"], ["=1+1"], ["\x01=2+2"], [-4]], title="People") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    # Text cells, never computed, and without an apostrophe a person would see.
    assert [(cell.value, cell.data_type) for (cell,) in sheet.iter_rows()] == [
        ("name", "s"), ("=1+1", "s"), ("=2+2", "s"), (-4, "n")]


def test_the_xlsx_writer_sizes_the_columns_and_keeps_the_header_in_view():
    durban = ZoneInfo("Africa/Johannesburg")
    lines = [["Name", "Registered at"],
             ["Thandeka Mthembu of eThekwini", datetime(2014, 12, 3, 9, 0, tzinfo=durban)]]
    with xlsx_file(lines, title="People") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert sheet.freeze_panes == "A2"
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width) == (31, 21)
    assert sheet["B2"].value == datetime(2014, 12, 3, 9, 0)


def test_no_other_module_writes_csv_or_xlsx():
    """Every CSV and XLSX goes through documents.tables, so none can skip neutralising."""
    source = Path(tables.__file__).resolve().parent.parent
    writers = sorted(
        str(path.relative_to(source)) for path in source.rglob("*.py")
        if path != Path(tables.__file__).resolve()
        and re.search(r"csv\.(writer|DictWriter)\(|Workbook\(", path.read_text()))
    assert writers == []
