"""A city's indicator values: entering, removing, importing a CSV; and its current scores.

Values are validated against the current instrument (a rubric takes 0–4, a percentage
0–100, a rate 0 or more; every value needs a year and a source). A batch of values is
stored whole or not at all. Whenever a city's values change, its stored current scores
(``CurrentScore``, used for peer matching) are recomputed in the same transaction, so
they never disagree with the values.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecities.cities import scoring
from safecities.cities.errors import InvalidValues, NotAllowed
from safecities.cities.models import (
    City,
    CurrentScore,
    Indicator,
    IndicatorDefinition,
    IndicatorValue,
)
from safecities.cities.queries import Instrument, current_instrument, may_edit, observations_of
from safecities.documents import tables

FIRST_YEAR = 1990
SOURCE_MAX = IndicatorValue._meta.get_field("source").max_length
NOTE_MAX = IndicatorValue._meta.get_field("note").max_length
LINK_MAX = IndicatorValue._meta.get_field("link").max_length
CSV_COLUMNS = ["indicator", "name", "unit", "year", "value", "source", "link", "note"]
CSV_REQUIRED = ["indicator", "year", "value", "source"]
CSV_MAX_ROWS = 2000


@dataclass(frozen=True)
class ValueEntry:
    """One figure to store: the city's value of an indicator for a year, with its source."""

    indicator: str
    year: int
    value: float
    source: str
    link: str = ""
    note: str = ""
    is_demo: bool = False


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int

    @property
    def imported(self) -> int:
        return self.created + self.updated


def _check_permission(city: City, by) -> None:
    if by is not None and not may_edit(by, city):
        raise NotAllowed()


def entry_field_errors(entry: ValueEntry, instrument: Instrument, *, year_known: bool = True
                       ) -> dict[str, list[str]]:
    """What is wrong with one entry, in plain words, by field (empty when it can be stored)."""
    definition = instrument.definition(entry.indicator)
    if definition is None:
        return {"indicator": [_("“%(code)s” is not an indicator of the instrument.")
                              % {"code": entry.indicator}]}
    return definition_errors(entry, definition, year_known=year_known)


def definition_errors(entry: ValueEntry, definition: IndicatorDefinition, *,
                      year_known: bool = True) -> dict[str, list[str]]:
    """What is wrong with an entry for this indicator definition, by field."""
    errors: dict[str, list[str]] = {}
    latest_year = timezone.localdate().year
    if year_known and not FIRST_YEAR <= entry.year <= latest_year:
        errors.setdefault("year", []).append(
            _("The year must be between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": latest_year})
    try:
        scoring.check_value(definition.rule(""), entry.value)
    except scoring.InvalidValue as problem:
        errors.setdefault("value", []).append({
            "rubric": _("Enter a level from 0 to 4 (a whole number)."),
            "percentage": _("Enter a percentage from 0 to 100."),
            "negative": _("The value cannot be negative."),
        }.get(str(problem), _("Enter a number.")))
    if not entry.source.strip():
        errors.setdefault("source", []).append(_("Say where the figure comes from (the source)."))
    elif len(entry.source) > SOURCE_MAX:
        errors.setdefault("source", []).append(
            _("The source is too long (at most %(n)d characters).") % {"n": SOURCE_MAX})
    if entry.link:
        try:
            URLValidator(schemes=["http", "https"])(entry.link)
        except ValidationError:
            errors.setdefault("link", []).append(
                _("The link must be a web address starting with http:// or https://."))
        if len(entry.link) > LINK_MAX:
            errors.setdefault("link", []).append(_("The link is too long."))
    if len(entry.note) > NOTE_MAX:
        errors.setdefault("note", []).append(
            _("The note is too long (at most %(n)d characters).") % {"n": NOTE_MAX})
    return errors


def entry_errors(entry: ValueEntry, instrument: Instrument, *, year_known: bool = True
                 ) -> list[str]:
    """The same, as one list in the order of the fields."""
    by_field = entry_field_errors(entry, instrument, year_known=year_known)
    return [message for name in ["indicator", "year", "value", "source", "link", "note"]
            for message in by_field.get(name, [])]


def save_values(*, city: City, entries: list[ValueEntry],
                removals: list[tuple[str, int]] = (), by=None,
                instrument: Instrument | None = None) -> ImportReport:
    """Store each entry as the city's value of its indicator for its year, replacing a
    value for the same indicator and year, and remove the (indicator, year) values in
    ``removals``. All of it happens or, if any entry is invalid, none of it
    (``InvalidValues`` says what is wrong with which). ``by`` must be an organiser or an
    approved contact of the city (None: the system itself, e.g. the demo loader). The
    city's current scores are recomputed in the same transaction.
    """
    _check_permission(city, by)
    instrument = instrument or current_instrument()
    field_errors = {entry.indicator: entry_field_errors(entry, instrument) for entry in entries}
    field_errors = {code: by_field for code, by_field in field_errors.items() if by_field}
    if field_errors:
        raise InvalidValues({entry.indicator: entry_errors(entry, instrument)
                             for entry in entries if entry.indicator in field_errors},
                            field_errors=field_errors)
    return _store(city, entries, by, instrument, removals)


