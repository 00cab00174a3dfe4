"""Property: every facet count equals the number of results choosing that value leads to."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecities.practices.search import DIMENSIONS, SearchQuery, search

pytestmark = pytest.mark.django_db

CHARACTERISTICS = ["C1", "C2", "C3", "C7"]
THEMES = ["youth-at-risk", "fear-of-crime", "victim-support"]
TYPES = ["situational", "policing"]
GROUPS = ["youth", "women-girls"]
WORDS = ["lighting", "market", "walks", "forum"]

practice = st.fixed_dictionaries({
    "country": st.sampled_from(["ZA", "KE", "BR"]),
    "label": st.sampled_from(["effective", "promising", "emerging", "self_reported"]),
    "population_band": st.sampled_from(["", "500k_1m", "1m_5m"]),
    "characteristics": st.lists(st.sampled_from(CHARACTERISTICS), max_size=3, unique=True),
    "themes": st.lists(st.sampled_from(THEMES), max_size=2, unique=True),
    "intervention_types": st.lists(st.sampled_from(TYPES), max_size=2, unique=True),
    "target_groups": st.lists(st.sampled_from(GROUPS), max_size=2, unique=True),
    "title": st.lists(st.sampled_from(WORDS), min_size=1, max_size=2).map(" ".join),
})
query = st.fixed_dictionaries({
    "text": st.sampled_from(["", "lighting", "market walks"]),
    "filters": st.dictionaries(
        st.sampled_from(["characteristic", "country", "theme", "label"]),
        st.sampled_from([("C1",), ("ZA",), ("youth-at-risk",), ("emerging",), ("C1", "C3")]),
        max_size=2),
})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(practices=st.lists(practice, min_size=1, max_size=8), start=query)
def test_facet_counts_equal_the_results_they_lead_to(published, practices, start):
    with transaction.atomic():
        for fields in practices:
            published(**fields)
        first = SearchQuery(text=start["text"], filters=start["filters"])
        result = search(first)
        for dimension in DIMENSIONS:
            for value, count in result.facets[dimension].items():
                chosen = dict(first.filters)
                chosen[dimension] = tuple(dict.fromkeys((*chosen.get(dimension, ()), value)))
                narrowed = search(SearchQuery(text=first.text, filters=chosen, per_page=100))
                assert narrowed.count == count, (dimension, value)
                assert len(narrowed.hits) == count
        transaction.set_rollback(True)
