"""The back-office's part of a person's account page: their events and roles there."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from safecities.accounts import capabilities as caps
from safecities.accounts.landing import Link, Section
from safecities.backoffice.models import EventRole
from safecities.backoffice.permissions import events_for


def section(user) -> Section | None:
    events = list(events_for(user))
    if not events:
        return None
    roles: dict[int, list[str]] = {}
    for event_id, role in EventRole.objects.filter(user=user).values_list("event_id", "role"):
        if role in (caps.ORGANISER, caps.CHECKIN):
            roles.setdefault(event_id, []).append(str(caps.ROLE_NAMES[role]))
    found = Section(_("Your events (back-office)"), order=10)
    for event in events:
        names = roles.get(event.pk) or ([str(caps.ROLE_NAMES[caps.SITE_ADMINISTRATOR])]
                                        if user.is_superuser else [])
        found.links.append(Link(event.title, reverse("backoffice:event", args=[event.slug]),
                                ", ".join(names)))
    return found
