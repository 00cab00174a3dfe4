from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from safecities.events.models import Event


def upcoming_events(today: date) -> QuerySet[Event]:
    return Event.objects.published().filter(ends_on__gte=today).select_related("venue").order_by(
        "starts_on"
    )


def past_events(today: date) -> QuerySet[Event]:
    return Event.objects.published().filter(ends_on__lt=today).select_related("venue")


@dataclass(frozen=True)
class HomeListing:
    upcoming: list[Event]
    open_past: list[Event]  # past dates, registration still open (the demo event)
    past: list[Event]


def home_listing(now: datetime) -> HomeListing:
    """Published events for the home page: upcoming; then past-dated events that still
    take registrations (the demo keeps 2014's dates); then the rest of the past. Two queries.
    """
    today = timezone.localdate(now)
    past = list(past_events(today))
    open_past = [event for event in past if event.registration_is_open(now)]
    return HomeListing(
        upcoming=list(upcoming_events(today)),
        open_past=open_past,
        past=[event for event in past if event not in open_past],
    )
