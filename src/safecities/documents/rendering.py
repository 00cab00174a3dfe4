"""PDF rendering shared by every app: a Django template, rendered to HTML, printed by WeasyPrint."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML


def render_pdf(template_name: str, context: dict[str, object]) -> bytes:
    """Render ``template_name`` (which extends ``documents/base.html``) to PDF bytes."""
    html = render_to_string(template_name, {"site_url": settings.SITE_URL,
                                            "LANGUAGE_CODE": translation.get_language(),
                                            **context})
    # Documents use only their own inline styles and fonts on the machine: never fetch a URL.
    # Tagged (PDF/UA-1: structure tree, MarkInfo, language, title, XMP metadata), so that
    # screen readers read a letter or a programme in order and in its language; the fonts
    # (DejaVu) are embedded and cover every character of the four languages.
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(pdf_variant="pdf/ua-1")


def pdf_response(content: bytes, filename: str, *, private: bool = False) -> HttpResponse:
    """A PDF to download and keep (a letter to print or attach to a visa application)."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"documents may not fetch {url}")
