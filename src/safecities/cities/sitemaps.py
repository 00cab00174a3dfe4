from django.contrib.sitemaps import Sitemap

from safecities.cities.models import City


class CitySitemap(Sitemap):
    """Every city's public profile."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return City.objects.only("slug").order_by("slug")
