"""Check-in at the door: a phone-sized page for staff. Find the person (QR code, name or
reference), one tap to check them in; a second check-in shows the first; anyone not
confirmed is flagged and refused."""

from __future__ import annotations

from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from safecities.backoffice import permissions, queries
from safecities.backoffice.permissions import event_view
from safecities.registration import checkin as checkin_rules
from safecities.registration.errors import RegistrationError
from safecities.registration.models import Registration

RESULTS = 20


def _find(event, search: str, code: str) -> list[Registration]:
    rows = Registration.objects.filter(event=event).select_related("checkin__checked_in_by")
    if code:
        return list(rows.filter(checkin_code=code)[:1])
    if not search:
        return []
    return list(rows.filter(Q(reference__iexact=search) | Q(name__icontains=search))
                .order_by("name", "id")[:RESULTS])


@never_cache
@require_safe
@event_view(permissions.CHECKIN)
def checkin_page(request, event):
    search = (request.GET.get("q") or "").strip()[:100]
    code = (request.GET.get("code") or "").strip()[:40]
    outcome = None
    done = request.GET.get("done")
    if done and done.isdigit():
        outcome = Registration.objects.filter(event=event, pk=int(done)).select_related(
            "checkin__checked_in_by").first()
    return render(request, "backoffice/checkin.html", {
        "event": event, "tab": "checkin", "search": search, "code": code,
        "results": _find(event, search, code), "searched": bool(search or code),
        "outcome": outcome, "repeat": request.GET.get("repeat") == "1",
        "refused": request.GET.get("refused"),
        "figures": queries.figures(event),
    })


@require_POST
@event_view(permissions.CHECKIN)
def check_in(request, event, pk: int):
    registration = get_object_or_404(Registration, event=event, pk=pk)
    url = reverse("backoffice:checkin", args=[event.slug]) + f"?done={registration.pk}"
    try:
        outcome = checkin_rules.check_in(registration=registration, staff=request.user)
    except RegistrationError as error:
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"code": error.code, "error": str(error)}, status=409)
        return redirect(url + "&refused=1")
    if not outcome.first_time:
        url += "&repeat=1"
    return redirect(url)


@never_cache
@require_safe
@event_view(permissions.CHECKIN)
def counts(request, event):
    """The live figures for the door (polled by the page every few seconds)."""
    figures = queries.figures(event)
    return JsonResponse({"checked_in": figures.checked_in, "confirmed": figures.confirmed,
                         "waitlisted": figures.waitlisted})
