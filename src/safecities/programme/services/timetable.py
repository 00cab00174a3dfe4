"""The rules of the timetable.

* A room never holds two sessions at once — except two breaks or networking sessions,
  at least one of them marked by the organisers as sharing its room (coffee in the foyer).
* A person (speaker or chair) is never in two places at once.
* A session lies within one of the programme's days, in the event's time zone, and ends
  after it starts, on the day it starts.

Every edit that could break a rule (a session's time, room, type, chair or speakers; the
programme's days) runs under the event's lock (``events.locking.locked_event``) so that two
organisers editing at once cannot each add half of a clash. A refused edit saves nothing
and says which two sessions would clash.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from safecities.events.locking import locked_event
from safecities.events.models import Event
from safecities.mailing.services import queue_rendered
from safecities.practices.models import Characteristic, Practice
from safecities.programme.emails import render_session_moved, render_session_removed
from safecities.programme.errors import Clash, DayRefused, ProgrammeError, SessionRefused
from safecities.programme.models import (
    AgendaPick,
    Day,
    Programme,
    Session,
    SessionSpeaker,
    Speaker,
)
from safecities.programme.queries import ProgrammeDay, programme_days

PHOTO_SIZE = 240  # pixels, square: shown at 120 CSS pixels, sharp on high-density screens
PHOTO_MAX_UPLOAD = 8 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000


def describe(session: Session, event: Event) -> str:
    """“Title” (Wed 3 Dec, 09:00–10:30): how a refusal names a session."""
    start = session.starts_at.astimezone(event.tz)
    end = session.ends_at.astimezone(event.tz)
    return _("“%(title)s” (%(day)s, %(start)s–%(end)s)") % {
        "title": session.title,
        "day": formats.date_format(start, "D j M"),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }


def may_share_room(a: Session, b: Session) -> bool:
    return (a.type in Session.ROOM_SHARING_TYPES and b.type in Session.ROOM_SHARING_TYPES
            and (a.shares_room or b.shares_room))


def people_of(session: Session, speaker_ids: Iterable[int]) -> set[int]:
    people = set(speaker_ids)
    if session.chair_id:
        people.add(session.chair_id)
    return people


def find_clashes(*, session: Session, speaker_ids: Iterable[int],
                 days: Sequence[ProgrammeDay] | None = None) -> list[Clash]:
    """Every rule ``session`` would break if saved as it stands (with these speakers),
    checked against the event's other saved sessions. Reads only; the caller locks.
    """
    event = session.event
    speaker_ids = list(speaker_ids)
    if session.starts_at is None or session.ends_at is None:
        return []
    clashes = _belonging(session, speaker_ids)
    if session.ends_at <= session.starts_at:
        clashes.append(Clash(kind="time", field="ends_at", message=_(
            "%(session)s ends before it starts.") % {"session": describe(session, event)}))
        return clashes
    start = session.starts_at.astimezone(event.tz)
    last_moment = (session.ends_at - timedelta(microseconds=1)).astimezone(event.tz)
    day_dates = {day.date for day in (days if days is not None else programme_days(event))}
    if start.date() not in day_dates:
        clashes.append(Clash(kind="day", field="starts_at", message=_(
            "%(session)s is not on a day of the programme (%(days)s).") % {
                "session": describe(session, event),
                "days": ", ".join(formats.date_format(d, "j M Y") for d in sorted(day_dates)),
        }))
    elif last_moment.date() != start.date():
        clashes.append(Clash(kind="day", field="ends_at", message=_(
            "%(session)s must end on the day it starts.") % {
                "session": describe(session, event)}))

    people = people_of(session, speaker_ids)
    others = (Session.objects.filter(event_id=session.event_id, starts_at__lt=session.ends_at,
                                     ends_at__gt=session.starts_at)
              .exclude(pk=session.pk)
              .filter((Q(room_id=session.room_id) if session.room_id else Q(pk__in=[]))
                      | Q(chair_id__in=people) | Q(speaker_links__speaker_id__in=people))
              .distinct().select_related("room").prefetch_related("speaker_links")
              .order_by("starts_at", "id"))
    names = dict(Speaker.objects.filter(pk__in=people).values_list("pk", "name"))
    for other in others:
        if session.room_id and other.room_id == session.room_id and not may_share_room(
                session, other):
            clashes.append(Clash(kind="room", field="room", other_id=other.pk, message=_(
                "Room clash: %(a)s and %(b)s would both be in %(room)s at the same time.") % {
                    "a": describe(session, event), "b": describe(other, event),
                    "room": other.room.name}
                + _room_hint(session, other)))
        shared = people & people_of(other, (link.speaker_id for link in other.speaker_links.all()))
        for person in sorted(shared, key=lambda pk: (names.get(pk, ""), pk)):
            clashes.append(Clash(
                kind="person", field="chair" if person == session.chair_id else "speakers",
                other_id=other.pk, message=_(
                    "%(person)s cannot be in %(a)s and in %(b)s: they overlap.") % {
                        "person": names.get(person, "?"), "a": describe(session, event),
                        "b": describe(other, event)}))
    return clashes


def _room_hint(session: Session, other: Session) -> str:
    if (session.type in Session.ROOM_SHARING_TYPES
            and other.type in Session.ROOM_SHARING_TYPES):
        return " " + _("Both are breaks or networking: tick “may share its room” to allow it.")
    return " " + _("Only breaks and networking sessions may share a room.")


def _belonging(session: Session, speaker_ids: list[int]) -> list[Clash]:
    """The room, chair and speakers must belong to the session's event."""
    clashes = []
    if session.room_id and session.room.event_id != session.event_id:
        clashes.append(Clash(kind="event", field="room",
                             message=_("That room belongs to another event.")))
    people = people_of(session, speaker_ids)
    if people and Speaker.objects.filter(pk__in=people).exclude(
            event_id=session.event_id).exists():
        clashes.append(Clash(kind="event", field="speakers",
                             message=_("A speaker or chair belongs to another event.")))
    return clashes


