"""Bilateral meetings: the participant's private page (through their registration link),
and the organisers' schedule (page, CSV, a printable PDF per table)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from safecities.accounts.capabilities import MEETINGS_SCHEDULE
from safecities.accounts.permissions import requires
from safecities.cities.calendar import meetings_calendar
from safecities.cities.errors import MeetingError
from safecities.cities.forms import MeetingAskForm, MeetingOptInForm
from safecities.cities.models import MeetingProfile, MeetingRequest, MeetingTable
from safecities.cities.queries import meetings_of, open_to_meetings, schedule
from safecities.cities.services import meetings as services
from safecities.documents import tables
from safecities.documents.rendering import pdf_response, render_pdf
from safecities.events.models import Event
from safecities.registration.models import Registration

Status = MeetingRequest.Status


def _registration(token: str) -> Registration:
    return get_object_or_404(Registration.objects.select_related("event__venue"), token=token)


def _page_url(registration: Registration, note: str = "") -> str:
    url = reverse("cities:meetings", args=[registration.token])
    return f"{url}?done={note}" if note else url


NOTES = {
    "opted-in": _("You are open to meetings. Others who opted in can now ask you."),
    "opted-out": _("You are no longer shown to others. Meetings already booked stay."),
    "asked": _("Your request is sent. You will get an email when they answer."),
    "accepted": _("Accepted: the meeting is booked. You both get an email with the time, "
                  "the table and a calendar file."),
    "declined": _("Declined. They are told."),
    "cancelled": _("Cancelled. The other person is told."),
}


@never_cache
@require_safe
def meetings(request, token: str):
    """The participant's meetings: opt in, others open to meetings, requests, agenda."""
    registration = _registration(token)
    profile = MeetingProfile.objects.filter(registration=registration).first()
    mine = list(meetings_of(registration))
    live_with = {m.invitee_id if m.requester_id == registration.pk else m.requester_id
                 for m in mine if m.status in services.LIVE}
    confirmed = registration.status == Registration.Status.CONFIRMED
    return render(request, "cities/meetings.html", {
        "registration": registration,
        "event": registration.event,
        "confirmed": confirmed,
        "profile": profile,
        "form": MeetingOptInForm(initial={"interests": profile.interests if profile else "",
                                          "city": profile.city_id if profile else None}),
        "agenda": [m for m in mine if m.status == Status.ACCEPTED],
        "received": [m for m in mine if m.invitee_id == registration.pk
                     and m.status == Status.PENDING],
        "sent": [m for m in mine if m.requester_id == registration.pk
                 and m.status != Status.ACCEPTED],
        "others": (list(open_to_meetings(registration.event_id, exclude=registration.pk))
                   if confirmed and profile and profile.opted_in else []),
        "live_with": live_with,
        "note": str(NOTES.get(request.GET.get("done", ""), "")),
    })


@never_cache
@require_POST
def opt_in(request, token: str):
    registration = _registration(token)
    if request.POST.get("opt_out"):
        services.opt_out(registration=registration)
        return redirect(_page_url(registration, "opted-out"))
    form = MeetingOptInForm(request.POST)
    if form.is_valid():
        try:
            services.opt_in(registration=registration, interests=form.cleaned_data["interests"],
                            city=form.cleaned_data["city"])
        except MeetingError as error:
            return render(request, "cities/meeting_refused.html",
                          {"registration": registration, "message": str(error)}, status=409)
        return redirect(_page_url(registration, "opted-in"))
    return render(request, "cities/meetings_opt_in.html",
                  {"registration": registration, "form": form}, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request, token: str, profile_id: int):
    registration = _registration(token)
    other = get_object_or_404(open_to_meetings(registration.event_id, exclude=registration.pk),
                              pk=profile_id)
    form = MeetingAskForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.request_meeting(requester=registration, invitee=other.registration,
                                         message=form.cleaned_data["message"])
            except MeetingError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                return redirect(_page_url(registration, "asked"))
    return render(request, "cities/meeting_ask.html", {
        "registration": registration, "other": other, "form": form}, status=status)


@never_cache
@require_POST
def answer(request, token: str, pk: int, action: str):
    registration = _registration(token)
    meeting = get_object_or_404(MeetingRequest, pk=pk, event_id=registration.event_id)
    if registration.pk not in (meeting.requester_id, meeting.invitee_id):
        raise Http404
    rule = {"accept": services.accept, "decline": services.decline,
            "cancel": services.cancel}.get(action)
    if rule is None:
        raise Http404
    try:
        rule(meeting=meeting, by=registration)
    except MeetingError as error:
        return render(request, "cities/meeting_refused.html",
                      {"registration": registration, "message": str(error)}, status=409)
    return redirect(_page_url(registration, {"accept": "accepted", "decline": "declined",
                                             "cancel": "cancelled"}[action]))


@never_cache
@require_safe
def agenda_ics(request, token: str):
    registration = _registration(token)
    content = meetings_calendar(
        [m for m in meetings_of(registration) if m.status == Status.ACCEPTED], registration,
        event=registration.event)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-meetings.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Organisers ----------------------------------------------------------------------------


def _event(request, slug: str, **kwargs) -> Event:
    return get_object_or_404(Event.objects.select_related("venue"), slug=slug)


organisers_only = requires(MEETINGS_SCHEDULE, target=_event)


@never_cache
@organisers_only
@require_safe
def organiser_schedule(request, slug: str):
    event = request.permission_target
    return render(request, "cities/meetings_schedule.html", {
        "event": event,
        "meetings": schedule(event.pk),
        "requests": MeetingRequest.objects.filter(event=event).exclude(status=Status.ACCEPTED)
        .select_related("requester", "invitee").order_by("-created_at"),
        "tables": MeetingTable.objects.filter(event=event),
        "slots": event.meeting_slots.all(),
        "opted_in": open_to_meetings(event.pk).count(),
    })


def _local(moment, event: Event) -> str:
    return timezone.localtime(moment, event.tz).strftime("%Y-%m-%d %H:%M")


@never_cache
@organisers_only
@require_safe
def schedule_csv(request, slug: str):
    event = request.permission_target
    header = ["starts", "ends", "slot", "table", "requester", "requester_organisation",
              "requester_city", "invitee", "invitee_organisation", "invitee_city"]
    lines = ([
        _local(m.slot.starts_at, event), _local(m.slot.ends_at, event), m.slot.label,
        m.table.name, m.requester.name, m.requester.organisation, m.requester.city,
        m.invitee.name, m.invitee.organisation, m.invitee.city,
    ] for m in schedule(event.pk))
    return tables.csv_response([header, *lines], f"meetings-{event.slug}.csv", private=True)


@never_cache
@organisers_only
@require_safe
def table_pdf(request, slug: str, table_id: int):
    event = request.permission_target
    table = get_object_or_404(MeetingTable, pk=table_id, event=event)
    content = render_pdf("cities/table_schedule_pdf.html", {
        "event": event, "table": table,
        "meetings": schedule(event.pk).filter(table=table),
    })
    return pdf_response(content, f"meetings-{event.slug}-{table.pk}.pdf", private=True)
