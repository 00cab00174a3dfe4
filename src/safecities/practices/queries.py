"""Reusable reads: a published practice, practices like it, vocabulary labels, the
review picture of a round (who agrees, where reviewers disagree)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from safecities.accounts.capabilities import REVIEWER
from safecities.accounts.permissions import roles_for
from safecities.accounts.roles import holders, scope_of
from safecities.practices.evidence import LABEL_ORDER
from safecities.practices.models import (
    Characteristic,
    Effect,
    EvidenceLabel,
    InterventionType,
    PopulationBand,
    Practice,
    PracticeFacet,
    Review,
    TargetGroup,
    Theme,
    WrittenLanguage,
)
from safecities.practices.records import with_record
from safecities.practices.search import DIMENSIONS, SORTS, SearchQuery

MAX_VALUES_PER_FACET = 10


def published_practice(slug: str) -> Practice | None:
    return with_record(Practice.objects.published().filter(slug=slug)).first()


def translations_of(practice: Practice) -> list[Practice]:
    """The published records of the same practice in other languages: the one it
    translates, and the other translations of that one (one query)."""
    original = practice.translation_of_id or practice.pk
    return list(Practice.objects.published()
                .filter(Q(pk=original) | Q(translation_of_id=original))
                .exclude(pk=practice.pk).only("slug", "title", "language")
                .order_by("language", "pk"))


# How much sharing a facet value makes two practices alike.
LIKENESS = {"characteristic": 3, "theme": 3, "intervention_type": 2, "target_group": 1,
            "population_band": 1, "country": 1}


def practices_like(practice: Practice, limit: int = 4) -> list[Practice]:
    """Published practices that share the most with this one: characteristics and themes
    first, then intervention types, target groups, city size and country (two queries)."""
    own = list(PracticeFacet.objects.filter(practice=practice, dimension__in=LIKENESS)
               .values_list("dimension", "value"))
    if not own:
        return []
    shared = Q()
    for dimension, value in own:
        shared |= Q(dimension=dimension, value=value)
    weight = Case(*[When(dimension=d, then=Value(w)) for d, w in LIKENESS.items()],
                  output_field=IntegerField())
    ranked = list(
        PracticeFacet.objects.filter(shared).exclude(practice=practice)
        .filter(practice__status=Practice.Status.PUBLISHED)
        .values("practice").annotate(score=Sum(weight)).filter(score__gte=3)
        .order_by("-score", "-practice__published_at", "practice")[:limit]
        .values_list("practice", flat=True))
    found = Practice.objects.in_bulk(ranked)
    return [found[pk] for pk in ranked if pk in found]


def term_labels() -> dict[str, dict[str, str]]:
    """Code → label for every facet's values (four small queries)."""
    labels: dict[str, dict[str, str]] = {}
    for dimension, model in (("characteristic", Characteristic), ("theme", Theme),
                             ("intervention_type", InterventionType),
                             ("target_group", TargetGroup)):
        labels[dimension] = {t.code: str(t) for t in model.objects.all()}
    labels["label"] = {label.value: str(label.label) for label in LABEL_ORDER}
    labels["population_band"] = {b.value: str(b.label) for b in PopulationBand}
    labels["language"] = {language.value: str(language.label) for language in WrittenLanguage}
    return labels


def country_name(code: str) -> str:
    return countries.name(code) or code


def label_name(label: str) -> str:
    return str(EvidenceLabel(label).label) if label in EvidenceLabel.values else label


def search_query(params: QueryDict, *, per_page: int = 20) -> SearchQuery:
    """A search from a query string (page, API and CSV read it the same way)."""
    filters = {}
    for dimension in DIMENSIONS:
        values = [v.strip()[:40] for v in params.getlist(dimension) if v.strip()]
        if dimension == "country":
            values = [v.upper() for v in values]
        if values:
            filters[dimension] = tuple(dict.fromkeys(values))[:MAX_VALUES_PER_FACET]
    sort = params.get("sort") or "relevance"
    try:
        page = max(1, min(int(params.get("page") or 1), 10_000))
    except ValueError:
        page = 1
    return SearchQuery(text=(params.get("q") or "")[:200], filters=filters,
                       sort=sort if sort in SORTS else "relevance",
                       page=page, per_page=per_page)


@dataclass
class RoundPicture:
    """The reviews of one round and where they disagree (derived, never stored)."""

    reviews: list[Review]
    disagreements: list[str]

    @property
    def submitted(self) -> list[Review]:
        return [r for r in self.reviews if r.is_submitted]


CRITERION_NAMES = {"relevance": gettext_lazy("relevance"), "evidence": gettext_lazy("evidence"),
                   "transferability": gettext_lazy("transferability"),
                   "clarity": gettext_lazy("clarity")}
SCORE_SPREAD = 2  # scores this far apart on one criterion are a disagreement


def round_picture(practice: Practice, round_number: int | None = None) -> RoundPicture:
    round_number = practice.review_round if round_number is None else round_number
    reviews = list(Review.objects.filter(practice=practice, round=round_number)
                   .select_related("reviewer").prefetch_related("ratings__outcome")
                   .order_by("assigned_at", "id"))
    return RoundPicture(reviews=reviews, disagreements=disagreements(reviews))


def disagreements(reviews: list[Review]) -> list[str]:
    """Plain-words notes where submitted reviews differ: scores two or more apart on a
    criterion, or different ratings proposed for an outcome."""
    submitted = [r for r in reviews if r.is_submitted]
    if len(submitted) < 2:
        return []
    notes = []
    for criterion in Review.CRITERIA:
        scores = [getattr(r, criterion) for r in submitted]
        if max(scores) - min(scores) >= SCORE_SPREAD:
            notes.append(_("%(criterion)s: scores from %(low)d to %(high)d") % {
                "criterion": CRITERION_NAMES[criterion], "low": min(scores),
                "high": max(scores)})
    proposals: dict[int, set[tuple[int, str]]] = {}
    names: dict[int, str] = {}
    for review in submitted:
        for rating in review.ratings.all():
            proposals.setdefault(rating.outcome_id, set()).add(
                (rating.design_strength, rating.effect))
            names[rating.outcome_id] = rating.outcome.indicator
    for outcome_id, ratings in sorted(proposals.items()):
        if len(ratings) > 1:
            listed = ", ".join(f"E{s} {Effect(e).label.lower()}" for s, e in sorted(ratings))
            notes.append(f"{names[outcome_id]}: {listed}")
    return notes


def reviewer_conflict(practice: Practice, reviewer) -> str | None:
    """Why this person may not review this practice, or None. Reviewers hold the reviewer
    role where the practice belongs (``practices.permissions.scope``) and never review
    their own practice or a practice of their own city."""
    if not reviewer.is_active or REVIEWER not in roles_for(reviewer, practice):
        return "not_a_reviewer"
    if reviewer.pk == practice.contributor_id:
        return "own_practice"
    profile = getattr(reviewer, "library_profile", None)
    if profile and profile.city and profile.city.strip().casefold() == \
            practice.city.strip().casefold() and profile.country.upper() == practice.country:
        return "own_city"
    return None


def eligible_reviewers(practice: Practice):
    """Active reviewers who may review this practice (not its contributor, not from its
    city), by username."""
    users = get_user_model().objects.filter(
        is_active=True, pk__in=holders(REVIEWER, scope_of(practice)),
    ).select_related("library_profile").order_by("username")
    allowed = [u.pk for u in users if reviewer_conflict(practice, u) is None]
    return get_user_model().objects.filter(pk__in=allowed).order_by("username")
