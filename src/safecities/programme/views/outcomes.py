"""The outcomes of an exchange: the public page and report (PDF), and the rapporteurs'
pages where they write their sessions' summaries, lessons and commitments.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from safecities.accounts.capabilities import REPORT_OUTCOMES
from safecities.accounts.permissions import requires
from safecities.documents.rendering import pdf_response, render_pdf
from safecities.events.models import Event
from safecities.programme import queries
from safecities.programme.errors import ProgrammeError
from safecities.programme.forms import CommitmentForm, LessonForm, SummaryForm
from safecities.programme.models import Commitment, Lesson, Session, SessionReport
from safecities.programme.services import outcomes


def _report_target(request, slug: str, **kwargs) -> Event:
    return _event(slug)


reporters_only = requires(REPORT_OUTCOMES, target=_report_target)


def _event(slug: str) -> Event:
    return get_object_or_404(Event.objects.published().select_related("venue", "programme"),
                             slug=slug)


def outcomes_context(event: Event) -> dict[str, object]:
    """Everything the outcomes page and its PDF show, read from the rows."""
    programme = queries.programme_of(event)
    return {
        "event": event,
        "programme": programme,
        "figures": queries.exchange_figures(event),
        "groups": queries.lessons_by_characteristic(event),
        "commitments": list(queries.commitments_of(event)),
        "reports": list(queries.reported_sessions(event)),
        "practices": list(queries.showcased_practices(event)),
        "places": queries.participating_places(event),
    }


@require_safe
def outcomes_page(request, slug: str):
    event = _event(slug)
    programme = queries.programme_of(event)
    if not programme.outcomes_published:
        return render(request, "programme/outcomes_pending.html", {"event": event})
    return render(request, "programme/outcomes.html", outcomes_context(event))


@require_safe
def outcomes_pdf(request, slug: str):
    """The outcomes report. Rebuilt whenever its content changes (cached per version)."""
    event = _event(slug)
    if not queries.programme_of(event).outcomes_published:
        raise Http404("The outcomes are not published yet.")
    digest = hashlib.sha256(queries.outcomes_version(event).encode()).hexdigest()[:16]
    key = f"outcomes-pdf:{event.pk}:{translation.get_language()}:{digest}"
    content = cache.get(key)
    if content is None:
        content = render_pdf("programme/outcomes_report.html", {
            **outcomes_context(event), "generated_on": timezone.localdate(timezone=event.tz)})
        cache.set(key, content, 24 * 3600)
    return pdf_response(content, f"outcomes-{event.slug}.pdf")


# --- Rapporteurs ---------------------------------------------------------------------------


@never_cache
@reporters_only
@require_safe
def rapporteur_home(request, slug: str):
    """The sessions this person reports on (an organiser sees every session)."""
    event = request.permission_target
    sessions = Session.objects.filter(event=event).select_related("event", "room").order_by(
        "starts_at", "id")
    if not outcomes.is_organiser(request.user, event.pk):
        sessions = sessions.filter(rapporteur__user=request.user)
    return render(request, "programme/rapporteur.html", {
        "event": event, "sessions": list(sessions)})


def _reportable(request, slug: str, pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("event", "rapporteur", "room"),
                                pk=pk, event__slug=slug)
    if not outcomes.may_report_on(request.user, session):
        raise Http404("You are not this session's rapporteur.")
    return session


@never_cache
@reporters_only
@require_http_methods(["GET", "POST"])
def report_session(request, slug: str, pk: int):
    """One page for a session's outcomes: the summary, a new lesson, a new commitment.
    Each form posts with its own ``form`` name so the others keep what was typed.
    """
    session = _reportable(request, slug, pk)
    report = SessionReport.objects.filter(session=session).first()
    posted = request.POST.get("form") if request.method == "POST" else None
    summary_form = SummaryForm(request.POST if posted == "summary" else None,
                               initial={"summary": report.summary if report else ""})
    lesson_form = LessonForm(request.POST if posted == "lesson" else None, session=session,
                             prefix="lesson")
    commitment_form = CommitmentForm(request.POST if posted == "commitment" else None,
                                     prefix="commitment")
    error = None
    if posted:
        try:
            if posted == "summary" and summary_form.is_valid():
                outcomes.write_summary(session=session, user=request.user,
                                       summary=summary_form.cleaned_data["summary"])
                return redirect(request.path + "?saved=summary")
            if posted == "lesson" and lesson_form.is_valid():
                lesson = lesson_form.save(commit=False)
                lesson.session = session
                outcomes.save_lesson(lesson=lesson, user=request.user,
                                     characteristics=lesson_form.cleaned_data["characteristics"],
                                     practices=lesson_form.cleaned_data["practices"])
                return redirect(request.path + "?saved=lesson")
            if posted == "commitment" and commitment_form.is_valid():
                commitment = commitment_form.save(commit=False)
                commitment.event = session.event
                commitment.session = session
                outcomes.save_commitment(
                    commitment=commitment, user=request.user,
                    characteristics=commitment_form.cleaned_data["characteristics"])
                return redirect(request.path + "?saved=commitment")
        except ProgrammeError as refused:
            error = str(refused)
    return render(request, "programme/report_session.html", {
        "event": session.event,
        "session": session,
        "summary_form": summary_form,
        "lesson_form": lesson_form,
        "commitment_form": commitment_form,
        "lessons": list(Lesson.objects.filter(session=session)
                        .prefetch_related("characteristics")),
        "commitments": list(Commitment.objects.filter(session=session)),
        "saved": request.GET.get("saved"),
        "error": error,
    }, status=400 if posted else 200)


@never_cache
@reporters_only
@require_http_methods(["GET", "POST"])
def edit_lesson(request, slug: str, pk: int):
    lesson = get_object_or_404(Lesson.objects.select_related("session__event",
                                                             "session__rapporteur"),
                               pk=pk, session__event__slug=slug)
    session = _reportable(request, slug, lesson.session_id)
    if request.method == "POST" and request.POST.get("delete"):
        outcomes.delete_lesson(lesson=lesson, user=request.user)
        return redirect("programme:report", slug=slug, pk=session.pk)
    form = LessonForm(request.POST or None, instance=lesson, session=session)
    if request.method == "POST" and form.is_valid():
        outcomes.save_lesson(lesson=form.save(commit=False), user=request.user,
                             characteristics=form.cleaned_data["characteristics"],
                             practices=form.cleaned_data["practices"])
        return redirect("programme:report", slug=slug, pk=session.pk)
    return render(request, "programme/lesson_edit.html", {
        "event": session.event, "session": session, "lesson": lesson, "form": form,
    }, status=400 if request.method == "POST" else 200)
