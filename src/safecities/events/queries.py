from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from safecities.events.models import Event


def upcoming_events(today: date) -> QuerySet[Event]:
    return Event.objects.published().filter(ends_on__gte=today).select_related("venue").order_by(
        "starts_on"
    )


def past_events(today: date) -> QuerySet[Event]:
    return Event.objects.published().filter(ends_on__lt=today).select_related("venue")


def open_for_registration(events: QuerySet[Event], now) -> list[Event]:
    return [event for event in events if event.registration_is_open(now)]
