"""Badges for the door: name, organisation, city and country, and a QR code holding the
registration's opaque check-in code (never the private link)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import segno
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from safecities.documents.rendering import render_pdf
from safecities.events.models import Event
from safecities.registration.models import Registration

PER_SHEET = 8  # 2 × 4 on A4


@dataclass(frozen=True)
class Badge:
    name: str
    organisation: str
    city: str
    country: str
    reference: str
    qr: SafeString
    # The event's title in the participant's language (``Registration.written_language``).
    event_title: str
    language: str


def qr_svg(code: str) -> SafeString:
    """The check-in code as an inline SVG QR code (one path: small and sharp in print)."""
    qr = segno.make(code, error="m", micro=False)
    return mark_safe(qr.svg_inline(scale=1, border=2, omitsize=True))  # noqa: S308 - segno's own SVG


def badges(event: Event, registrations: Iterable[Registration]) -> list[Badge]:
    items = []
    for r in registrations:
        language = r.written_language
        with translation.override(language):
            title = str(event.local.title)
        items.append(Badge(r.name, r.organisation, r.city, r.country, r.reference,
                           qr_svg(r.checkin_code), title, language))
    return items


def sheets(items: list[Badge], per_sheet: int = PER_SHEET) -> list[list[Badge]]:
    return [items[i:i + per_sheet] for i in range(0, len(items), per_sheet)]


def badges_pdf(event: Event, registrations: Iterable[Registration], *, layout: str) -> bytes:
    """A4 sheets of eight badges to cut (``layout="sheets"``), or one badge per A6 page."""
    items = badges(event, registrations)
    per_sheet = PER_SHEET if layout == "sheets" else 1
    return render_pdf("backoffice/badges.html", {
        "event": event, "sheets": sheets(items, per_sheet), "layout": layout,
    })