def save_session(
    *,
    session: Session,
    speakers: Sequence[Speaker] | None = None,
    practices: Iterable[Practice] | None = None,
    characteristics: Iterable[Characteristic] | None = None,
) -> Session:
    """Save a new or changed session (its fields as set on ``session``), its speakers in
    speaking order, the practices it showcases and the characteristics it addresses — or
    refuse with ``SessionRefused`` naming both sessions of every clash. The rule: no room
    holds two sessions at once unless both are breaks or networking and one of them may
    share its room; no speaker or chair is in two overlapping sessions; the session lies
    within one programme day. ``None`` leaves that relation as it is. When the time or
    the place of a session changes, its SEQUENCE grows by one and everyone who starred it
    is sent the new version (METHOD:PUBLISH, same UID), queued in the same transaction
    (rendered under the lock: an organiser's rare change, for the few who starred it).
    """
    if session.type not in Session.ROOM_SHARING_TYPES:
        session.shares_room = False
    with locked_event(session.event_id):
        if speakers is not None:
            speaker_ids = [speaker.pk for speaker in speakers]
        elif session.pk:
            speaker_ids = list(SessionSpeaker.objects.filter(session=session)
                               .values_list("speaker_id", flat=True))
        else:
            speaker_ids = []
        clashes = find_clashes(session=session, speaker_ids=speaker_ids)
        if clashes:
            raise SessionRefused(clashes)
        session.full_clean(validate_constraints=False)
        stored, moved = _schedule_change(session)
        session.sequence = stored + moved
        session.save()
        if moved:
            for registration in _starred_by(session).values():
                queue_rendered(render_session_moved(session, registration))
        if speakers is not None:
            _set_speakers(session, speaker_ids)
        if practices is not None:
            session.practices.set(practices)
        if characteristics is not None:
            session.characteristics.set(characteristics)
        return session


# A change of these is a new version of the session in people's calendars.
SCHEDULE_FIELDS = ("starts_at", "ends_at", "room_id", "location")


def _schedule_change(session: Session) -> tuple[int, bool]:
    """The stored SEQUENCE, and whether the time or the place changed since (a new session:
    0, no change)."""
    if session.pk is None:
        return 0, False
    stored = (Session.objects.filter(pk=session.pk)
              .values_list("sequence", *SCHEDULE_FIELDS).first())
    if stored is None:
        return 0, False
    sequence, *before = stored
    return sequence, before != [getattr(session, name) for name in SCHEDULE_FIELDS]


def _starred_by(session: Session) -> dict[int, object]:
    """The live, not erased registrations that starred the session, by id."""
    picks = AgendaPick.objects.filter(session=session).select_related("registration__event")
    return {pick.registration_id: pick.registration for pick in picks
            if pick.registration.is_live and not pick.registration.is_erased}


