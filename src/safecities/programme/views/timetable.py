"""The public programme: timetable by day, session and speaker pages, now and next, and
the whole programme as iCalendar, PDF booklet and (in ``api.py``) JSON.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from safecities.accounts.capabilities import PREVIEW_PROGRAMME
from safecities.accounts.permissions import can
from safecities.documents.rendering import pdf_response, render_pdf
from safecities.events.models import Event
from safecities.practices.models import Characteristic
from safecities.programme import queries
from safecities.programme.calendar import programme_calendar
from safecities.programme.forms import TimetableFilterForm
from safecities.programme.models import Speaker
from safecities.registration.models import Registration


def published_event(slug: str) -> Event:
    event = queries.published_event(slug)
    if event is None:
        raise Http404("No published programme for this event.")
    return event


def chosen_day(request, days: list[queries.ProgrammeDay], event: Event) -> queries.ProgrammeDay:
    """The day asked for, else today during the exchange, else the first day."""
    asked = request.GET.get("day", "")
    try:
        wanted = date.fromisoformat(asked) if asked else timezone.localdate(
            timezone=event.tz)
    except ValueError:
        wanted = None
    return next((day for day in days if day.date == wanted), days[0])


def timetable_context(request, event: Event,
                      registration: Registration | None = None) -> dict[str, object]:
    """Everything the timetable page shows, for the public page and the private one
    (``registration`` set: each session gets a star button).
    """
    days = queries.programme_days(event)
    day = chosen_day(request, days, event)
    characteristics = list(Characteristic.objects.order_by("position", "code"))
    form = TimetableFilterForm(request.GET, characteristics=characteristics)
    form.is_valid()
    chosen = getattr(form, "cleaned_data", {})
    sessions = queries.sessions_on(queries.timetable_sessions(event), event, day.date)
    if chosen.get("type"):
        sessions = sessions.filter(type=chosen["type"])
    if chosen.get("characteristic"):
        sessions = sessions.filter(characteristics__code=chosen["characteristic"])
    sessions = list(sessions)
    filters = {key: chosen[key] for key in ("type", "characteristic") if chosen.get(key)}
    return {
        "event": event,
        "days": [(d, "?" + urlencode({"day": d.date.isoformat(), **filters})) for d in days],
        "day": day,
        "form": form,
        "filtered": bool(filters),
        "sessions": sessions,
        "zone": zone_label(event, day.date),
        "registration": registration,
        "picked": queries.picked_ids(registration) if registration else set(),
    }


def zone_label(event: Event, day: date) -> dict[str, str]:
    """How the page marks its times: the zone's name, abbreviation and offset that day."""
    noon = datetime.combine(day, datetime.min.time(), tzinfo=event.tz).replace(hour=12)
    offset = noon.strftime("%z")
    return {"name": event.timezone, "abbreviation": noon.tzname() or "",
            "offset": f"UTC{offset[:3]}:{offset[3:]}"}


@require_safe
def timetable(request, slug: str):
    event = queries.published_event(slug)
    if event is None:
        # The event page links here before the programme is out: say so in plain words.
        event = get_object_or_404(Event.objects.published(), slug=slug)
        return render(request, "programme/programme_pending.html", {"event": event})
    return render(request, "programme/timetable.html", timetable_context(request, event))


@require_safe
def session_detail(request, slug: str, pk: int):
    event = published_event(slug)
    session = queries.session_detail(event, pk)
    if session is None:
        raise Http404("No such session in this programme.")
    return render(request, "programme/session.html", {"event": event, "session": session})


@require_safe
def session_ics(request, slug: str, pk: int):
    event = published_event(slug)
    session = queries.timetable_sessions(event).filter(pk=pk).first()
    if session is None:
        raise Http404("No such session in this programme.")
    return _calendar_response(programme_calendar(event, [session], name=session.local.title),
                              f"{event.slug}-session-{session.pk}.ics")


@require_safe
def programme_ics(request, slug: str):
    event = published_event(slug)
    content = programme_calendar(event, queries.timetable_sessions(event), name=event.local.title)
    return _calendar_response(content, f"{event.slug}-programme.ics")


def _calendar_response(content: bytes, filename: str, *, private: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


@require_safe
def speakers(request, slug: str):
    event = published_event(slug)
    return render(request, "programme/speakers.html", {
        "event": event, "speakers": list(queries.speakers_of(event).defer("photo")),
    })


@require_safe
def speaker_detail(request, slug: str, pk: int):
    event = published_event(slug)
    speaker = Speaker.objects.filter(event=event, pk=pk).first()
    if speaker is None:
        raise Http404("No such speaker in this programme.")
    return render(request, "programme/speaker.html", {
        "event": event, "speaker": speaker, "sessions": queries.speaker_sessions(speaker),
    })


@require_safe
def speaker_photo(request, slug: str, pk: int, version: str):
    """The small photo. Its address changes with the photo, so it is cached for a year.
    Organisers see it before the programme is published (the admin shows it).
    """
    speaker = Speaker.objects.select_related("event__programme").filter(
        event__slug=slug, pk=pk).first()
    if speaker is None or not speaker.photo:
        raise Http404("No photo.")
    programme = queries.programme_of(speaker.event)
    if not (programme.is_published and speaker.event.is_published) and not can(
            request.user, PREVIEW_PROGRAMME, speaker.event):
        raise Http404("No photo.")
    if version != speaker.photo_version:
        raise Http404("That photo has been replaced.")
    response = HttpResponse(bytes(speaker.photo), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_safe
def now_and_next(request, slug: str):
    event = published_event(slug)
    moment = timezone.now()
    return render(request, "programme/now.html", {
        "event": event, "moment": moment.astimezone(event.tz),
        "current": queries.now_and_next(event, moment),
    })


@require_safe
def programme_pdf(request, slug: str):
    """The printed booklet, rebuilt when anything it shows changes (cached per version)."""
    event = published_event(slug)
    version = queries.programme_version(event)
    digest = hashlib.sha256(version.encode()).hexdigest()[:16]
    key = f"programme-pdf:{event.pk}:{translation.get_language()}:{digest}"
    content = cache.get(key)
    if content is None:
        content = render_pdf("programme/booklet.html", booklet_context(event))
        cache.set(key, content, 24 * 3600)
    return pdf_response(content, f"programme-{event.slug}.pdf")


def booklet_context(event: Event) -> dict[str, object]:
    sessions = list(queries.timetable_sessions(event).prefetch_related(
        Prefetch("practices", queryset=queries.published_practices())))
    days = []
    for day in queries.programme_days(event):
        days.append((day, [s for s in sessions if s.day == day.date]))
    return {
        "event": event,
        "days": days,
        "speakers": list(queries.speakers_of(event).defer("photo")),
        "rooms": list(event.rooms.all()),
        "zone": zone_label(event, event.starts_on),
        "generated_on": timezone.localdate(timezone=event.tz),
    }
