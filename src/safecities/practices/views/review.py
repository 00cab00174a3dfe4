"""Reviewers score the practices assigned to them; organisers assign reviewers and decide.

Reviewers need the ``practices.review_practice`` permission; organisers
``practices.manage_practices`` (is_staff organisers get it from the admin).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from safecities.practices import queries
from safecities.practices.errors import PracticeError
from safecities.practices.forms import AssignForm, DecisionForm, ReviewForm
from safecities.practices.models import Practice, Review
from safecities.practices.records import with_record
from safecities.practices.services import review as review_services
from safecities.practices.views.contribute import LOGIN

reviewer_required = permission_required("practices.review_practice", login_url=LOGIN)
organiser_required = permission_required("practices.manage_practices", login_url=LOGIN)


@never_cache
@login_required(login_url=LOGIN)
@reviewer_required
def review_list(request):
    reviews = list(Review.objects.filter(reviewer=request.user)
                   .select_related("practice").order_by("submitted_at", "-assigned_at"))
    return render(request, "practices/review/list.html", {"reviews": reviews})


@never_cache
@login_required(login_url=LOGIN)
@reviewer_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    """One review: the practice as submitted, the form; after submitting, every review of
    the round and where they disagree (never before: reviews are blind until then)."""
    own = get_object_or_404(Review.objects.select_related("practice"), pk=pk)
    if own.reviewer_id != request.user.pk:
        raise Http404()
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
@login_required(login_url=LOGIN)
@organiser_required
def manage_list(request):
    waiting = (Practice.objects.filter(status__in=[
        Practice.Status.SUBMITTED, Practice.Status.IN_REVIEW, Practice.Status.CHANGES_REQUESTED])
        .annotate(assigned=Count("reviews", filter=Q(reviews__round=F("review_round"))),
                  done=Count("reviews", filter=Q(reviews__round=F("review_round"),
                                                 reviews__submitted_at__isnull=False)))
        .select_related("contributor").order_by("submitted_at", "id"))
    return render(request, "practices/review/manage_list.html", {"practices": waiting})


@never_cache
@login_required(login_url=LOGIN)
@organiser_required
@require_http_methods(["GET", "POST"])
def manage_practice(request, pk: int):
    practice = get_object_or_404(with_record(Practice.objects.all()), pk=pk)
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
