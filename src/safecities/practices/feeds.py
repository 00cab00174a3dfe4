"""The Atom feed of newly published practices (Django's syndication framework)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from safecities.practices.models import Practice


class NewPractices(Feed):
    feed_type = Atom1Feed
    title = _("SafeCities Exchange: new practices")
    link = reverse_lazy("practices:library")
    subtitle = _("Practices newly published in the good-practice library.")

    def items(self):
        return Practice.objects.published().order_by("-published_at", "-id")[:30]

    def item_title(self, item: Practice) -> str:
        return item.title

    def item_description(self, item: Practice) -> str:
        return f"{item.summary} ({item.city}, {item.country}; {item.get_label_display()})"

    def item_pubdate(self, item: Practice):
        return item.published_at

    def item_updateddate(self, item: Practice):
        return item.updated_at
