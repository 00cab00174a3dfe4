"""The library's part of a person's account page: their reviews, their practices, and
the practices waiting for their decision."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from safecities.accounts.capabilities import MANAGE_PRACTICES, REVIEW, capability
from safecities.accounts.landing import Link, Section
from safecities.accounts.permissions import roles_for
from safecities.practices.models import Practice, Review


def section(user) -> Section | None:
    found = Section(_("The good-practice library"), order=30)
    held = roles_for(user, None)
    if held & capability(REVIEW).roles:
        waiting = Review.objects.filter(reviewer=user, submitted_at__isnull=True).count()
        found.links.append(Link(_("Your reviews"), reverse("practices:reviews"),
                                _("%(count)d to write") % {"count": waiting}))
    if held & capability(MANAGE_PRACTICES).roles:
        found.links.append(Link(_("Practices waiting for a decision"),
                                reverse("practices:manage_list")))
    for practice in Practice.objects.filter(contributor=user).exclude(
            status=Practice.Status.MERGED).order_by("-updated_at")[:20]:
        found.links.append(Link(practice.title, reverse("practices:draft", args=[practice.pk]),
                                practice.get_status_display()))
    found.links.append(Link(_("Write a practice for the library"),
                            reverse("practices:contribute")))
    return found
