"""Reviewers score the practices assigned to them; organisers assign reviewers and decide.

Reviewers need the reviewer role, organisers the organiser role, where the practice
belongs (``practices.permissions``); both through the one permission rule.
"""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from safecities.accounts.capabilities import MANAGE_PRACTICES, REVIEW
from safecities.accounts.permissions import check, refused, requires, scopes_with
from safecities.accounts.roles import EVENT
from safecities.practices import queries
from safecities.practices.errors import PracticeError
from safecities.practices.forms import AssignForm, DecisionForm, ReviewForm
from safecities.practices.models import Practice, Review
from safecities.practices.records import with_record
from safecities.practices.services import review as review_services


def _practice(request, pk: int, **kwargs) -> Practice:
    return get_object_or_404(with_record(Practice.objects.all()), pk=pk)


def _review(request, pk: int, **kwargs) -> Review:
    return get_object_or_404(Review.objects.select_related("practice"), pk=pk)


@never_cache
@requires(REVIEW)
def review_list(request):
    reviews = list(Review.objects.filter(reviewer=request.user)
                   .select_related("practice").order_by("submitted_at", "-assigned_at"))
    return render(request, "practices/review/list.html", {"reviews": reviews})


@never_cache
@require_http_methods(["GET", "POST"])
@requires(REVIEW)
def review(request, pk: int):
    """One review: the practice as submitted, the form; after submitting, every review of
    the round and where they disagree (never before: reviews are blind until then)."""
    own = _review(request, pk)
    if own.reviewer_id != request.user.pk:
        raise Http404()
    refusal = check(request.user, REVIEW, own.practice)
    if refusal is not None:
        return refused(request, refusal, own.practice)
    practice = with_record(Practice.objects.filter(pk=own.practice_id)).get()
    outcomes = list(practice.outcomes.all())
    form = ReviewForm(request.POST or None, outcomes=outcomes)
    error = None
    if request.method == "POST" and not own.is_submitted and form.is_valid():
        try:
            review_services.submit_review(review=own, scores=form.scores(),
                                          comments=form.comments(), ratings=form.ratings())
        except PracticeError as failure:
            error = str(failure)
        else:
            return redirect("practices:review", pk=own.pk)
    picture = queries.round_picture(practice, own.round) if own.is_submitted else None
    return render(request, "practices/review/review.html", {
        "review": own, "practice": practice, "form": form, "picture": picture, "error": error,
        "open": not own.is_submitted and own.round == practice.review_round
        and practice.status == Practice.Status.IN_REVIEW,
    }, status=400 if request.method == "POST" else 200)


@never_cache
@requires(MANAGE_PRACTICES)
def manage_list(request):
    """The practices waiting for a decision, of the exchanges this person organises (all of
    them for a site administrator) and of standing calls."""
    waiting = (Practice.objects.filter(status__in=[
        Practice.Status.SUBMITTED, Practice.Status.IN_REVIEW, Practice.Status.CHANGES_REQUESTED])
        .annotate(assigned=Count("reviews", filter=Q(reviews__round=F("review_round"))),
                  done=Count("reviews", filter=Q(reviews__round=F("review_round"),
                                                 reviews__submitted_at__isnull=False)))
        .select_related("contributor").order_by("submitted_at", "id"))
    events = scopes_with(request.user, MANAGE_PRACTICES, EVENT)
    if events is not None:
        waiting = waiting.filter(Q(call__isnull=True) | Q(call__event__isnull=True)
                                 | Q(call__event__in=events))
    return render(request, "practices/review/manage_list.html", {"practices": waiting})


@never_cache
@require_http_methods(["GET", "POST"])
@requires(MANAGE_PRACTICES, target=_practice)
def manage_practice(request, pk: int):
    practice = request.permission_target
    assign = AssignForm(request.POST if "assign" in request.POST else None,
                        reviewers=queries.eligible_reviewers(practice))
    decide = DecisionForm(request.POST if "decide" in request.POST else None)
    error = None
    if request.method == "POST":
        try:
            if "assign" in request.POST and assign.is_valid():
                review_services.assign_reviewer(practice=practice,
                                                reviewer=assign.cleaned_data["reviewer"],
                                                assigned_by=request.user)
                return redirect("practices:manage", pk=practice.pk)
            if "decide" in request.POST and decide.is_valid():
                review_services.decide(practice=practice, kind=decide.cleaned_data["kind"],
                                       comments=decide.cleaned_data["comments"],
                                       decided_by=request.user)
                return redirect("practices:manage", pk=practice.pk)
        except PracticeError as failure:
            error = str(failure)
    return render(request, "practices/review/manage.html", {
        "practice": practice, "picture": queries.round_picture(practice),
        "assign": assign, "decide": decide, "error": error,
        "decisions": list(practice.decisions.all()),
        "under_review": practice.status in review_services.UNDER_REVIEW,
    }, status=400 if request.method == "POST" else 200)
