"""Public JSON API for events (read-only). Documented in docs/api.md."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from safecities.events.models import Event
from safecities.registration.queries import occupancy


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def event_summary(event: Event, request) -> dict[str, object]:
    return {
        "slug": event.slug,
        "title": event.title,
        "tagline": event.tagline,
        "starts_on": iso(event.starts_on),
        "ends_on": iso(event.ends_on),
        "url": request.build_absolute_uri(event.get_absolute_url()),
    }


def event_document(event: Event, request) -> dict[str, object]:
    counts = occupancy(event)
    venue = event.venue
    return {
        **event_summary(event, request),
        "description": event.description,
        "host": event.host,
        "timezone": event.timezone,
        "venue": {"name": venue.name, "address": venue.address, "city": venue.city,
                  "country": venue.country},
        "contact_email": event.contact_email,
        "cost": event.cost_note,
        "capacity": counts.capacity,
        "confirmed": counts.confirmed,
        "waitlisted": counts.waitlisted,
        "places_left": counts.places_left,
        "registration": {
            "opens_at": iso(event.registration_opens_at),
            "closes_at": iso(event.effective_closes_at),
            "is_open": event.registration_is_open(timezone.now()),
        },
    }


def not_found(message: str = "Not found.") -> JsonResponse:
    return JsonResponse({"error": message, "code": "not_found"}, status=404)


@require_safe
def event_list(request):
    events = Event.objects.published().order_by("starts_on", "id")
    return JsonResponse({"results": [event_summary(event, request) for event in events]})


@require_safe
def event_detail(request, slug: str):
    event = Event.objects.published().select_related("venue").filter(slug=slug).first()
    if event is None:
        return not_found("No published event has that slug.")
    return JsonResponse(event_document(event, request))
