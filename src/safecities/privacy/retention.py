"""The retention rule: how long personal data is kept, and the sweeps that erase it after.

Each app that keeps personal data for a limited time registers a **sweep** from its
``AppConfig.ready``: given the time now, it says what is due (``Due``: a description, a
count, and how to erase it). ``safecities purge_expired`` runs every sweep; with
``--dry-run`` it only prints what is due. A sweep must be idempotent — what it erased is
no longer due — so the command can run daily, twice, or after a crash half-way.

The periods come from settings (``PRIVACY_*``; docs/privacy.md), and an event may set its
own for its registrations and enquiries.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings


@dataclass(frozen=True)
class Periods:
    """How long each kind of personal data is kept (the settings' defaults)."""

    registration_months: int  # after the event's last day
    enquiry_months: int  # after the enquiry was sent
    email_body_days: int  # after the message was delivered


def default_periods() -> Periods:
    return Periods(
        registration_months=settings.PRIVACY_REGISTRATION_RETENTION_MONTHS,
        enquiry_months=settings.PRIVACY_ENQUIRY_RETENTION_MONTHS,
        email_body_days=settings.PRIVACY_EMAIL_BODY_RETENTION_DAYS,
    )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), or the month's last day if it is shorter:
    31 August + 6 months is 28 (or 29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Due:
    """Something a sweep would erase now: ``erase()`` does it and returns how many."""

    description: str
    count: int
    erase: Callable[[], int]


Sweep = Callable[[datetime], list[Due]]
_sweeps: list[Sweep] = []


def register_sweep(sweep: Sweep) -> None:
    if sweep not in _sweeps:
        _sweeps.append(sweep)


def due(now: datetime) -> list[Due]:
    """What every sweep would erase at ``now``."""
    return [item for sweep in _sweeps for item in sweep(now) if item.count]
