"""Who may do what, per event. Every back-office view goes through ``event_view``.

A person's roles for an event give capabilities: an organiser has them all, check-in staff
only check-in, a reviewer none here (the role serves the good-practice library). A person
with no role for an event gets a 403 for every page of it, never its data. A superuser
(the site's administrator) counts as an organiser of every event.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from safecities.backoffice.accounts import needs_second_factor
from safecities.backoffice.models import EventRole, Role
from safecities.events.models import Event

DASHBOARD = "dashboard"
REGISTRANTS = "registrants"  # read the list and details
MANAGE = "manage"  # change registrations: cancel, edit, notes, confirm, resend
EXPORT = "export"
ANNOUNCE = "announce"
BADGES = "badges"  # badges and certificates (personal data on paper)
CHECKIN = "checkin"
AUDIT = "audit"
QUESTIONS = "questions"
RECONFIRM = "reconfirm"
TEAM = "team"
REVIEW = "review"  # the good-practice library's reviews

CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ORGANISER: frozenset({DASHBOARD, REGISTRANTS, MANAGE, EXPORT, ANNOUNCE, BADGES,
                               CHECKIN, AUDIT, QUESTIONS, RECONFIRM, TEAM}),
    Role.CHECKIN: frozenset({CHECKIN}),
    Role.REVIEWER: frozenset({REVIEW}),
}


def roles_of(user, event: Event) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset({Role.ORGANISER})
    return frozenset(EventRole.objects.filter(user=user, event=event)
                     .values_list("role", flat=True))


def capabilities(roles: frozenset[str]) -> frozenset[str]:
    found: set[str] = set()
    for role in roles:
        found |= CAPABILITIES.get(role, frozenset())
    return frozenset(found)


def can(user, event: Event, capability: str) -> bool:
    return capability in capabilities(roles_of(user, event))


def events_for(user) -> QuerySet[Event]:
    """The events this person has a role for (all of them for a superuser)."""
    events = Event.objects.select_related("venue").order_by("-starts_on", "id")
    if not (user.is_authenticated and user.is_active):
        return events.none()
    if user.is_superuser:
        return events
    return events.filter(roles__user=user).distinct()


def signed_in(view: Callable) -> Callable:
    """Signed in, and past the second factor if the account enabled it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("backoffice:login"))
        if needs_second_factor(request.user):
            return redirect(reverse("backoffice:verify") + "?next=" + request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def event_view(capability: str) -> Callable:
    """Decorate a view taking ``slug``: sign-in, second factor, then the capability for that
    event — else a 403 that names no data. Sets ``request.event`` and ``request.capabilities``.
    """

    def decorate(view: Callable) -> Callable:
        @signed_in
        @wraps(view)
        def wrapper(request, slug: str, *args, **kwargs):
            event = get_object_or_404(Event.objects.select_related("venue"), slug=slug)
            allowed = capabilities(roles_of(request.user, event))
            if capability not in allowed:
                raise PermissionDenied
            request.event = event
            request.capabilities = allowed
            return view(request, event, *args, **kwargs)

        return wrapper

    return decorate
