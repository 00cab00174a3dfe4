from django.contrib.sitemaps import Sitemap

from safecities.events.models import Event


class EventSitemap(Sitemap):
    """Published events (their page lists everything the announcement says)."""

    changefreq = "daily"
    priority = 0.9

    def items(self):
        return Event.objects.published().order_by("-starts_on", "pk")

    def lastmod(self, event: Event):
        return event.updated_at
