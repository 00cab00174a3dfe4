"""The published programme as JSON, read-only (documented in docs/api.md)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from safecities.programme import queries
from safecities.programme.models import Room, Session, Speaker


def _session(session: Session, request) -> dict[str, object]:
    return {
        "id": session.pk,
        "title": session.title,
        "type": session.type,
        "starts_at": session.local_starts_at().isoformat(),
        "ends_at": session.local_ends_at().isoformat(),
        "day": session.day.isoformat(),
        "room": session.room_id,
        "location": session.location,
        "speakers": [link.speaker_id for link in session.speaker_links.all()],
        "chair": session.chair_id,
        "characteristics": [c.code for c in session.characteristics.all()],
        "practices": [p.slug for p in session.practices.all()],
        "abstract": session.abstract,
        "url": request.build_absolute_uri(session.get_absolute_url()),
    }


def _speaker(speaker: Speaker, request) -> dict[str, object]:
    return {
        "id": speaker.pk,
        "name": speaker.name,
        "organisation": speaker.organisation,
        "city": speaker.city,
        "country": speaker.country,
        "biography": speaker.biography,
        "url": request.build_absolute_uri(speaker.get_absolute_url()),
    }


def _room(room: Room) -> dict[str, object]:
    return {"id": room.pk, "name": room.name, "capacity": room.capacity,
            "accessibility": room.accessibility}


@require_safe
def programme(request, slug: str):
    event = queries.published_event(slug)
    if event is None:
        return JsonResponse({"error": "No published programme for that event.",
                             "code": "not_found"}, status=404)
    sessions = list(queries.timetable_sessions(event).prefetch_related(
        Prefetch("practices", queryset=queries.published_practices().only("slug"))))
    speakers = list(Speaker.objects.filter(event=event).defer("photo").order_by("name", "id")
                    .select_related("event"))
    return JsonResponse({
        "event": event.slug,
        "timezone": event.timezone,
        "days": [{"date": day.date.isoformat(), "number": day.number, "title": day.title}
                 for day in queries.programme_days(event)],
        "rooms": [_room(room) for room in Room.objects.filter(event=event)],
        "sessions": [_session(session, request) for session in sessions],
        "speakers": [_speaker(speaker, request) for speaker in speakers],
    })
