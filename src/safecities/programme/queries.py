"""Reusable reads of the programme. Days, clashes in a participant's picks and the
figures of the exchange are derived from the rows, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import combinations

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from safecities.events.models import Event
from safecities.practices.models import Characteristic, Practice
from safecities.programme.models import (
    AgendaPick,
    Commitment,
    Day,
    Lesson,
    Programme,
    Room,
    Session,
    SessionReport,
    SessionSpeaker,
    Speaker,
)
from safecities.registration.models import Registration


@dataclass(frozen=True)
class ProgrammeDay:
    date: date
    title: str
    number: int  # 1 for the first day


def programme_days(event: Event) -> list[ProgrammeDay]:
    """The days the organisers named, or else every date of the event, first to last."""
    named = list(Day.objects.filter(event=event).order_by("date").values_list("date", "title"))
    if not named:
        span = (event.ends_on - event.starts_on).days + 1
        named = [(event.starts_on + timedelta(days=i), "") for i in range(span)]
    return [ProgrammeDay(day, title, number) for number, (day, title) in enumerate(named, 1)]


def programme_of(event: Event) -> Programme:
    """The event's programme settings (unsaved defaults when the organisers set none)."""
    try:
        return event.programme
    except Programme.DoesNotExist:
        return Programme(event=event)


def published_event(slug: str) -> Event | None:
    """A published event whose programme is published, with its venue and programme."""
    return (Event.objects.published().select_related("venue", "programme")
            .filter(slug=slug, programme__is_published=True).first())


def published_practices() -> QuerySet[Practice]:
    return Practice.objects.filter(status=Practice.Status.PUBLISHED).order_by("title")


def timetable_sessions(event: Event) -> QuerySet[Session]:
    """Sessions with everything the timetable shows, in a fixed number of queries."""
    return (
        Session.objects.filter(event=event)
        .select_related("room", "chair", "event")
        .prefetch_related(
            Prefetch("speaker_links",
                     queryset=SessionSpeaker.objects.select_related("speaker")),
            Prefetch("characteristics", queryset=Characteristic.objects.order_by("position")),
        )
        .order_by("starts_at", "room__position", "id")
    )


