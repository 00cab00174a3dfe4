from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from safecities.backoffice import permissions
from safecities.backoffice.forms import QuestionForm
from safecities.backoffice.permissions import event_view
from safecities.registration import services
from safecities.registration.models import Question
from safecities.registration.queries import event_questions


@never_cache
@require_safe
@event_view(permissions.QUESTIONS)
def question_list(request, event):
    return render(request, "backoffice/questions.html", {
        "event": event, "tab": "questions", "questions": event_questions(event),
    })


@never_cache
@require_http_methods(["GET", "POST"])
@event_view(permissions.QUESTIONS)
def question_edit(request, event, pk: int | None = None):
    question = get_object_or_404(Question, event=event, pk=pk) if pk else None
    form = QuestionForm(request.POST or None, instance=question, event=event)
    if request.method == "POST" and form.is_valid():
        services.save_question(question=form.instance)
        messages.success(request, _("The question is saved."))
        return redirect("backoffice:questions", event.slug)
    return render(request, "backoffice/question_edit.html", {
        "event": event, "tab": "questions", "form": form, "question": question,
    }, status=400 if form.errors else 200)


@require_POST
@event_view(permissions.QUESTIONS)
def question_delete(request, event, pk: int):
    question = get_object_or_404(Question, event=event, pk=pk)
    services.delete_question(question=question)
    messages.success(request, _("The question and its answers are removed."))
    return redirect("backoffice:questions", event.slug)
