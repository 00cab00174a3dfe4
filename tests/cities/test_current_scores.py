"""The stored current scores never drift from a fresh computation of the values."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecities.cities.models import CurrentScore
from safecities.cities.queries import assessment_of
from safecities.cities.services.assessment import ValueEntry, remove_value, save_values
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db

CODES = ["c1-homicide", "c1-safe-after-dark", "c1-robbery", "c3-turnout", "c3-civic-engagement"]

change = st.one_of(
    st.tuples(st.just("save"), st.sampled_from(CODES), st.integers(2012, 2024),
              st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1))),
    st.tuples(st.just("remove"), st.sampled_from(CODES), st.integers(2012, 2024), st.none()),
)


def stored(city) -> dict[str, tuple]:
    return {row.characteristic: (row.score, row.year, row.version)
            for row in CurrentScore.objects.filter(city=city)}


def fresh(city) -> dict[str, tuple]:
    assessment = assessment_of(city)
    return {code: (result.score, assessment.year, assessment.version)
            for code, result in assessment.characteristics.items()}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, max_size=12))
def test_stored_scores_equal_a_fresh_computation_after_any_changes(changes):
    city = CityFactory(slug="drift")
    for action, code, year, value in changes:
        if action == "save":
            save_values(city=city, entries=[ValueEntry(code, year, value, "Survey")])
        else:
            remove_value(city=city, indicator=code, year=year)
        assert stored(city) == fresh(city)
    city.delete()


def test_a_city_without_values_has_seven_unscored_rows_once_touched():
    city = CityFactory()
    save_values(city=city, entries=[ValueEntry("c1-homicide", 2020, 3, "Police")])
    remove_value(city=city, indicator="c1-homicide", year=2020)
    assert stored(city) == {f"C{n}": (None, None, 1) for n in range(1, 8)}
