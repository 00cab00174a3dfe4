"""Reusable reads: counts and positions are derived from the rows, never stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from safecities.events.models import Event
from safecities.registration.models import Registration

Status = Registration.Status


@dataclass(frozen=True)
class Occupancy:
    capacity: int
    confirmed: int
    waitlisted: int

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed, 0)


def occupancy(event: Event) -> Occupancy:
    counts = Registration.objects.filter(
        event=event, status__in=[Status.CONFIRMED, Status.WAITLISTED]
    ).aggregate(
        confirmed=Count("id", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("id", filter=Q(status=Status.WAITLISTED)),
    )
    return Occupancy(capacity=event.capacity, **counts)


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in line; None for anyone not waiting."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITLISTED, id__lt=registration.id
    ).count()
    return ahead + 1
