"""The back-office's pages and the one permission rule (``safecities.accounts``).

Every back-office view is wrapped in ``event_view(capability)``: signed in, then the
capability for *that* event through ``accounts.permissions.check`` (roles from the table in
``accounts/capabilities.py``, and the second factor) — else a 403 that names no data.
This module also tells the rule which event roles a person holds (``EventRole`` rows).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from safecities.accounts import capabilities as caps
from safecities.accounts.permissions import (
    capabilities_for,
    check,
    refused,
    scopes_with,
    signed_in,
)
from safecities.accounts.roles import EVENT, Grant, Scope
from safecities.events.models import Event

# The back-office's names for the capabilities of the table.
DASHBOARD = caps.DASHBOARD
REGISTRANTS = caps.REGISTRANTS
MANAGE = caps.MANAGE_REGISTRATIONS
EXPORT = caps.EXPORT
ANNOUNCE = caps.ANNOUNCE
BADGES = caps.BADGES
CHECKIN = caps.CHECK_IN
AUDIT = caps.AUDIT
QUESTIONS = caps.QUESTIONS
RECONFIRM = caps.RECONFIRM
TEAM = caps.TEAM
EDIT_EVENT = caps.EDIT_EVENT

# The short names the back-office's templates use for its tabs and buttons.
SHORT_NAMES = {DASHBOARD: "dashboard", REGISTRANTS: "registrants", MANAGE: "manage",
               EXPORT: "export", ANNOUNCE: "announce", BADGES: "badges", CHECKIN: "checkin",
               AUDIT: "audit", QUESTIONS: "questions", RECONFIRM: "reconfirm", TEAM: "team",
               EDIT_EVENT: "settings", caps.EDIT_PROGRAMME: "programme"}


def event_role_grants(user):
    """The role source registered with the rule: one grant per ``EventRole`` row."""
    from safecities.backoffice.models import EventRole

    for event_id, role in EventRole.objects.filter(user=user).order_by().values_list(
            "event_id", "role"):
        yield Grant(role, Scope(EVENT, event_id))


def events_for(user) -> QuerySet[Event]:
    """The events where this person holds a back-office role (every event for a site
    administrator)."""
    events = Event.objects.select_related("venue").order_by("-starts_on", "id")
    ids: set[int] = set()
    every = False
    for capability in (DASHBOARD, CHECKIN):
        found = scopes_with(user, capability, EVENT)
        if found is None:
            every = True
        else:
            ids |= found
    return events if every else events.filter(pk__in=ids)


def short_names(user, event: Event) -> frozenset[str]:
    """What this person may do for this event, by the templates' short names."""
    allowed = capabilities_for(user, event)
    return frozenset(short for name, short in SHORT_NAMES.items() if name in allowed)


def event_view(capability: str) -> Callable:
    """Decorate a view taking ``slug``: sign-in, then the capability for that event (roles
    and second factor) — else a 403 that names no data. Sets ``request.event`` and
    ``request.capabilities``.
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, slug: str, *args, **kwargs):
            event = get_object_or_404(Event.objects.select_related("venue"), slug=slug)
            refusal = check(request.user, capability, event)
            if refusal is not None:
                return refused(request, refusal, event)
            request.event = event
            request.capabilities = short_names(request.user, event)
            return view(request, event, *args, **kwargs)

        wrapper.capability = capability
        return wrapper

    return decorate


__all__ = ["event_view", "events_for", "signed_in"]


def event_role_holders(role: str, scope: Scope | None):
    """The holder source registered with the rule: who holds ``role`` for an event."""
    from safecities.backoffice.models import EventRole

    rows = EventRole.objects.filter(role=role)
    if scope is not None:
        if scope.kind != EVENT:
            return []
        rows = rows.filter(event_id=scope.id)
    return rows.values_list("user_id", flat=True)
