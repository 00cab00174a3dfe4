"""The programme's part of a person's account page: the sessions they report on."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from safecities.accounts.landing import Link, Section
from safecities.programme.models import Rapporteur, Session


def section(user) -> Section | None:
    found = Section(_("Sessions you report on"), order=20)
    roles = Rapporteur.objects.filter(user=user).select_related("event").order_by(
        "event__starts_on")
    for role in roles:
        found.links.append(Link(
            _("Outcomes of %(event)s: all your sessions") % {"event": role.event.title},
            reverse("programme:rapporteur", args=[role.event.slug])))
        for session in Session.objects.filter(rapporteur=role).order_by("starts_at", "id"):
            found.links.append(Link(session.title, reverse(
                "programme:report", args=[role.event.slug, session.pk])))
    return found
