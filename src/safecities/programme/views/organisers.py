"""The organisers' programme settings, in the back-office: publish the programme and the
outcomes, write the outcomes' introduction, choose each session's rapporteur; and the
sessions' title, type, abstract, time and room (``save_session``). Rooms, speakers and
translations are edited in the admin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from safecities.accounts.capabilities import EDIT_PROGRAMME
from safecities.accounts.permissions import requires
from safecities.events.models import Event
from safecities.programme import queries
from safecities.programme.errors import SessionRefused
from safecities.programme.forms import ProgrammeSettingsForm, RapporteurChoiceForm, SessionForm
from safecities.programme.models import Session
from safecities.programme.services import outcomes, timetable


def _event(request, slug: str, **kwargs) -> Event:
    return get_object_or_404(Event.objects.select_related("venue"), slug=slug)


def _person(name: str):
    users = get_user_model().objects.filter(is_active=True)
    return (users.filter(username=name).first()
            or users.filter(email__iexact=name).order_by("id").first())


@never_cache
@require_http_methods(["GET", "POST"])
@requires(EDIT_PROGRAMME, target=_event)
def programme_settings(request, slug: str):
    event = request.permission_target
    programme = queries.programme_of(event)
    posted = request.POST.get("form") if request.method == "POST" else None
    settings_form = ProgrammeSettingsForm(
        request.POST if posted == "settings" else None,
        initial={"is_published": programme.is_published,
                 "outcomes_published": programme.outcomes_published,
                 "outcomes_introduction": programme.outcomes_introduction})
    sessions = list(Session.objects.filter(event=event)
                    .select_related("rapporteur__user", "room").order_by("starts_at", "id"))
    chosen = RapporteurChoiceForm(request.POST if posted == "rapporteur" else None)
    if posted == "settings" and settings_form.is_valid():
        data = settings_form.cleaned_data
        timetable.publish_programme(event=event, published=data["is_published"])
        outcomes.set_outcomes_introduction(event=event,
                                           introduction=data["outcomes_introduction"],
                                           published=data["outcomes_published"])
        messages.success(request, _("The programme's settings are saved."))
        return redirect("programme:manage", slug=event.slug)
    if posted == "rapporteur" and chosen.is_valid():
        session = next((s for s in sessions if s.pk == chosen.cleaned_data["session"]), None)
        name = chosen.cleaned_data["username"].strip()
        person = _person(name) if name else None
        if session is None:
            chosen.add_error(None, _("That session is not in this event."))
        elif name and person is None:
            chosen.add_error("username", _("No account has this user name or email address. "
                                           "Ask the site administrator to create it first."))
        else:
            outcomes.assign_rapporteur(session=session, user=person)
            messages.success(request, _("The rapporteur is saved."))
            return redirect("programme:manage", slug=event.slug)
    return render(request, "programme/manage.html", {
        "event": event, "settings_form": settings_form, "chosen": chosen,
        "sessions": sessions,
    }, status=400 if posted else 200)


@never_cache
@require_http_methods(["GET"])
@requires(EDIT_PROGRAMME, target=_event)
def session_list(request, slug: str):
    event = request.permission_target
    sessions = (Session.objects.filter(event=event).select_related("room")
                .order_by("starts_at", "id"))
    return render(request, "programme/sessions.html", {"event": event, "sessions": sessions})


@never_cache
@require_http_methods(["GET", "POST"])
@requires(EDIT_PROGRAMME, target=_event)
def session_edit(request, slug: str, pk: int | None = None):
    """Add or change a session through the timetable's rule (``save_session``): clashes are
    refused next to the field, and a new time or room is sent to everyone who starred it."""
    event = request.permission_target
    session = get_object_or_404(Session, event=event, pk=pk) if pk else Session(event=event)
    form = SessionForm(request.POST or None, instance=session, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            timetable.save_session(session=form.instance)
        except SessionRefused as refused:
            for clash in refused.clashes:
                field = {"starts_at": "starts", "ends_at": "ends"}.get(clash.field, clash.field)
                form.add_error(field if field in form.fields else None, clash.message)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("programme:sessions", slug=event.slug)
    return render(request, "programme/session_edit.html", {
        "event": event, "form": form, "session": session if pk else None,
    }, status=400 if form.errors else 200)
