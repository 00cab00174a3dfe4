"""The registrant list, one registrant's page, and the actions on them (alone or in bulk).
Every change goes through the registration app's services."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from safecities.backoffice import audit, permissions, queries
from safecities.backoffice.forms import DetailsForm, NoteForm
from safecities.backoffice.permissions import event_view
from safecities.registration import services
from safecities.registration.errors import RegistrationError
from safecities.registration.models import Registration
from safecities.registration.queries import event_questions, waitlist_position

PAGE_SIZES = (25, 50, 100)
Status = Registration.Status


def _list_url(event, query: dict[str, str]) -> str:
    url = reverse("backoffice:registrants", args=[event.slug])
    return f"{url}?{urlencode(query)}" if query else url


def _waiting_positions(event, rows: list[Registration]) -> dict[int, int]:
    """Place in line of the waiting rows shown: one query for the line, whatever the page."""
    if not any(row.status == Status.WAITLISTED for row in rows):
        return {}
    line = (Registration.objects.filter(event=event, status=Status.WAITLISTED)
            .order_by("id").values_list("id", flat=True))
    return {pk: index for index, pk in enumerate(line, start=1)}


@never_cache
@require_safe
@event_view(permissions.REGISTRANTS)
def registrant_list(request, event):
    questions = event_questions(event)
    chosen = queries.RegistrantFilter.from_query(request.GET, questions)
    try:
        per_page = int(request.GET.get("per_page", 50))
    except ValueError:
        per_page = 50
    per_page = per_page if per_page in PAGE_SIZES else 50
    rows = queries.registrants(event, chosen, questions)
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    positions = _waiting_positions(event, shown)
    for row in shown:
        row.line_position = positions.get(row.pk)
    query = chosen.as_query()
    if per_page != 50:
        query["per_page"] = str(per_page)
    return render(request, "backoffice/registrants.html", {
        "event": event, "tab": "registrants", "page": page, "rows": shown,
        "filter": chosen, "questions": questions, "statuses": Status.choices,
        "query": urlencode(query), "query_dict": query, "page_sizes": PAGE_SIZES,
        "per_page": per_page, "can_manage": "manage" in request.capabilities,
        "headers": _headers(query, chosen.sort),
        "sorts": [("registered", _("Oldest first")), ("-registered", _("Newest first")),
                  ("name", _("Name A–Z")), ("-name", _("Name Z–A")),
                  ("organisation", _("Organisation")), ("country", _("Country")),
                  ("status", _("Status"))],
    })


HEADERS = [("name", gettext_lazy("Name")), (None, gettext_lazy("Reference")),
           ("organisation", gettext_lazy("Organisation")), ("country", gettext_lazy("Country")),
           ("status", gettext_lazy("Status")), (None, gettext_lazy("Checked in")),
           ("registered", gettext_lazy("Registered"))]


def _headers(query: dict[str, str], sort: str) -> list[dict[str, object]]:
    """The table's column headers: a sortable one is a link that sorts by it (again: the
    other way round), keeping the search; the current one says its direction."""
    headers = []
    for key, label in HEADERS:
        header: dict[str, object] = {"label": label, "url": None, "aria_sort": None}
        if key is not None:
            descending = sort == f"-{key}"
            header["aria_sort"] = ("descending" if descending else
                                   "ascending" if sort == key else None)
            others = {name: value for name, value in query.items()
                      if name not in ("sort", "page")}
            following = key if descending or sort != key else f"-{key}"
            header["url"] = "?" + urlencode({**others, "sort": following})
        headers.append(header)
    return headers


def _registration(event, reference: str) -> Registration:
    return get_object_or_404(Registration.objects.select_related("checkin__checked_in_by"),
                             event=event, reference=reference)


def _history(registration: Registration) -> list[tuple[str, object, object]]:
    """Everything that happened to a registration, oldest first: (kind, when, what)."""
    entries = [("registered", registration.registered_at, registration)]
    entries += [("trail", entry.timestamp, entry)
                for entry in audit.registration_trail(registration)]
    entries += [("reconfirmation", item.request.asked_at, item)
                for item in registration.reconfirmations.select_related("request")]
    entries += [("delivery", delivery.announcement.sent_at, delivery)
                for delivery in registration.announcement_deliveries.select_related(
                    "announcement", "email").order_by("id")
                if delivery.announcement.sent_at]
    checkin = getattr(registration, "checkin", None)
    if checkin is not None:
        entries.append(("checkin", checkin.checked_in_at, checkin))
    return sorted(entries, key=lambda entry: entry[1])


@never_cache
@require_safe
@event_view(permissions.REGISTRANTS)
def registrant_detail(request, event, reference: str):
    registration = _registration(event, reference)
    registration.event = event
    answers = queries.answers_by_question(
        Registration.objects.prefetch_related("answers").get(pk=registration.pk))
    questions = event_questions(event)
    return render(request, "backoffice/registrant.html", {
        "event": event, "tab": "registrants", "registration": registration,
        "position": waitlist_position(registration),
        "answers": [(q, answers.get(q.id, [])) for q in questions],
        "notes": registration.notes.select_related("author"),
        "history": _history(registration),
        "note_form": NoteForm(),
        "can_manage": "manage" in request.capabilities,
    })


@never_cache
@require_http_methods(["GET", "POST"])
@event_view(permissions.MANAGE)
def registrant_edit(request, event, reference: str):
    registration = _registration(event, reference)
    initial = {name: getattr(registration, name) for name in DetailsForm.base_fields}
    form = DetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(registration=registration, **form.cleaned_data)
        except RegistrationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("The details are saved."))
            return redirect("backoffice:registrant", event.slug, registration.reference)
    return render(request, "backoffice/registrant_edit.html", {
        "event": event, "tab": "registrants", "registration": registration, "form": form,
    }, status=400 if form.errors else 200)


@require_POST
@event_view(permissions.MANAGE)
def registrant_note(request, event, reference: str):
    registration = _registration(event, reference)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(registration=registration, author=request.user,
                          text=form.cleaned_data["text"])
        messages.success(request, _("The note is added."))
    else:
        messages.error(request, _("The note was empty: nothing was added."))
    return redirect("backoffice:registrant", event.slug, registration.reference)


ACTIONS = ("cancel", "resend", "confirm")


@require_POST
@event_view(permissions.MANAGE)
def registrant_actions(request, event):
    """Apply one action to the chosen registrations: the ticked rows, or every registration
    matching the filter (``scope=filter``). Returns to where the organiser came from."""
    action = request.POST.get("action")
    questions = event_questions(event)
    chosen = queries.RegistrantFilter.from_query(request.POST, questions)
    if request.POST.get("scope") == "filter":
        selection = queries.registrants(event, chosen, questions)
    else:
        ids = [int(pk) for pk in request.POST.getlist("selected") if pk.isdigit()]
        selection = Registration.objects.filter(event=event, pk__in=ids)
    selection = list(selection.order_by("id"))
    back = request.POST.get("back")
    if back != "detail" or len(selection) != 1:
        back_url = _list_url(event, chosen.as_query())
    else:
        back_url = reverse("backoffice:registrant", args=[event.slug, selection[0].reference])
    if action not in ACTIONS:
        messages.error(request, _("Choose what to do with the registrations."))
        return redirect(back_url)
    if not selection:
        messages.error(request, _("No registration was chosen: tick at least one."))
        return redirect(back_url)
    if action == "cancel":
        cancelled = services.cancel_many(registrations=selection)
        messages.success(request, ngettext(
            "%(count)d registration cancelled; the waiting list moved up in order.",
            "%(count)d registrations cancelled; the waiting list moved up in order.",
            len(cancelled)) % {"count": len(cancelled)})
    elif action == "resend":
        count = services.resend_status_notice(registrations=selection)
        messages.success(request, ngettext(
            "The status email will be sent again to %(count)d person.",
            "The status email will be sent again to %(count)d people.", count)
            % {"count": count})
    else:
        confirmed = 0
        for registration in selection:
            try:
                confirmed += len(services.confirm_from_waiting_list(registration=registration))
            except RegistrationError as error:
                messages.error(request, f"{registration.name}: {error}")
                break
        if confirmed:
            messages.success(request, ngettext(
                "%(count)d person confirmed from the waiting list.",
                "%(count)d people confirmed from the waiting list.", confirmed)
                % {"count": confirmed})
    return redirect(back_url)
