"""Review: organisers assign reviewers, reviewers score and rate each outcome, organisers
decide (publish, ask for changes, decline). The contributor is told of every decision.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safecities.mailing.services import queue_email
from safecities.practices.errors import (
    NotEnoughReviews,
    NotSubmitted,
    ReviewClosed,
    ReviewerNotAllowed,
)
from safecities.practices.models import Decision, Outcome, OutcomeRating, Practice, Review
from safecities.practices.queries import reviewer_conflict
from safecities.practices.services import publication
from safecities.privacy.personal_data import mail_key

Status = Practice.Status
UNDER_REVIEW = (Status.SUBMITTED, Status.IN_REVIEW)
MIN_REVIEWS = 2


CONFLICT_MESSAGES = {
    "not_a_reviewer": _("This person is not a reviewer."),
    "own_practice": _("Reviewers never review their own practice."),
    "own_city": _("Reviewers never review practices of their own city."),
}


def notify_reviewer(review: Review) -> None:
    queue_email(
        to=[review.reviewer.email], template="practices/email/review_assigned",
        context={"review": review, "practice": review.practice,
                 "review_url": settings.SITE_URL + reverse("practices:review",
                                                           args=[review.pk])},
        about=[mail_key("user", review.reviewer_id)])


def assign_reviewer(*, practice: Practice, reviewer, assigned_by) -> Review:
    """Assign a reviewer to the practice's current round (assigning twice is harmless) and
    tell them by email. Refused for someone without the reviewer permission, for the
    contributor, and for anyone from the practice's own city."""
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        if practice.status not in UNDER_REVIEW:
            raise NotSubmitted()
        conflict = reviewer_conflict(practice, reviewer)
        if conflict:
            raise ReviewerNotAllowed(CONFLICT_MESSAGES[conflict])
        review, created = Review.objects.get_or_create(
            practice=practice, round=practice.review_round, reviewer=reviewer,
            defaults={"assigned_by": assigned_by})
        if practice.status == Status.SUBMITTED:
            practice.status = Status.IN_REVIEW
            practice.save(update_fields=["status", "updated_at"])
        if created:
            notify_reviewer(review)
        return review


def submit_review(*, review: Review, scores: Mapping[str, int], comments: Mapping[str, str],
                  ratings: Mapping[int, tuple[int, str]]) -> Review:
    """Submit a review: a score of 1–5 with a comment on each criterion, and a proposed
    design strength and effect for every outcome (by outcome id). Once submitted it is
    final, and the reviewer sees the other reviews of the round."""
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("practice").get(pk=review.pk)
        if review.is_submitted or review.round != review.practice.review_round or \
                review.practice.status != Status.IN_REVIEW:
            raise ReviewClosed()
        for criterion in Review.CRITERIA:
            score = scores[criterion]
            if not 1 <= score <= 5:
                raise ValueError(f"{criterion} must be scored 1–5")
            setattr(review, criterion, score)
            setattr(review, f"{criterion}_comment", comments.get(criterion, "").strip())
        outcomes = set(Outcome.objects.filter(practice=review.practice)
                       .values_list("pk", flat=True))
        if set(ratings) != outcomes:
            raise ValueError("every outcome of the practice needs a rating")
        OutcomeRating.objects.bulk_create(
            OutcomeRating(review=review, outcome_id=outcome, design_strength=strength,
                          effect=effect)
            for outcome, (strength, effect) in sorted(ratings.items()))
        review.submitted_at = timezone.now()
        review.save()
        return review


def decide(*, practice: Practice, kind: str, comments: str, decided_by) -> Decision:
    """Record an organiser's decision on the current round and act on it: publish (needs
    at least two submitted reviews; the evidence rule sets the label), ask for changes
    (the contributor can edit again and sees the comments) or decline. The contributor
    is emailed the decision with the comments."""
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        if practice.status not in UNDER_REVIEW:
            raise NotSubmitted()
        if kind == Decision.Kind.PUBLISH:
            submitted = Review.objects.filter(practice=practice, round=practice.review_round,
                                              submitted_at__isnull=False).count()
            if submitted < MIN_REVIEWS:
                raise NotEnoughReviews()
            public = publication.publish(practice=practice, published_by=decided_by)
        elif kind == Decision.Kind.CHANGES:
            practice.status = Status.CHANGES_REQUESTED
            practice.save(update_fields=["status", "updated_at"])
            public = None
        elif kind == Decision.Kind.DECLINE:
            practice.status = Status.DECLINED
            practice.save(update_fields=["status", "updated_at"])
            public = None
        else:
            raise ValueError(f"unknown decision {kind!r}")
        decision = Decision.objects.create(practice=practice, round=practice.review_round,
                                           kind=kind, comments=comments.strip(),
                                           decided_by=decided_by)
        contributor = practice.contributor
        if contributor is not None and contributor.email:
            queue_email(
                to=[contributor.email], template=f"practices/email/decision_{kind}",
                context={"practice": practice, "decision": decision,
                         "public_url": settings.SITE_URL + public.get_absolute_url()
                         if public else None,
                         "edit_url": settings.SITE_URL + reverse("practices:draft",
                                                                 args=[practice.pk])},
                about=[mail_key("user", contributor.pk)])
        return decision
