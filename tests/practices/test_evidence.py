"""The evidence rule (practices/evidence.py): every single rating, pairs that decide
between rules, and properties over any set of ratings."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecities.practices.evidence import Rating, agreed_rating, derive_label, strongest_design
from safecities.practices.models import Effect, EvidenceLabel

L = EvidenceLabel
EFFECTS = [Effect.POSITIVE, Effect.MIXED, Effect.NO_EFFECT, Effect.NEGATIVE, Effect.NOT_ASSESSED]

# Every one of the 25 possible single ratings: rows E0..E4, columns in EFFECTS' order.
SINGLE = {
    0: [L.EMERGING, L.EMERGING, L.EMERGING, L.EMERGING, L.EMERGING],
    1: [L.EMERGING, L.EMERGING, L.EMERGING, L.EMERGING, L.EMERGING],
    2: [L.PROMISING, L.EMERGING, L.NO_EFFECT, L.HARMFUL, L.EMERGING],
    3: [L.PROMISING, L.EMERGING, L.NO_EFFECT, L.HARMFUL, L.EMERGING],
    4: [L.EFFECTIVE, L.EMERGING, L.NO_EFFECT, L.HARMFUL, L.EMERGING],
}


@pytest.mark.parametrize(("strength", "effect"), list(itertools.product(range(5), EFFECTS)))
def test_every_single_rating_has_its_label(strength, effect):
    expected = SINGLE[strength][EFFECTS.index(effect)]
    assert derive_label([Rating(strength, effect)]) == expected


def test_nothing_agreed_is_self_reported():
    assert derive_label([]) == L.SELF_REPORTED


def test_two_positive_e3_outcomes_are_effective():
    assert derive_label([Rating(3, Effect.POSITIVE), Rating(3, Effect.POSITIVE)]) == L.EFFECTIVE


def test_one_positive_e3_beside_a_positive_e2_is_promising():
    assert derive_label([Rating(3, Effect.POSITIVE), Rating(2, Effect.POSITIVE)]) == L.PROMISING


def test_harm_at_e2_outweighs_an_e4_benefit():
    assert derive_label([Rating(4, Effect.POSITIVE), Rating(2, Effect.NEGATIVE)]) == L.HARMFUL


def test_harm_shown_only_before_and_after_is_emerging():
    assert derive_label([Rating(1, Effect.NEGATIVE), Rating(2, Effect.MIXED)]) == L.EMERGING


def test_no_effect_beside_a_mixed_result_is_no_effect():
    assert derive_label([Rating(3, Effect.NO_EFFECT), Rating(2, Effect.MIXED)]) == L.NO_EFFECT


def test_a_positive_e2_outweighs_no_effect_elsewhere():
    assert derive_label([Rating(3, Effect.NO_EFFECT), Rating(2, Effect.POSITIVE)]) == L.PROMISING


# Every pair of ratings, checked against the rule written as a table of conditions.
def _expected(ratings):
    strong = [r for r in ratings if r.strength >= 2 and r.effect != Effect.NOT_ASSESSED]
    effects = {r.effect for r in strong}
    e3_positive = sum(1 for r in strong if r.strength == 3 and r.effect == Effect.POSITIVE)
    if Effect.NEGATIVE in effects:
        return L.HARMFUL
    if Rating(4, Effect.POSITIVE) in strong or e3_positive >= 2:
        return L.EFFECTIVE
    if Effect.POSITIVE in effects:
        return L.PROMISING
    if Effect.NO_EFFECT in effects:
        return L.NO_EFFECT
    return L.EMERGING


ALL = [Rating(s, e) for s in range(5) for e in EFFECTS]


@pytest.mark.parametrize("pair", list(itertools.combinations_with_replacement(ALL, 2)),
                         ids=lambda pair: "+".join(f"E{r.strength}{r.effect}" for r in pair))
def test_every_pair_of_ratings_has_its_label(pair):
    assert derive_label(list(pair)) == _expected(pair)


ratings = st.builds(Rating, st.integers(0, 4), st.sampled_from(EFFECTS))


@given(st.lists(ratings, min_size=1, max_size=8), st.randoms())
def test_the_label_does_not_depend_on_the_order_of_outcomes(agreed, random):
    shuffled = list(agreed)
    random.shuffle(shuffled)
    assert derive_label(shuffled) == derive_label(agreed)


@given(st.lists(ratings, min_size=1, max_size=8))
def test_any_agreed_rating_replaces_self_reported(agreed):
    assert derive_label(agreed) != L.SELF_REPORTED


@given(st.lists(ratings, max_size=8), st.integers(2, 4))
def test_a_comparison_showing_harm_always_labels_harmful(agreed, strength):
    assert derive_label([*agreed, Rating(strength, Effect.NEGATIVE)]) == L.HARMFUL


@given(st.lists(ratings, min_size=1, max_size=8), st.integers(0, 1), st.sampled_from(EFFECTS))
def test_weak_designs_never_change_a_label_from_stronger_evidence(agreed, strength, effect):
    assert derive_label([*agreed, Rating(strength, effect)]) == derive_label(agreed)


@given(st.lists(ratings, max_size=8))
def test_the_list_rule_matches_the_table_of_conditions(agreed):
    assert derive_label(agreed) == (_expected(agreed) if agreed else L.SELF_REPORTED)


@given(st.lists(ratings, max_size=8))
def test_strongest_design_is_the_highest_agreed_strength(agreed):
    assert strongest_design(agreed) == (max(r.strength for r in agreed) if agreed else -1)


# --- Agreement between reviewers ---------------------------------------------------------


def test_two_reviewers_proposing_the_same_rating_agree():
    assert agreed_rating([Rating(2, Effect.POSITIVE), Rating(2, Effect.POSITIVE)]) == Rating(
        2, Effect.POSITIVE)


def test_two_reviewers_proposing_different_ratings_do_not_agree():
    assert agreed_rating([Rating(2, Effect.POSITIVE), Rating(3, Effect.POSITIVE)]) is None


def test_one_reviewer_alone_never_agrees():
    assert agreed_rating([Rating(4, Effect.POSITIVE)]) is None


def test_a_majority_of_three_agrees():
    assert agreed_rating([Rating(1, Effect.MIXED), Rating(2, Effect.MIXED),
                          Rating(1, Effect.MIXED)]) == Rating(1, Effect.MIXED)


def test_a_tie_between_two_pairs_does_not_agree():
    assert agreed_rating([Rating(1, Effect.MIXED), Rating(2, Effect.MIXED),
                          Rating(1, Effect.MIXED), Rating(2, Effect.MIXED)]) is None


@given(st.lists(ratings, max_size=6))
def test_an_agreed_rating_was_proposed_by_at_least_two_reviewers(proposals):
    agreed = agreed_rating(proposals)
    assert agreed is None or proposals.count(agreed) >= 2


def test_a_rating_outside_the_scale_is_refused():
    with pytest.raises(ValueError, match="design strength must be 0–4"):
        Rating(5, Effect.POSITIVE)
