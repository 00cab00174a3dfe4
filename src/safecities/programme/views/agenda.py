"""A participant's own agenda, behind their private link (/registrations/<token>/…):
the timetable with a star on each session, the agenda page (with clashes between their
picks) and a private iCalendar feed that follows programme changes.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from safecities.programme import queries
from safecities.programme.calendar import programme_calendar
from safecities.programme.errors import AgendaError
from safecities.programme.models import Session
from safecities.programme.services import agenda
from safecities.programme.views.timetable import _calendar_response, timetable_context
from safecities.registration import agenda as personal_agenda
from safecities.registration.models import Registration


def _registration(token: str, *, published: bool = True) -> Registration:
    """The registration behind the private link; 404 unless its programme is public (or
    ``published`` is False)."""
    registration = get_object_or_404(
        Registration.objects.select_related("event__venue", "event__programme"), token=token)
    if published and not _programme_public(registration):
        raise Http404("The programme of this event is not published yet.")
    return registration


def _programme_public(registration: Registration) -> bool:
    return (registration.event.is_published
            and queries.programme_of(registration.event).is_published)


@never_cache
@require_safe
def programme(request, token: str):
    registration = _registration(token)
    context = timetable_context(request, registration.event, registration)
    return render(request, "programme/timetable.html", context)


@never_cache
@require_safe
def agenda_page(request, token: str):
    registration = _registration(token, published=False)
    if not _programme_public(registration):
        return render(request, "programme/agenda_pending.html", {
            "registration": registration, "event": registration.event})
    sessions = queries.agenda_sessions(registration)
    clashes = queries.overlapping_pairs(sessions)
    clashing = {s.pk for pair in clashes for s in pair}
    return render(request, "programme/agenda.html", {
        "registration": registration,
        "event": registration.event,
        "sessions": sessions,
        "clashes": clashes,
        "clashing": clashing,
        "picked": {session.pk for session in sessions},
        "appointments": [
            (entry, entry.starts_at.astimezone(registration.event.tz),
             entry.ends_at.astimezone(registration.event.tz))
            for entry in personal_agenda.entries_for(registration)
        ],
        "feed_url": request.build_absolute_uri(reverse("programme:agenda_ics", args=[token])),
    })


@never_cache
@require_safe
def agenda_ics(request, token: str):
    """The private feed: the starred sessions as they are now; calendars that subscribe
    see moves and changes replace the old entry (stable UIDs).
    """
    registration = _registration(token)
    event = registration.event
    content = programme_calendar(event, queries.agenda_sessions(registration),
                                 name=_("%(title)s: my agenda") % {"title": event.local.title},
                                 appointments=personal_agenda.entries_for(registration))
    return _calendar_response(content, f"{event.slug}-my-agenda.ics", private=True)


@never_cache
@require_POST
def toggle_star(request, token: str, pk: int):
    """Star or unstar (``action`` = star | unstar), then go back where the button was."""
    registration = _registration(token)
    session = get_object_or_404(Session, pk=pk, event_id=registration.event_id)
    try:
        if request.POST.get("action") == "unstar":
            agenda.unstar(registration=registration, session=session)
        else:
            agenda.star(registration=registration, session=session)
    except AgendaError as error:
        return render(request, "programme/agenda_refused.html", {
            "registration": registration, "event": registration.event, "message": str(error),
        }, status=409)
    back = request.POST.get("next", "")
    if not back or not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("programme:agenda", args=[token])
    return redirect(back)
