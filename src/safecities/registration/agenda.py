"""Appointments other apps add to a participant's personal agenda.

The programme shows a participant's starred sessions on their agenda page and in their
private calendar feed; other apps (bilateral meetings, for instance) add their own
appointments through a provider registered in ``AppConfig.ready``. The registry lives
here, in the app every participant feature builds on, so that the programme needs no
import of the apps that add entries, and those apps none of the programme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from safecities.registration.models import Registration


@dataclass(frozen=True)
class AgendaEntry:
    uid: str  # stable, so a calendar replaces the entry when it changes
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    description: str
    url: str


Provider = Callable[[Registration], list[AgendaEntry]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def entries_for(registration: Registration) -> list[AgendaEntry]:
    """Every registered provider's entries for this participant, in time order."""
    entries = [entry for provider in _providers for entry in provider(registration)]
    return sorted(entries, key=lambda entry: (entry.starts_at, entry.title))
