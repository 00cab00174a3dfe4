"""Publication: the evidence rule applied to a review round, the public version, proposed
updates, and the search index kept in step — all inside one transaction each.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from safecities.practices.errors import NotEditable, UpdatePending
from safecities.practices.evidence import Rating, agreed_rating, derive_label, strongest_design
from safecities.practices.models import (
    Attachment,
    BaselineFigure,
    Outcome,
    OutcomeRating,
    Partner,
    Practice,
    PracticeVersion,
)
from safecities.practices.records import practice_record, with_record
from safecities.practices.search.index import index_practice, unindex

Status = Practice.Status

# What a contributor writes; everything else (identity in the library, workflow, the
# derived label) belongs to the library.
NOT_COPIED = {"id", "slug", "status", "contributor", "call", "update_of", "review_round",
              "label", "evidence_strength", "submitted_at", "published_at", "created_at",
              "updated_at", "is_demo"}
M2M = ("settings", "intervention_types", "target_groups", "characteristics", "themes")
CHILDREN = {
    BaselineFigure: ("indicator", "value", "unit", "year", "source"),
    Partner: ("name", "kind", "role"),
    Outcome: ("indicator", "baseline", "follow_up", "unit", "direction", "data_source",
              "design_strength", "effect", "agreed_strength", "agreed_effect"),
    # The copy refers to the same stored file.
    Attachment: ("file", "title", "kind", "content_type", "size", "licence"),
}


def copy_record(*, source: Practice, target: Practice) -> None:
    """Make ``target``'s written record (fields, terms, figures, partners, outcomes) equal
    to ``source``'s. The caller saves nothing else and holds the transaction."""
    for field in Practice._meta.concrete_fields:
        if field.name not in NOT_COPIED:
            setattr(target, field.attname, getattr(source, field.attname))
    target.save()
    for name in M2M:
        getattr(target, name).set(getattr(source, name).all())
    for model, fields in CHILDREN.items():
        model.objects.filter(practice=target).delete()
        model.objects.bulk_create(
            model(practice=target, **{f: getattr(row, f) for f in fields})
            for row in model.objects.filter(practice=source).order_by("id"))


def assess(practice: Practice) -> None:
    """Apply the evidence rule to the practice's current review round: each outcome takes
    the rating two reviewers agreed on (if any), and the label and the strongest design
    follow from the agreed ratings (practices/evidence.py)."""
    proposals: dict[int, list[Rating]] = {}
    for rating in OutcomeRating.objects.filter(
        review__practice=practice, review__round=practice.review_round,
        review__submitted_at__isnull=False,
    ):
        proposals.setdefault(rating.outcome_id, []).append(
            Rating(rating.design_strength, rating.effect))
    agreed: list[Rating] = []
    for outcome in practice.outcomes.all():
        rating = agreed_rating(proposals.get(outcome.pk, []))
        outcome.agreed_strength = rating.strength if rating else None
        outcome.agreed_effect = rating.effect if rating else ""
        outcome.save(update_fields=["agreed_strength", "agreed_effect"])
        if rating:
            agreed.append(rating)
    practice.label = derive_label(agreed)
    practice.evidence_strength = strongest_design(agreed)
    practice.save(update_fields=["label", "evidence_strength", "updated_at"])


def publish(*, practice: Practice, published_by=None) -> Practice:
    """Publish a reviewed practice and return the public one.

    The evidence rule is applied to the current round; a proposed update is copied onto
    the practice it updates (which keeps its address and stays public throughout) and is
    marked merged; a new version is recorded; the search index is written. Call it from
    ``review.decide``, which records the organiser's decision.
    """
    with transaction.atomic():
        assess(practice)
        now = timezone.now()
        if practice.update_of_id:
            public = Practice.objects.select_for_update().get(pk=practice.update_of_id)
            copy_record(source=practice, target=public)
            public.label, public.evidence_strength = practice.label, practice.evidence_strength
            public.save(update_fields=["label", "evidence_strength", "updated_at"])
            practice.status = Status.MERGED
            practice.save(update_fields=["status", "updated_at"])
        else:
            public = practice
        public.status = Status.PUBLISHED
        public.published_at = public.published_at or now
        public.save(update_fields=["status", "published_at", "updated_at"])
        _record_version(public, published_by=published_by, at=now)
        index_practice(with_record(Practice.objects.filter(pk=public.pk)).get())
        return public


def _record_version(practice: Practice, *, published_by, at) -> PracticeVersion:
    number = (practice.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    record = practice_record(with_record(Practice.objects.filter(pk=practice.pk)).get())
    record.pop("versions")
    return PracticeVersion.objects.create(practice=practice, number=number, published_at=at,
                                          published_by=published_by, record=record)


def withdraw(*, practice: Practice) -> Practice:
    """Take a published practice off the public library (it returns to draft); its
    versions are kept. Organisers use it when a practice must come down."""
    with transaction.atomic():
        if practice.status != Status.PUBLISHED:
            raise NotEditable()
        practice.status = Status.DRAFT
        practice.save(update_fields=["status", "updated_at"])
        unindex(practice.pk)
        return practice


def propose_update(*, practice: Practice, contributor) -> Practice:
    """Start a proposed update of a published practice: a draft copy of its record, which
    goes through review like a new practice while the published version stays up. Only
    one update of a practice is open at a time; calling again returns the open one."""
    with transaction.atomic():
        public = Practice.objects.select_for_update().get(pk=practice.pk)
        if public.status != Status.PUBLISHED:
            raise NotEditable()
        open_update = public.updates.exclude(status__in=[Status.MERGED, Status.DECLINED]).first()
        if open_update is not None:
            if open_update.contributor_id != getattr(contributor, "pk", None):
                raise UpdatePending()
            return open_update
        number = public.updates.count() + 1
        draft = Practice(slug=f"{public.slug[:100]}-update-{number}", title=public.title,
                         summary=public.summary, city=public.city, country=public.country,
                         contributor=contributor, update_of=public, status=Status.DRAFT)
        draft.save()
        copy_record(source=public, target=draft)
        return draft
