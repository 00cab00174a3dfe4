from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from safecities.accounts.permissions import can, check, refused
from safecities.backoffice import audit, charts, permissions, queries
from safecities.backoffice.permissions import event_view, signed_in
from safecities.events.models import Event


@never_cache
@require_safe
@signed_in
def home(request):
    """The events this person has a role for; nothing else."""
    events = list(permissions.events_for(request.user))
    return render(request, "backoffice/home.html", {"events": events})


@never_cache
@require_safe
@event_view(permissions.DASHBOARD)
def dashboard(request, event):
    per_day = queries.registrations_per_day(event)
    return render(request, "backoffice/dashboard.html", {
        "event": event,
        "figures": queries.figures(event),
        "chart": charts.cumulative_line(
            per_day, start=timezone.localtime(event.registration_opens_at, event.tz).date()),
        "countries": queries.breakdown(event, "country"),
        "organisations": queries.breakdown(event, "organisation"),
        "latest": queries.latest_registrations(event),
        "activity": list(audit.event_trail(event)[:8]),
        "undelivered": queries.undelivered_mail(event),
    })


@never_cache
@require_safe
@event_view(permissions.AUDIT)
def audit_trail(request, event):
    page = Paginator(audit.event_trail(event), 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/audit.html", {"event": event, "page": page})


@never_cache
@require_safe
@signed_in
def event_home(request, slug: str):
    """An event's entry point: the dashboard for organisers, check-in for door staff."""
    event = get_object_or_404(Event, slug=slug)
    for capability, page in ((permissions.DASHBOARD, "backoffice:dashboard"),
                             (permissions.CHECKIN, "backoffice:checkin")):
        if can(request.user, capability, event):
            return redirect(page, slug)
    # Say what is missing: the door staff's capability is the least one needs here.
    return refused(request, check(request.user, permissions.CHECKIN, event), event)
