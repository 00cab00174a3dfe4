"""Announcements: write to a segment, preview with one recipient's details, send through
the mail queue, and read the delivery log."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from safecities.backoffice import permissions, queries, services
from safecities.backoffice.emails import render_announcement
from safecities.backoffice.errors import NoRecipients
from safecities.backoffice.forms import AnnouncementForm
from safecities.backoffice.models import Announcement
from safecities.backoffice.permissions import event_view
from safecities.registration.models import Registration
from safecities.registration.queries import event_questions

Segment = Announcement.Segment
Status = Registration.Status


def recipients(event, segment: str, chosen: queries.RegistrantFilter, questions):
    rows = Registration.objects.filter(event=event)
    if segment == Segment.CONFIRMED:
        rows = rows.filter(status=Status.CONFIRMED)
    elif segment == Segment.WAITLISTED:
        rows = rows.filter(status=Status.WAITLISTED)
    elif segment == Segment.CHECKED_IN:
        rows = rows.filter(checkin__isnull=False)
    elif segment == Segment.SELECTION:
        rows = queries.registrants(event, chosen, questions)
    return rows.exclude(status=Status.CANCELLED).filter(announcements_opted_out_at__isnull=True)


@never_cache
@require_http_methods(["GET", "POST"])
@event_view(permissions.ANNOUNCE)
def announcement_list(request, event):
    questions = event_questions(event)
    source = request.POST if request.method == "POST" else request.GET
    chosen = queries.RegistrantFilter.from_query(source, questions)
    initial = {"segment": Segment.SELECTION if chosen.is_active else Segment.CONFIRMED}
    form = AnnouncementForm(request.POST or None, initial=initial,
                            default_language=event.default_language)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rows = recipients(event, data["segment"], chosen, questions)
        description = chosen.describe() if data["segment"] == Segment.SELECTION else ""
        if "send" in request.POST:
            try:
                announcement = services.announce(
                    event=event, subject=data["subject"], body=data["body"],
                    segment=data["segment"], recipients=rows, sent_by=request.user,
                    segment_description=description, translations=form.translations())
            except NoRecipients as error:
                form.add_error("segment", str(error))
            else:
                messages.success(request, _("The announcement is on its way."))
                return redirect("backoffice:announcement", event.slug, announcement.pk)
        else:
            first = rows.order_by("id").first()
            if first is None:
                form.add_error("segment", str(NoRecipients()))
            else:
                draft = Announcement(event=event, subject=data["subject"], body=data["body"],
                                     translations={
                                         code: {"subject": subject, "body": body}
                                         for code, (subject, body) in form.translations().items()
                                     })
                preview = {"count": rows.count(), "recipient": first,
                           "message": render_announcement(draft, first)}
    past = (Announcement.objects.filter(event=event).select_related("sent_by")
            .annotate(recipients=Count("deliveries"),
                      delivered=Count("deliveries", filter=Q(deliveries__email__status=0)),
                      failed=Count("deliveries", filter=Q(deliveries__email__status=1))))
    return render(request, "backoffice/announcements.html", {
        "event": event, "tab": "announcements", "form": form, "preview": preview,
        "past": past, "filter": chosen, "query_dict": chosen.as_query(),
    }, status=400 if form.errors else 200)


@never_cache
@require_safe
@event_view(permissions.ANNOUNCE)
def announcement_detail(request, event, pk: int):
    announcement = get_object_or_404(Announcement.objects.select_related("sent_by"),
                                     event=event, pk=pk)
    deliveries = announcement.deliveries.select_related("registration", "email").order_by("id")
    page = Paginator(deliveries, 100).get_page(request.GET.get("page"))
    return render(request, "backoffice/announcement.html", {
        "event": event, "tab": "announcements", "announcement": announcement, "page": page,
    })
