"""Reads for the back-office pages: every figure derived from the rows, in a fixed number
of queries whatever the number of registrations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _
from post_office.models import STATUS, Log

from safecities.events.models import Event
from safecities.mailing.models import MessageConcern
from safecities.privacy.personal_data import mail_key
from safecities.registration.models import Answer, CheckIn, Question, Registration

Status = Registration.Status


@dataclass(frozen=True)
class Figures:
    capacity: int
    confirmed: int
    waitlisted: int
    cancelled: int
    checked_in: int

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed, 0)

    @property
    def total(self) -> int:
        return self.confirmed + self.waitlisted + self.cancelled

    @property
    def filled_percent(self) -> int:
        if self.capacity == 0:
            return 100 if self.confirmed else 0
        return min(round(100 * self.confirmed / self.capacity), 100)


def figures(event: Event) -> Figures:
    """Capacity and the count of each status and of check-ins: one query."""
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("id", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("id", filter=Q(status=Status.WAITLISTED)),
        cancelled=Count("id", filter=Q(status=Status.CANCELLED)),
        checked_in=Count("checkin"),
    )
    return Figures(capacity=event.capacity, **counts)


def registrations_per_day(event: Event) -> list[tuple[date, int]]:
    """Registrations received per calendar day (in the event's time zone), in date order."""
    rows = (Registration.objects.filter(event=event)
            .annotate(day=TruncDate("registered_at", tzinfo=event.tz))
            .values("day").annotate(count=Count("id")).order_by("day"))
    return [(row["day"], row["count"]) for row in rows]


def breakdown(event: Event, field_name: str, limit: int = 10) -> list[tuple[str, int]]:
    """The most frequent values of ``field_name`` among live registrations, with counts."""
    rows = (Registration.objects.filter(event=event).exclude(status=Status.CANCELLED)
            .values(field_name).annotate(count=Count("id"))
            .order_by("-count", field_name)[:limit])
    return [(row[field_name], row["count"]) for row in rows]


def latest_registrations(event: Event, limit: int = 5) -> list[Registration]:
    return list(Registration.objects.filter(event=event).order_by("-id")[:limit])


# --- The registrant list ------------------------------------------------------------------

SORTS = {
    "registered": ("id",),
    "-registered": ("-id",),
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "organisation": ("organisation", "id"),
    "-organisation": ("-organisation", "-id"),
    "country": ("country", "id"),
    "-country": ("-country", "-id"),
    "status": ("status", "id"),
    "-status": ("-status", "-id"),
}
CHECKED_IN_CHOICES = ("yes", "no")


@dataclass
class RegistrantFilter:
    """What the organiser searched and filtered by; read from the query string."""

    search: str = ""
    status: str = ""
    checked_in: str = ""
    sort: str = "registered"
    answers: dict[str, str] = field(default_factory=dict)  # question key → value

    @classmethod
    def from_query(cls, query: Mapping[str, str], questions: list[Question]) -> RegistrantFilter:
        status = query.get("status", "")
        checked_in = query.get("checked_in", "")
        sort = query.get("sort", "registered")
        answers = {}
        for question in questions:
            value = (query.get(f"answer_{question.key}") or "").strip()
            if value:
                answers[question.key] = value
        return cls(
            search=(query.get("q") or "").strip()[:100],
            status=status if status in Status.values else "",
            checked_in=checked_in if checked_in in CHECKED_IN_CHOICES else "",
            sort=sort if sort in SORTS else "registered",
            answers=answers,
        )

    @property
    def is_active(self) -> bool:
        return bool(self.search or self.status or self.checked_in or self.answers)

    def as_query(self) -> dict[str, str]:
        query = {"q": self.search, "status": self.status, "checked_in": self.checked_in,
                 "sort": self.sort}
        query.update({f"answer_{key}": value for key, value in self.answers.items()})
        return {key: value for key, value in query.items() if value}

    def describe(self) -> str:
        """The filter in words, for notices and an announcement's record."""
        parts = []
        if self.search:
            parts.append(_("search “%(text)s”") % {"text": self.search})
        if self.status:
            parts.append(_("status: %(status)s") % {"status": Status(self.status).label})
        if self.checked_in:
            parts.append(_("checked in: %(answer)s") % {
                "answer": _("yes") if self.checked_in == "yes" else _("no")})
        parts += [f"{key} = {value}" for key, value in self.answers.items()]
        return "; ".join(parts)


def registrants(event: Event, chosen: RegistrantFilter,
                questions: list[Question]) -> QuerySet[Registration]:
    """The event's registrations matching the filter, sorted; check-ins joined."""
    rows = Registration.objects.filter(event=event).select_related("checkin")
    if chosen.search:
        term = chosen.search
        rows = rows.filter(Q(name__icontains=term) | Q(email__icontains=term)
                           | Q(organisation__icontains=term) | Q(reference__iexact=term))
    if chosen.status:
        rows = rows.filter(status=chosen.status)
    if chosen.checked_in:
        rows = rows.filter(checkin__isnull=chosen.checked_in == "no")
    by_key = {question.key: question for question in questions}
    for key, value in chosen.answers.items():
        question = by_key[key]
        matching = Answer.objects.filter(registration=OuterRef("pk"), question=question)
        if question.kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
            matching = matching.filter(value__icontains=value)
        else:
            matching = matching.filter(value=value)
        rows = rows.filter(Exists(matching))
    return rows.order_by(*SORTS[chosen.sort])


def with_answers(rows: QuerySet[Registration]) -> QuerySet[Registration]:
    """Fetch the answers of the rows in one more query."""
    return rows.prefetch_related(
        Prefetch("answers", queryset=Answer.objects.order_by("question_id", "id"))
    )


def answers_by_question(registration: Registration) -> dict[int, list[str]]:
    """Question id → values, from prefetched answers."""
    found: dict[int, list[str]] = {}
    for answer in registration.answers.all():
        found.setdefault(answer.question_id, []).append(answer.value)
    return found


def checked_in_count(event: Event) -> int:
    return CheckIn.objects.filter(registration__event=event).count()


# --- Mail the server refused for good ------------------------------------------------------


@dataclass(frozen=True)
class Undelivered:
    registration: Registration
    subject: str
    failed_at: object
    reply: str


def undelivered_mail(event: Event, limit: int = 50) -> list[Undelivered]:
    """Messages to this event's registrants that the mail server refused for good (a 5xx
    reply: no such mailbox, message rejected), newest first, with the server's reply. The
    mail worker stops retrying them (docs/architecture.md, "The mail queue"); organisers
    correct the address or reach the person another way. One query when there are none
    (refused messages are few: they are read across events, then kept for this one)."""
    prefix = mail_key("registration", "")
    concerns = list(MessageConcern.objects
                    .filter(person__startswith=prefix, email__status=STATUS.failed)
                    .select_related("email").order_by("-email__last_updated", "-email_id"))
    if not concerns:
        return []
    people = Registration.objects.filter(event=event).in_bulk(
        [int(concern.person.removeprefix(prefix)) for concern in concerns])
    rows = [(concern.email, people[int(concern.person.removeprefix(prefix))])
            for concern in concerns if int(concern.person.removeprefix(prefix)) in people]
    # Sent to the registrant (not a message to someone else that names them).
    rows = [(email, registration) for email, registration in rows
            if registration.email.lower() in {address.lower() for address in email.to}][:limit]
    # Oldest first per message, so that the latest reply is the one kept.
    replies = dict(Log.objects.filter(email_id__in=[email.pk for email, _r in rows])
                   .order_by("email_id", "date").values_list("email_id", "message"))
    return [Undelivered(registration=registration, subject=email.subject,
                        failed_at=email.last_updated, reply=replies.get(email.pk, ""))
            for email, registration in rows]
