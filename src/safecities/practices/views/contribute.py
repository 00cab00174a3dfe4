"""Contributors: sign up, verify the address, write a practice step by step, submit it,
propose an update of a published one. Every step is saved on the server when sent."""

from __future__ import annotations

from contextlib import suppress

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from safecities.accounts.capabilities import CONTRIBUTE
from safecities.accounts.permissions import requires
from safecities.practices import queries
from safecities.practices.errors import PracticeError
from safecities.practices.forms import (
    STEP_FORMS,
    AttachmentForm,
    SignUpForm,
    StartForm,
    formset_rows,
)
from safecities.practices.models import Attachment, Call, Practice
from safecities.practices.services import accounts, drafting, publication
from safecities.ratelimit import rates

contributor_required = requires(CONTRIBUTE)


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=rates.enquiries, method="POST", group="signups")
def signup(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.sign_up(language=translation.get_language(), **form.cleaned_data)
        except PracticeError as error:
            form.add_error("email", str(error))
        else:
            return render(request, "practices/contribute/check_email.html",
                          {"email": form.cleaned_data["email"]})
    return render(request, "practices/contribute/signup.html", {"form": form},
                  status=400 if form.is_bound else 200)


@never_cache
def verify(request, token: str):
    try:
        accounts.verify_email(token=token)
    except PracticeError as error:
        return render(request, "practices/contribute/verify.html", {"error": str(error)},
                      status=400)
    return render(request, "practices/contribute/verify.html", {"error": None})


def _own_practice(request, pk: int) -> Practice:
    practice = get_object_or_404(Practice.objects.select_related("call", "update_of"), pk=pk)
    if practice.contributor_id != request.user.pk:
        raise Http404()
    return practice


@never_cache
@contributor_required
def dashboard(request):
    now = timezone.now()
    calls = [c for c in Call.objects.select_related("event") if c.is_open(now)]
    practices = list(Practice.objects.filter(contributor=request.user)
                     .exclude(status=Practice.Status.MERGED)
                     .select_related("update_of").order_by("-updated_at"))
    return render(request, "practices/contribute/dashboard.html", {
        "calls": calls, "practices": practices, "form": StartForm(),
    })


@never_cache
@contributor_required
@require_http_methods(["GET", "POST"])
def start(request):
    form = StartForm(request.POST or None)
    call = None
    if request.GET.get("call") or request.POST.get("call"):
        call = Call.objects.filter(slug=request.GET.get("call") or request.POST.get("call")).first()
    if request.method == "POST" and form.is_valid():
        try:
            practice = drafting.start_draft(contributor=request.user, call=call,
                                            **form.cleaned_data)
        except PracticeError as error:
            form.add_error(None, str(error))
        else:
            return redirect("practices:step", pk=practice.pk, step=drafting.STEP_NAMES[0])
    return render(request, "practices/contribute/start.html", {"form": form, "call": call},
                  status=400 if form.is_bound else 200)


@never_cache
@contributor_required
def draft(request, pk: int, attachment_form: AttachmentForm | None = None):
    """The practice's overview: each step, what is missing, the organisers' comments,
    the attachments, and the submit button."""
    practice = _own_practice(request, pk)
    missing = drafting.missing_items(practice)
    missing_steps = {step for step, _description in missing}
    return render(request, "practices/contribute/draft.html", {
        "practice": practice,
        "steps": [(name, label, name not in missing_steps) for name, label in drafting.STEPS],
        "missing": missing,
        "editable": practice.status in drafting.EDITABLE,
        "decision": practice.decisions.first(),
        "submitted": request.GET.get("submitted") == "1",
        "attachments": list(practice.attachments.all()),
        # After a decision the contributor reads the reviews (without reviewers' names).
        "picture": queries.round_picture(practice) if practice.status in (
            Practice.Status.CHANGES_REQUESTED, Practice.Status.DECLINED) else None,
        "attachment_form": attachment_form or AttachmentForm(),
    }, status=400 if attachment_form is not None else 200)


@never_cache
@contributor_required
@require_http_methods(["GET", "POST"])
def step(request, pk: int, step: str):
    if step not in STEP_FORMS:
        raise Http404()
    practice = _own_practice(request, pk)
    if practice.status not in drafting.EDITABLE:
        return redirect("practices:draft", pk=practice.pk)
    form_class, rows = STEP_FORMS[step]
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=practice, prefix="p")
    formset = rows[1](data, instance=practice, prefix=rows[0]) if rows else None
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        m2m = {name: form.cleaned_data[name] for name in form.cleaned_data
               if name in {f.name for f in Practice._meta.many_to_many}}
        values = {k: v for k, v in form.cleaned_data.items() if k not in m2m}
        try:
            drafting.save_step(practice=practice, user=request.user, values=values, terms=m2m,
                               rows={rows[0]: formset_rows(formset)} if rows else None)
        except PracticeError:
            return redirect("practices:draft", pk=practice.pk)
        index = drafting.STEP_NAMES.index(step)
        if "add_row" in request.POST:
            return redirect(request.path + f"#{rows[0]}")
        if "next" in request.POST and index + 1 < len(drafting.STEP_NAMES):
            return redirect("practices:step", pk=practice.pk,
                            step=drafting.STEP_NAMES[index + 1])
        return redirect(reverse("practices:draft", args=[practice.pk]) + "?saved=" + step)
    index = drafting.STEP_NAMES.index(step)
    return render(request, "practices/contribute/step.html", {
        "practice": practice, "step": step, "step_label": dict(drafting.STEPS)[step],
        "number": index + 1, "total": len(drafting.STEPS), "form": form, "formset": formset,
        "has_next": index + 1 < len(drafting.STEPS),
    }, status=400 if request.method == "POST" else 200)


@never_cache
@contributor_required
@require_POST
def submit(request, pk: int):
    practice = _own_practice(request, pk)
    try:
        drafting.submit(practice=practice, user=request.user)
    except PracticeError:
        return redirect("practices:draft", pk=practice.pk)
    return redirect(reverse("practices:draft", args=[practice.pk]) + "?submitted=1")


@never_cache
@contributor_required
@require_POST
def propose_update(request, slug: str):
    practice = get_object_or_404(Practice.objects.published(), slug=slug)
    if practice.contributor_id != request.user.pk:
        raise Http404()
    try:
        update = publication.propose_update(practice=practice, contributor=request.user)
    except PracticeError:
        return redirect("practices:contribute")
    return redirect("practices:draft", pk=update.pk)


@never_cache
@contributor_required
@require_POST
def attach(request, pk: int):
    practice = _own_practice(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            drafting.add_attachment(practice=practice, user=request.user, **form.cleaned_data)
        except PracticeError as error:
            form.add_error("file", str(error))
        else:
            return redirect(reverse("practices:draft", args=[practice.pk]) + "#attachments")
    return draft(request, pk, attachment_form=form)


@never_cache
@contributor_required
@require_POST
def detach(request, pk: int, attachment: int):
    practice = _own_practice(request, pk)
    found = get_object_or_404(Attachment.objects.select_related("practice"),
                              pk=attachment, practice=practice)
    with suppress(PracticeError):  # no longer editable: nothing to remove
        drafting.remove_attachment(attachment=found, user=request.user)
    return redirect(reverse("practices:draft", args=[practice.pk]) + "#attachments")