def remove_session(*, session: Session) -> int:
    """Remove a session from the programme. The rule: every live registration that starred
    it is sent the session's cancellation (METHOD:CANCEL with the same UID and the next
    SEQUENCE, so their calendar drops it), queued in the same transaction as the removal.
    Messages are rendered before the event's lock is taken; a pick made in between is
    rendered under it. Returns how many people were told."""
    rendered = {pk: render_session_removed(session, registration)
                for pk, registration in _starred_by(session).items()}
    with locked_event(session.event_id):
        people = _starred_by(session)
        for pk, registration in people.items():
            queue_rendered(rendered.get(pk) or render_session_removed(session, registration))
        session.delete()
    return len(people)


def _set_speakers(session: Session, speaker_ids: list[int]) -> None:
    seen: list[int] = []
    for pk in speaker_ids:
        if pk not in seen:
            seen.append(pk)
    SessionSpeaker.objects.filter(session=session).exclude(speaker_id__in=seen).delete()
    existing = {link.speaker_id: link for link in SessionSpeaker.objects.filter(session=session)}
    for position, pk in enumerate(seen):
        link = existing.get(pk)
        if link is None:
            SessionSpeaker.objects.create(session=session, speaker_id=pk, position=position)
        elif link.position != position:
            link.position = position
            link.save(update_fields=["position"])


def save_day(*, event: Event, day_date: date, title: str = "", day: Day | None = None) -> Day:
    """Name a programme day (or move a named one). The rule: a day lies within the event's
    dates, and once days are named, every session must still fall on one of them — so a
    change that would leave a session outside the programme is refused, naming it.
    """
    with locked_event(event.pk) as locked:
        if not locked.starts_on <= day_date <= locked.ends_on:
            raise DayRefused(_("%(day)s is not between the event's first and last day.") % {
                "day": formats.date_format(day_date, "j F Y")})
        day = day or Day(event=locked)
        day.date = day_date
        day.title = title
        day.save()
        _refuse_orphans(locked)
        return day


def remove_day(*, day: Day) -> None:
    """Remove a named day, unless a session would be left outside the programme's days."""
    with locked_event(day.event_id) as locked:
        day.delete()
        _refuse_orphans(locked)


def sessions_outside(event: Event, dates: Iterable[date]) -> list[Session]:
    """The event's sessions that do not start on one of ``dates`` (event time zone)."""
    dates = set(dates)
    return [session for session in Session.objects.filter(event=event).order_by("starts_at")
            if session.starts_at.astimezone(event.tz).date() not in dates]


def orphan_message(session: Session, event: Event) -> str:
    return _("%(session)s would no longer be on a day of the programme.") % {
        "session": describe(session, event)}


def _refuse_orphans(event: Event) -> None:
    """Raise (rolling the transaction back) if a session lies outside the programme days."""
    outside = sessions_outside(event, (day.date for day in programme_days(event)))
    if outside:
        raise DayRefused(orphan_message(outside[0], event))


def set_speaker_photo(*, speaker: Speaker, upload: io.IOBase | None) -> Speaker:
    """Store a speaker's photo as served: re-encoded as a small square JPEG
    (``PHOTO_SIZE`` pixels), turned upright, without its metadata (camera, place). ``None``
    removes the photo. Anything that is not a photo is refused.
    """
    if upload is None:
        speaker.photo = None
        speaker.save(update_fields=["photo", "updated_at"])
        return speaker
    data = upload.read(PHOTO_MAX_UPLOAD + 1)
    if len(data) > PHOTO_MAX_UPLOAD:
        raise ProgrammeError(_("The photo is too large: send one under 8 MB."))
    too_many = ProgrammeError(_("The photo has too many pixels: send a smaller one."))
    try:
        with warnings.catch_warnings():
            # Pillow warns (and past twice its own limit refuses) by the header's size: the
            # decision is PHOTO_MAX_PIXELS, read from the header before anything is decoded.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise too_many from error
    except (UnidentifiedImageError, OSError) as error:
        raise ProgrammeError(_("That file is not a photo we can read (JPEG, PNG or WebP)."),
                             ) from error
    try:
        with image:
            if image.width * image.height > PHOTO_MAX_PIXELS:
                raise too_many
            image = ImageOps.exif_transpose(image)
            image = ImageOps.fit(image.convert("RGB"), (PHOTO_SIZE, PHOTO_SIZE),
                                 method=Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=78, optimize=True, progressive=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ProgrammeError(_("That file is not a photo we can read (JPEG, PNG or WebP)."),
                             ) from error
    speaker.photo = out.getvalue()
    speaker.save(update_fields=["photo", "updated_at"])
    return speaker


def publish_programme(*, event: Event, published: bool) -> None:
    """Make the programme (timetable, feeds, booklet, API) public or take it back."""
    with transaction.atomic():
        Programme.objects.update_or_create(event=event, defaults={"is_published": published})
