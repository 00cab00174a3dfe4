from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from safecities.documents.rendering import pdf_response, render_pdf
from safecities.events import queries, services
from safecities.events.calendar import event_calendar
from safecities.events.forms import EnquiryForm
from safecities.events.models import Event
from safecities.events.structured_data import event_data, json_ld
from safecities.ratelimit import rates
from safecities.registration.queries import occupancy


def _published_event(slug: str) -> Event:
    return get_object_or_404(Event.objects.published().select_related("venue"), slug=slug)


@require_safe
def home(request):
    listing = queries.home_listing(timezone.now())
    return render(request, "events/home.html", {
        "upcoming": listing.upcoming,
        "open_past": listing.open_past,
        "past": listing.past,
    })


# Private pages (tokens in their addresses), the back-office, the admin, the API and the
# files behind forms are no search engine's business; everything else is in the sitemap.
ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /backoffice/
Disallow: /registrations/
Disallow: /privacy/my-data/
Disallow: /api/
Disallow: /i18n/
Disallow: /cities/sign-in/
Disallow: /rapporteurs/
Sitemap: {site}/sitemap.xml
"""


@require_safe
def robots_txt(request):
    response = HttpResponse(ROBOTS.format(site=settings.SITE_URL),
                            content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def accessibility(request):
    """The accessibility statement: the standard, how it is tested, known gaps, whom to ask."""
    return render(request, "events/accessibility.html", {
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
    })


@require_safe
def event_detail(request, slug: str):
    """The event page. Its HTML is cached for a few seconds: the places-left figure is
    never staler than ``EVENT_PAGE_CACHE_SECONDS``, and the page holds nothing personal.
    """
    key = f"event-page:{slug}:{translation.get_language()}"
    html = cache.get(key)
    if html is None:
        event = _published_event(slug)
        now = timezone.now()
        counts = occupancy(event)
        html = render(request, "events/detail.html", {
            "event": event,
            "structured_data": json_ld(event_data(event, counts.places_left, now)),
            "occupancy": counts,
            "registration_open": event.registration_is_open(now),
            "registration_not_yet_open": now < event.registration_opens_at,
        }).content
        cache.set(key, html, settings.EVENT_PAGE_CACHE_SECONDS)
    response = HttpResponse(html)
    response["Cache-Control"] = f"public, max-age={settings.EVENT_PAGE_CACHE_SECONDS}"
    return response


@require_safe
def invitation_pdf(request, slug: str):
    event = _published_event(slug)
    key = f"invitation:{event.pk}:{event.updated_at.timestamp()}:{translation.get_language()}"
    content = cache.get(key)
    if content is None:
        content = render_pdf("events/invitation.html", {"event": event})
        cache.set(key, content, 3600)
    return pdf_response(content, f"invitation-{event.slug}.pdf")


@require_safe
def event_ics(request, slug: str):
    event = _published_event(slug)
    response = HttpResponse(event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=rates.enquiries, method="POST", group="enquiries")
def enquiry(request, slug: str):
    event = _published_event(slug)
    form = EnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.send_enquiry(event=event, **form.cleaned_data)
        return redirect("events:enquiry_sent", slug=event.slug)
    return render(request, "events/enquiry.html", {"event": event, "form": form},
                  status=400 if form.is_bound else 200)


@require_safe
def enquiry_sent(request, slug: str):
    return render(request, "events/enquiry_sent.html", {"event": _published_event(slug)})
