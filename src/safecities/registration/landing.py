"""The privacy part of a person's account page: their data, to see, download or erase."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from safecities.accounts.landing import Link, Section


def section(user) -> Section | None:
    return Section(_("Your data"), order=90, links=[
        Link(_("See and download your account's data"), reverse("registration:account_data")),
        Link(_("Delete my account and its data"), reverse("registration:account_erase"),
             _("cannot be undone")),
        Link(_("Everything under your email address"), reverse("registration:account_data")
             + "#section-address", _("registrations and questions: we email you a link")),
    ])
