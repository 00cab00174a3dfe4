"""Reusable reads: counts and positions are derived from the rows, never stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from safecities.events.models import Event
from safecities.registration.models import Answer, Question, Registration

Status = Registration.Status


@dataclass(frozen=True)
class Occupancy:
    capacity: int
    confirmed: int
    waitlisted: int

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed, 0)

    @property
    def next_in_line(self) -> int:
        """The waiting-list number someone registering now would get (the event is full)."""
        return self.waitlisted + 1


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


def waitlist_places(event_id: int) -> dict[int, int]:
    """Registration id → place on the waiting list (1 first), for everyone waiting, in one
    query (an export needs them all)."""
    waiting = Registration.objects.filter(event_id=event_id, status=Status.WAITLISTED
                                          ).order_by("id").values_list("id", flat=True)
    return {pk: place for place, pk in enumerate(waiting, start=1)}


def event_questions(event: Event) -> list[Question]:
    """The event's own registration questions, in the order the form asks them."""
    return list(Question.objects.filter(event=event).order_by("order", "id"))


def answers_by_key(registration: Registration) -> dict[str, object]:
    """A registration's answers as the API shows them: text, a list for multiple choice,
    true/false for yes-or-no; questions left unanswered are absent."""
    found: dict[str, object] = {}
    for answer in (Answer.objects.filter(registration=registration)
                   .select_related("question").order_by("question__order", "question_id", "id")):
        found.update(answer_document(answer.question, answer.value, found))
    return found


def answer_document(question: Question, value: str, so_far: dict[str, object]):
    if question.kind == Question.Kind.MULTIPLE_CHOICE:
        return {question.key: [*so_far.get(question.key, []), value]}
    if question.kind == Question.Kind.YES_NO:
        return {question.key: value == "yes"}
    return {question.key: value}
