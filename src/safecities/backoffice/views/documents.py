"""Exports, badges and certificates: registrants' data leaving the site, organisers only."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from safecities.backoffice import badges as badge_documents
from safecities.backoffice import exports, permissions, queries
from safecities.backoffice.permissions import event_view
from safecities.documents import tables
from safecities.documents.rendering import pdf_response
from safecities.registration.certificates import certificates_pdf
from safecities.registration.models import Registration
from safecities.registration.queries import event_questions

Status = Registration.Status


def _chosen(request, event):
    questions = event_questions(event)
    chosen = queries.RegistrantFilter.from_query(request.GET, questions)
    return questions, chosen


@never_cache
@require_safe
@event_view(permissions.EXPORT)
def export(request, event):
    """The export form (columns, format) for the current filter; with ``format`` set, the file."""
    questions, chosen = _chosen(request, event)
    columns = exports.available_columns(questions)
    picked_keys = request.GET.getlist("columns")
    file_format = request.GET.get("format")
    if file_format not in ("csv", "xlsx") or not picked_keys:
        return render(request, "backoffice/export.html", {
            "event": event, "tab": "registrants", "columns": columns, "filter": chosen,
            "picked": picked_keys or list(exports.DEFAULT_KEYS),
            "query_dict": chosen.as_query(),
            "count": queries.registrants(event, chosen, questions).count(),
            "missing_columns": file_format is not None and not picked_keys,
        }, status=400 if file_format is not None else 200)
    by_key = {column.key: column for column in columns}
    picked = [by_key[key] for key in picked_keys if key in by_key]
    lines = exports.rows(queries.registrants(event, chosen, questions), picked, questions,
                         event.tz)
    stamp = timezone.localtime(timezone.now(), event.tz).strftime("%Y%m%d-%H%M")
    name = f"{event.slug}-registrants-{stamp}.{file_format}"
    if file_format == "csv":
        return tables.csv_response(lines, name, stream=True, private=True)
    return tables.xlsx_response(lines, name, title="Registrants", private=True)


@never_cache
@require_safe
@event_view(permissions.BADGES)
def documents(request, event):
    return _documents_page(request, event)


def _documents_page(request, event, *, nothing_to_print: str = ""):
    figures = queries.figures(event)
    _questions, chosen = _chosen(request, event)
    return render(request, "backoffice/documents.html", {
        "event": event, "tab": "documents", "figures": figures, "filter": chosen,
        "query_dict": chosen.as_query(), "nothing_to_print": nothing_to_print,
    })


@never_cache
@require_safe
@event_view(permissions.BADGES)
def badges(request, event):
    """Badges for everyone confirmed — or for the confirmed among the current filter."""
    questions, chosen = _chosen(request, event)
    rows = queries.registrants(event, chosen, questions).filter(status=Status.CONFIRMED)
    if not rows.exists():
        # An empty PDF looks like a printing fault: say why there is nothing to print.
        return _documents_page(request, event, nothing_to_print=_(
            "No badges to print: nobody is confirmed (among the registrants chosen)."))
    layout = "single" if request.GET.get("layout") == "single" else "sheets"
    content = badge_documents.badges_pdf(event, rows.order_by("name", "id"), layout=layout)
    return pdf_response(content, f"{event.slug}-badges-{layout}.pdf", private=True)


@never_cache
@require_safe
@event_view(permissions.BADGES)
def certificates(request, event):
    """Certificates of attendance for everyone checked in (or those of the current filter)."""
    questions, chosen = _chosen(request, event)
    rows = (queries.registrants(event, chosen, questions).filter(checkin__isnull=False)
            .order_by("name", "id"))
    if not rows.exists():
        return _documents_page(request, event, nothing_to_print=_(
            "No certificates to print: nobody has been checked in (among the registrants "
            "chosen). Certificates are for participants checked in at the door."))
    content = certificates_pdf(event, rows)
    return pdf_response(content, f"{event.slug}-certificates.pdf", private=True)
