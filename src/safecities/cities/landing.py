"""The cities' part of a person's account page: the cities they represent, and for the
site's administrators the requests between cities."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from safecities.accounts.capabilities import OVERSEE_CITIES, capability
from safecities.accounts.landing import Link, Section
from safecities.accounts.permissions import roles_for
from safecities.cities.models import CityContact


def section(user) -> Section | None:
    found = Section(_("Your cities"), order=40)
    contacts = CityContact.objects.filter(user=user).select_related("city").order_by(
        "city__name")
    for contact in contacts:
        city = contact.city
        if contact.status == CityContact.Status.APPROVED:
            found.links.append(Link(city.name, city.get_absolute_url(), _("you represent it")))
            found.links.append(Link(_("Edit %(city)s's profile") % {"city": city.name},
                                    reverse("cities:edit", args=[city.slug])))
            found.links.append(Link(_("%(city)s's self-assessment") % {"city": city.name},
                                    reverse("cities:assessment", args=[city.slug])))
        else:
            found.links.append(Link(city.name, city.get_absolute_url(),
                                    contact.get_status_display()))
    if roles_for(user, None) & capability(OVERSEE_CITIES).roles:
        found.links.append(Link(_("Requests between cities"),
                                reverse("cities:learning_requests")))
    return found
