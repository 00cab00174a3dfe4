"""The one table writer: every CSV and XLSX cell is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path

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
        ["name", "when"], ["'=1+1", "2014-12-03 09:00:00"], ["'@A1", ""]]


def test_the_xlsx_writer_neutralises_every_cell_even_behind_a_control_character():
    with xlsx_file([["name"], ["=1+1"], ["\x01=2+2"], [-4]], title="People") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert list(sheet.iter_rows(values_only=True)) == [
        ("name",), ("'=1+1",), ("'=2+2",), (-4,)]


def test_no_other_module_writes_csv_or_xlsx():
    """Every CSV and XLSX goes through documents.tables, so none can skip neutralising."""
    source = Path(tables.__file__).resolve().parent.parent
    writers = sorted(
        str(path.relative_to(source)) for path in source.rglob("*.py")
        if path != Path(tables.__file__).resolve()
        and re.search(r"csv\.(writer|DictWriter)\(|Workbook\(", path.read_text()))
    assert writers == []
