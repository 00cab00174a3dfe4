"""schema.org ``Event`` data for an event page (JSON-LD), so that search engines and link
previews show the dates, the place and whether places are left."""

from __future__ import annotations

import json
from datetime import datetime, time

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from safecities.events.models import Event

SCHEMA = "https://schema.org/"


def availability(event: Event, places_left: int, now: datetime) -> str:
    """Before registration opens: pre-order; while open: in stock, or sold out when only the
    waiting list is left; after it closes: sold out."""
    if now < event.registration_opens_at:
        return SCHEMA + "PreOrder"
    if event.registration_is_open(now) and places_left > 0:
        return SCHEMA + "InStock"
    return SCHEMA + "SoldOut"


def event_data(event: Event, places_left: int, now: datetime) -> dict[str, object]:
    venue = event.venue
    site = settings.SITE_URL
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(event.local.title),
        "description": str(event.local.tagline or event.local.description or event.local.title),
        "url": site + event.get_absolute_url(),
        "image": [site + static("img/share.png")],
        "inLanguage": event.local.title.language,
        # The days in the event's own time zone (an all-day exchange).
        "startDate": event.starts_at.isoformat(),
        "endDate": datetime.combine(event.ends_on, time(23, 59), tzinfo=event.tz).isoformat(),
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.address,
                "addressLocality": venue.city,
                "addressCountry": venue.country,
            },
        },
        "organizer": {
            "@type": "Organization",
            "name": event.host or str(event.local.title),
            "email": event.contact_email,
            "url": site + "/",
        },
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "ZAR",
            "availability": availability(event, places_left, now),
            "validFrom": event.registration_opens_at.isoformat(),
            "url": site + reverse("registration:register", kwargs={"slug": event.slug}),
        },
    }


def json_ld(data: dict[str, object]) -> SafeString:
    """The data for a <script type="application/ld+json"> element: nothing in it can close
    the element or start markup."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above
