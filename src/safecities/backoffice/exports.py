"""Registrant exports (CSV and XLSX) with the columns the organiser picks.

The rows are written by the site's one table writer (``documents.tables``), which
neutralises formulas in every cell: a registrant cannot plant one in an organiser's
spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safecities.backoffice.queries import answers_by_question, with_answers
from safecities.registration.models import Question, Registration
from safecities.registration.queries import waitlist_places


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
    Column("place_in_line", _("Place in line")),
    Column("registered_at", _("Registered at")),
    Column("confirmed_at", _("Confirmed at")),
    Column("cancelled_at", _("Cancelled at")),
    Column("checked_in_at", _("Checked in at")),
    Column("language", _("Language")),
]
# What an organiser needs for a participant list.
DEFAULT_KEYS = ("name", "organisation", "position", "city", "country", "email", "status",
                "place_in_line", "registered_at", "checked_in_at")


def available_columns(questions: list[Question]) -> list[Column]:
    return STANDARD_COLUMNS + [Column(f"answer:{q.key}", q.label) for q in questions]


def _local(value: datetime | None, tz) -> datetime | None:
    # The event's local time with its offset (CSV writes it in ISO 8601; XLSX, which
    # knows no zones, the same local time).
    return timezone.localtime(value, tz).replace(microsecond=0) if value else None


def rows(registrations: QuerySet[Registration], columns: list[Column],
         questions: list[Question], tz) -> Iterator[list[object]]:
    """The header, then one list of cell values per registration."""
    by_key = {q.key: q for q in questions}
    yield [str(column.label) for column in columns]
    places: dict[int, int] | None = None
    for registration in with_answers(registrations).iterator(chunk_size=500):
        if places is None and any(column.key == "place_in_line" for column in columns):
            places = waitlist_places(registration.event_id)
        answers = answers_by_question(registration)
        checkin = getattr(registration, "checkin", None)
        line: list[object] = []
        for column in columns:
            if column.key.startswith("answer:"):
                question = by_key[column.key.removeprefix("answer:")]
                value: object = "; ".join(answers.get(question.id, []))
            elif column.key == "status":
                value = registration.get_status_display()
            elif column.key == "place_in_line":
                value = (places or {}).get(registration.pk)
            elif column.key == "checked_in_at":
                value = _local(checkin.checked_in_at, tz) if checkin else None
            elif column.key.endswith("_at"):
                value = _local(getattr(registration, column.key), tz)
            else:
                value = getattr(registration, column.key)
            line.append(value)
        yield line
