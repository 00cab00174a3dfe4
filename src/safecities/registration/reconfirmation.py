"""Reconfirmation: "are you still coming?" before the event.

Free events lose many places to people who no longer come. Organisers ask everyone
confirmed; a "no" cancels at once (the first in line is confirmed in their place); after
the deadline, those who never answered can be released in one action, which first shows
exactly who would be cancelled and who would be confirmed instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from safecities.events.locking import locked_event
from safecities.events.models import Event
from safecities.registration.errors import ReconfirmationClosed, ReleaseTooEarly
from safecities.registration.models import (
    Reconfirmation,
    ReconfirmationRequest,
    Registration,
)
from safecities.registration.services import cancel_under_lock

Status = Registration.Status
Reply = Reconfirmation.Reply


def ask(*, event: Event, deadline: datetime, asked_by) -> ReconfirmationRequest:
    """Ask everyone confirmed now whether they are still coming, by ``deadline``. Each gets
    an email with a yes/no page (queued by the mail worker from the pending rows)."""
    if deadline <= timezone.now():
        raise ValueError("the deadline must be in the future")
    with transaction.atomic():
        request = ReconfirmationRequest.objects.create(event=event, deadline=deadline,
                                                       asked_by=asked_by)
        confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED)
        Reconfirmation.objects.bulk_create(
            Reconfirmation(request=request, registration_id=pk)
            for pk in confirmed.values_list("pk", flat=True).iterator()
        )
        return request


def reply(*, reconfirmation: Reconfirmation, answer: str) -> Reconfirmation:
    """Record a participant's answer. "No" cancels the registration in the same locked
    transaction (the first in line is confirmed); "yes" keeps it. Answering again changes
    a "yes" to a "no", never the reverse (a cancelled place is not taken back). Refused
    once the registration is no longer confirmed.
    """
    if answer not in Reply.values:
        raise ValueError(f"unknown answer {answer!r}")
    registration = reconfirmation.registration
    with locked_event(registration.event_id) as locked:
        current = Reconfirmation.objects.select_related("registration").get(
            pk=reconfirmation.pk)
        if current.registration.status != Status.CONFIRMED:
            raise ReconfirmationClosed()
        current.answer = answer
        current.answered_at = timezone.now()
        current.save(update_fields=["answer", "answered_at"])
        if answer == Reply.NO:
            cancel_under_lock([current.registration], locked)
        return current


@dataclass(frozen=True)
class ReleasePlan:
    """What releasing the non-responders would do, computed from the rows as they are."""

    released: list[Registration]
    promoted: list[Registration]


def release_plan(*, request: ReconfirmationRequest) -> ReleasePlan:
    """Who has not answered and is still confirmed, and who would be confirmed instead
    (the first in line, as many as places would be free). Reads only."""
    released = list(_non_responders(request))
    event = request.event
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    free = event.capacity - (confirmed - len(released))
    promoted = list(Registration.objects.filter(event=event, status=Status.WAITLISTED)
                    .order_by("id")[:max(free, 0)])
    return ReleasePlan(released=released, promoted=promoted)


def release_non_responders(*, request: ReconfirmationRequest) -> ReleasePlan:
    """After the deadline: cancel every still-confirmed registration that did not answer,
    then confirm the first in line for the places freed — one locked decision. Returns what
    was done (the same as ``release_plan`` showed, unless someone answered meanwhile)."""
    if timezone.now() < request.deadline:
        raise ReleaseTooEarly(request.deadline)
    with locked_event(request.event_id) as locked:
        released = list(_non_responders(request))
        promoted = cancel_under_lock(released, locked)
        ReconfirmationRequest.objects.filter(pk=request.pk).update(released_at=timezone.now())
        return ReleasePlan(released=released, promoted=promoted)


def _non_responders(request: ReconfirmationRequest):
    return (Registration.objects.filter(
        reconfirmations__request=request, reconfirmations__answer="",
        status=Status.CONFIRMED,
    ).order_by("id"))

