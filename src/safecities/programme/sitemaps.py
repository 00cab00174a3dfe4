from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from safecities.programme.models import Programme, Session, Speaker


class ProgrammeSitemap(Sitemap):
    """The public programme of each published event, its sessions and its speakers."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        programmes = (Programme.objects.filter(is_published=True, event__is_published=True)
                      .select_related("event").order_by("event_id"))
        sessions = (Session.objects.filter(event__programme__is_published=True,
                                           event__is_published=True)
                    .select_related("event").order_by("event_id", "starts_at", "pk"))
        speakers = (Speaker.objects.filter(event__programme__is_published=True,
                                           event__is_published=True)
                    .select_related("event").order_by("event_id", "pk"))
        return [*programmes, *sessions, *speakers]

    def location(self, item) -> str:
        if isinstance(item, Programme):
            return reverse("programme:timetable", kwargs={"slug": item.event.slug})
        return item.get_absolute_url()