def _store(city: City, entries: list[ValueEntry], by, instrument: Instrument,
           removals: list[tuple[str, int]] = ()) -> ImportReport:
    indicators = {i.code: i for i in Indicator.objects.filter(
        code__in={e.indicator for e in entries})}
    created = updated = 0
    user = by if by is not None and by.is_authenticated else None
    with transaction.atomic():
        for code, year in removals:
            IndicatorValue.objects.filter(city=city, indicator__code=code, year=year).delete()
        for entry in entries:
            _row, made = IndicatorValue.objects.update_or_create(
                city=city, indicator=indicators[entry.indicator], year=entry.year,
                defaults={"value": entry.value, "source": entry.source.strip(),
                          "link": entry.link.strip(), "note": entry.note.strip(),
                          "is_demo": entry.is_demo, "entered_by": user},
            )
            created += made
            updated += not made
        refresh_current_scores(city=city, instrument=instrument)
    return ImportReport(created=created, updated=updated)


def remove_value(*, city: City, indicator: str, year: int, by=None) -> bool:
    """Remove the city's value of an indicator for a year (e.g. one too old to count).
    Returns whether there was one. Current scores are recomputed in the same transaction.
    """
    _check_permission(city, by)
    with transaction.atomic():
        deleted, _ = IndicatorValue.objects.filter(city=city, indicator__code=indicator,
                                                   year=year).delete()
        refresh_current_scores(city=city)
    return bool(deleted)


def parse_number(text: str) -> float:
    """A number as people type it: "12.5", "12,5", "12.5 %", "1 234"."""
    cleaned = text.strip().rstrip("%").strip().replace(" ", "").replace("\u00a0", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return float(cleaned)


def read_csv(content: bytes, instrument: Instrument
             ) -> tuple[list[ValueEntry], dict[int, list[str]]]:
    """The entries of a CSV file and the errors of its rows (keyed by line number).

    Rows left as in the template (no year, value or source) are skipped silently.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], {1: [_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")]}
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [column for column in CSV_REQUIRED if column not in header]
    if missing:
        return [], {1: [_("The first line must name the columns; missing: %(columns)s.")
                        % {"columns": ", ".join(missing)}]}
    reader.fieldnames = header
    entries: list[ValueEntry] = []
    errors: dict[int, list[str]] = {}
    seen: dict[tuple[str, int], int] = {}
    for row in reader:
        line = reader.line_num
        if line > CSV_MAX_ROWS + 1:
            errors[line] = [_("The file has more than %(n)d rows.") % {"n": CSV_MAX_ROWS}]
            break
        cells = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        if not (cells.get("year") or cells.get("value") or cells.get("source")):
            continue
        row_errors = []
        try:
            year, year_known = int(cells.get("year", "")), True
        except ValueError:
            year, year_known = 0, False
            row_errors.append(_("The year must be a whole number, e.g. 2023."))
        try:
            value = parse_number(cells.get("value", ""))
        except ValueError:
            value = float("nan")
        entry = ValueEntry(indicator=cells.get("indicator", ""), year=year, value=value,
                           source=cells.get("source", ""), link=cells.get("link", ""),
                           note=cells.get("note", ""))
        row_errors += entry_errors(entry, instrument, year_known=year_known)
        key = (entry.indicator, year)
        if key in seen:
            row_errors.append(_("The same indicator and year are already on line %(line)d.")
                              % {"line": seen[key]})
        seen.setdefault(key, line)
        if row_errors:
            errors[line] = row_errors
        else:
            entries.append(entry)
    if not entries and not errors:
        errors[1] = [_("The file has no values to import.")]
    return entries, errors


def import_values(*, city: City, content: bytes, by=None) -> ImportReport:
    """Import a CSV of values (the downloadable template's columns). Every row is checked;
    if any row is wrong nothing is imported and ``InvalidValues`` lists each rejected line
    with its reasons. Otherwise all rows are stored as ``save_values`` would.
    """
    _check_permission(city, by)
    instrument = current_instrument()
    entries, errors = read_csv(content, instrument)
    if errors:
        raise InvalidValues(errors)
    return _store(city, entries, by, instrument)


def template_lines(instrument: Instrument) -> list[list[str]]:
    """The CSV template: one line per indicator, with its name and unit to guide the eye."""
    return [CSV_COLUMNS, *([definition.indicator.code, _(definition.name), _(definition.unit),
                            "", "", "", "", ""] for definition in instrument.definitions)]


def template_csv(instrument: Instrument) -> str:
    return tables.csv_text(template_lines(instrument))


def refresh_current_scores(*, city: City, instrument: Instrument | None = None) -> None:
    """Rewrite the city's stored current scores from its values (its latest assessment)."""
    instrument = instrument or current_instrument()
    assessment = instrument.assess(observations_of(city))
    with transaction.atomic():
        CurrentScore.objects.filter(city=city).delete()
        CurrentScore.objects.bulk_create([
            CurrentScore(city=city, characteristic=code, score=result.score,
                         year=assessment.year, version=instrument.number)
            for code, result in assessment.characteristics.items()
        ])


def refresh_all_current_scores() -> None:
    """Rescore every city with the current instrument (after a version is published)."""
    instrument = current_instrument()
    with transaction.atomic():
        for city in City.objects.all():
            refresh_current_scores(city=city, instrument=instrument)