def sessions_on(sessions: QuerySet[Session], event: Event, day: date) -> QuerySet[Session]:
    """The sessions starting on ``day`` in the event's time zone."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=event.tz)
    return sessions.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))


def session_detail(event: Event, pk: int) -> Session | None:
    return (
        timetable_sessions(event)
        .prefetch_related(Prefetch("practices", queryset=published_practices()))
        .filter(pk=pk).first()
    )


def speaker_sessions(speaker: Speaker) -> list[Session]:
    """Sessions where the speaker speaks or chairs, in time order."""
    return list(
        Session.objects.filter(event_id=speaker.event_id)
        .filter(Q(chair_id=speaker.pk) | Q(speaker_links__speaker_id=speaker.pk)).distinct()
        .select_related("room", "event").order_by("starts_at", "id")
    )


def speakers_of(event: Event) -> QuerySet[Speaker]:
    """Speakers on at least one session, or chairing one, by name."""
    return (Speaker.objects.filter(event=event)
            .filter(Q(session_links__isnull=False) | Q(chaired_sessions__isnull=False))
            .distinct()
            .order_by("name", "id"))


@dataclass(frozen=True)
class NowAndNext:
    now: list[Session]
    next: list[Session]
    running: bool  # whether the exchange is on at this moment (between first and last session)


def now_and_next(event: Event, moment: datetime) -> NowAndNext:
    """What is on at ``moment`` and what starts next (all sessions starting at the next
    start time after ``moment``).
    """
    sessions = timetable_sessions(event)
    current = list(sessions.filter(starts_at__lte=moment, ends_at__gt=moment))
    upcoming = sessions.filter(starts_at__gt=moment)
    first = upcoming.first()
    following = list(upcoming.filter(starts_at=first.starts_at)) if first else []
    bounds = Session.objects.filter(event=event).aggregate(last=Max("ends_at"))
    started = Session.objects.filter(event=event, starts_at__lte=moment).exists()
    running = started and bounds["last"] is not None and moment < bounds["last"]
    return NowAndNext(current, following, running)


# --- The participant's own agenda --------------------------------------------------------


def picked_ids(registration: Registration) -> set[int]:
    return set(AgendaPick.objects.filter(registration=registration)
               .values_list("session_id", flat=True))


def agenda_sessions(registration: Registration) -> list[Session]:
    return list(timetable_sessions(registration.event).filter(picks__registration=registration))


def overlapping_pairs(sessions: Iterable[Session]) -> list[tuple[Session, Session]]:
    """Every pair of sessions that overlap in time, earliest first."""
    ordered = sorted(sessions, key=lambda s: (s.starts_at, s.ends_at, s.pk))
    return [(a, b) for a, b in combinations(ordered, 2) if a.overlaps(b)]


# --- Outcomes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExchangeFigures:
    participants: int
    cities: int
    countries: int
    sessions: int
    practices: int


def exchange_figures(event: Event) -> ExchangeFigures:
    """Counted from the rows: confirmed participants and the places they came from, the
    sessions, and the published practices showcased.
    """
    confirmed = Registration.objects.filter(event=event,
                                            status=Registration.Status.CONFIRMED)
    places = {(city.strip().casefold(), country.strip().casefold())
              for city, country in confirmed.values_list("city", "country")}
    return ExchangeFigures(
        participants=confirmed.count(),
        cities=len(places),
        countries=len({country for _, country in places}),
        sessions=Session.objects.filter(event=event).exclude(
            type__in=Session.ROOM_SHARING_TYPES).count(),
        practices=published_practices().filter(programme_sessions__event=event)
        .distinct().count(),
    )


def participating_places(event: Event) -> list[tuple[str, list[str]]]:
    """(country, [cities]) of the confirmed participants, sorted, spelled as first typed."""
    seen: dict[str, dict[str, str]] = {}
    for city, country in (Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED)
            .order_by("id").values_list("city", "country")):
        cities = seen.setdefault(country.strip(), {})
        cities.setdefault(city.strip().casefold(), city.strip())
    merged: dict[str, dict[str, str]] = {}
    for country, cities in seen.items():
        merged.setdefault(country.casefold(), {"_name": country}).update(cities)
    result = []
    for bucket in merged.values():
        name = bucket.pop("_name")
        result.append((name, sorted(bucket.values(), key=str.casefold)))
    return sorted(result, key=lambda item: item[0].casefold())


def lessons_of(event: Event) -> QuerySet[Lesson]:
    return (Lesson.objects.filter(session__event=event)
            .select_related("session__event")
            .prefetch_related(
                Prefetch("characteristics", queryset=Characteristic.objects.order_by("position")),
                Prefetch("practices", queryset=published_practices()))
            .order_by("session__starts_at", "position", "id"))


@dataclass(frozen=True)
class CharacteristicLessons:
    characteristic: Characteristic
    lessons: list[Lesson]


def lessons_by_characteristic(event: Event) -> list[CharacteristicLessons]:
    """The seven characteristics in order, each with the lessons that serve it (a lesson
    serving two appears under both); characteristics without a lesson are left out.
    """
    lessons = list(lessons_of(event))
    groups = []
    for characteristic in Characteristic.objects.order_by("position", "code"):
        serving = [lesson for lesson in lessons
                   if any(c.pk == characteristic.pk for c in lesson.characteristics.all())]
        if serving:
            groups.append(CharacteristicLessons(characteristic, serving))
    return groups


def commitments_of(event: Event) -> QuerySet[Commitment]:
    return (Commitment.objects.filter(event=event)
            .prefetch_related(
                Prefetch("characteristics", queryset=Characteristic.objects.order_by("position")))
            .order_by("country", "city", "id"))


def reported_sessions(event: Event) -> QuerySet[Session]:
    """Sessions with a written summary, in time order."""
    return (timetable_sessions(event).filter(report__isnull=False).exclude(report__summary="")
            .select_related("report"))


def showcased_practices(event: Event) -> QuerySet[Practice]:
    return published_practices().filter(programme_sessions__event=event).distinct()


def outcomes_version(event: Event) -> str:
    """Changes whenever anything the outcomes report shows changes (an edit moves a
    ``updated_at``; a deletion changes a count), so the cached report is rebuilt.
    """
    parts = [event.updated_at.isoformat(), programme_of(event).updated_at]
    for queryset, stamp in (
        (Lesson.objects.filter(session__event=event), "updated_at"),
        (SessionReport.objects.filter(session__event=event), "updated_at"),
        (Commitment.objects.filter(event=event), "updated_at"),
        (Session.objects.filter(event=event), "updated_at"),
        (Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED), "id"),
        (showcased_practices(event), "updated_at"),
    ):
        figures = queryset.order_by().aggregate(last=Max(stamp), count=Count("pk"))
        parts += [figures["last"], figures["count"]]
    return "|".join(str(part) for part in parts)


def programme_version(event: Event) -> str:
    """Changes whenever anything the printed programme shows changes."""
    parts = [event.updated_at.isoformat(), programme_of(event).updated_at]
    for queryset, stamp in (
        (Session.objects.filter(event=event), "updated_at"),
        (Speaker.objects.filter(event=event), "updated_at"),
        (Room.objects.filter(event=event), "updated_at"),
        (Day.objects.filter(event=event), "updated_at"),
        (SessionSpeaker.objects.filter(session__event=event), "id"),
    ):
        figures = queryset.order_by().aggregate(last=Max(stamp), count=Count("pk"))
        parts += [figures["last"], figures["count"]]
    return "|".join(str(part) for part in parts)
