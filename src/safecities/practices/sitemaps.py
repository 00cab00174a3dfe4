from django.contrib.sitemaps import Sitemap

from safecities.practices.models import Practice


class PracticeSitemap(Sitemap):
    """Every published practice of the library."""

    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Practice.objects.published().only("slug", "published_at").order_by("pk")

    def lastmod(self, practice: Practice):
        return practice.published_at
