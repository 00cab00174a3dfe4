"""Entering, removing and importing a city's values (services.assessment)."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from safecities.cities.errors import InvalidValues, NotAllowed
from safecities.cities.models import City, IndicatorValue
from safecities.cities.queries import assessment_of, current_instrument, history_of
from safecities.cities.services.assessment import (
    ValueEntry,
    import_values,
    parse_number,
    remove_value,
    save_values,
    template_csv,
)
from tests.cities import statecrime as statecrime_figures
from tests.factories import CityContactFactory, CityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_saving_values_stores_them_with_their_source_and_who_entered_them():
    contact = CityContactFactory()
    report = save_values(city=contact.city, by=contact.user, entries=[
        ValueEntry("c1-homicide", 2022, 30.5, "SAPS annual report", "https://example.org/r"),
        ValueEntry("c2-strategy", 2023, 2, "Council resolution 12/2023", note="adopted"),
    ])
    assert (report.created, report.updated) == (2, 0)
    rows = list(IndicatorValue.objects.order_by("indicator__position").values_list(
        "indicator__code", "year", "value", "source", "link", "note", "entered_by"))
    assert rows == [
        ("c1-homicide", 2022, 30.5, "SAPS annual report", "https://example.org/r", "",
         contact.user.pk),
        ("c2-strategy", 2023, 2.0, "Council resolution 12/2023", "", "adopted",
         contact.user.pk),
    ]


def test_saving_a_value_again_for_the_same_year_replaces_it_and_keeps_other_years():
    city = CityFactory()
    save_values(city=city, entries=[ValueEntry("c1-homicide", 2021, 30, "Police")])
    report = save_values(city=city, entries=[ValueEntry("c1-homicide", 2021, 28, "Police"),
                                             ValueEntry("c1-homicide", 2022, 25, "Police")])
    assert (report.created, report.updated) == (1, 1)
    assert list(IndicatorValue.objects.order_by("year").values_list("year", "value")) == [
        (2021, 28.0), (2022, 25.0)]


def test_only_organisers_and_approved_contacts_may_enter_values():
    city = CityFactory()
    CityContactFactory(city=city, user=UserFactory(username="waiting"), status="requested")
    for user in [UserFactory(username="stranger"), UserFactory(username="waiting")]:
        with pytest.raises(NotAllowed):
            save_values(city=city, by=user, entries=[ValueEntry("c1-homicide", 2022, 1, "x")])
    save_values(city=city, by=UserFactory(username="organiser", is_superuser=True),
                entries=[ValueEntry("c1-homicide", 2022, 1, "x")])
    assert IndicatorValue.objects.count() == 1


def test_invalid_values_are_refused_together_with_what_is_wrong_and_nothing_is_stored():
    city = CityFactory()
    next_year = timezone.localdate().year + 1
    with pytest.raises(InvalidValues) as refused:
        save_values(city=city, entries=[
            ValueEntry("c1-homicide", 2022, 12, "Police"),
            ValueEntry("c2-strategy", 2022, 5, "Council"),
            ValueEntry("c1-safe-after-dark", next_year, 120, ""),
            ValueEntry("c6-gini", 2022, -0.1, "Survey", link="ftp://example.org"),
            ValueEntry("no-such", 2022, 1, "x"),
        ])
    assert refused.value.errors == {
        "c2-strategy": ["Enter a level from 0 to 4 (a whole number)."],
        "c1-safe-after-dark": [
            f"The year must be between 1990 and {next_year - 1}.",
            "Enter a percentage from 0 to 100.",
            "Say where the figure comes from (the source).",
        ],
        "c6-gini": ["The value cannot be negative.",
                    "The link must be a web address starting with http:// or https://."],
        "no-such": ["“no-such” is not an indicator of the instrument."],
    }
    assert IndicatorValue.objects.count() == 0


def test_removing_a_value_rescores_the_city():
    city = CityFactory()
    save_values(city=city, entries=[ValueEntry("c1-homicide", 2016, 30, "Police"),
                                    ValueEntry("c1-safe-after-dark", 2022, 40, "Survey"),
                                    ValueEntry("c1-robbery", 2022, 500, "Police")])
    assert assessment_of(city).characteristics["C1"].reasons == ("too_old",)
    assert remove_value(city=city, indicator="c1-homicide", year=2016) is True
    assert remove_value(city=city, indicator="c1-homicide", year=2016) is False
    # safe after dark 40; robbery 500: 100 − 100·(ln 501 − ln 11)/(ln 2001 − ln 11) = 26.6
    assert assessment_of(city).characteristics["C1"].score == 33.3


def test_history_has_one_assessment_per_year_with_values():
    city = CityFactory()
    save_values(city=city, entries=[ValueEntry("c1-safe-after-dark", 2019, 30, "Survey"),
                                    ValueEntry("c1-harassment", 2019, 20, "Survey"),
                                    ValueEntry("c1-safe-after-dark", 2023, 50, "Survey")])
    history = history_of(city)
    assert [(a.year, a.characteristics["C1"].score) for a in history] == [
        # 2019: 30 and 100 − 40 = 60 → 45; 2023: 50 and the 2019 harassment figure (60) → 55
        (2019, 45), (2023, 55)]


# --- CSV import ------------------------------------------------------------------------------


def as_csv(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


HEADER = ["indicator", "name", "unit", "year", "value", "source", "link", "note"]


def test_the_template_lists_every_indicator_with_its_name_and_unit():
    rows = list(csv.reader(io.StringIO(template_csv(current_instrument()))))
    assert rows[0] == HEADER
    assert rows[1] == ["c1-homicide", "Intentional homicide", "per 100,000 residents",
                       "", "", "", "", ""]
    assert len(rows) == 29


def test_a_filled_in_template_imports_and_blank_rows_are_skipped():
    city = CityFactory()
    rows = list(csv.reader(io.StringIO(template_csv(current_instrument()))))
    rows[1][3:6] = ["2022", "30,5", "Police"]
    rows[4][3:6] = ["2022", "45 %", "City survey"]
    report = import_values(city=city, content=b"\xef\xbb\xbf" + as_csv(rows))
    assert (report.created, report.updated) == (2, 0)
    assert sorted(IndicatorValue.objects.values_list("indicator__code", "value")) == [
        ("c1-homicide", 30.5), ("c1-safe-after-dark", 45.0)]


def test_a_csv_with_any_bad_row_imports_nothing_and_reports_every_bad_row():
    city = CityFactory()
    content = as_csv([
        HEADER,
        ["c1-homicide", "", "", "2022", "12", "Police", "", ""],
        ["c2-strategy", "", "", "2022", "7", "Council", "", ""],
        ["c1-robbery", "", "", "last year", "abc", "Police", "", ""],
        ["c1-homicide", "", "", "2022", "13", "Police", "", ""],
        ["c9-nothing", "", "", "2022", "1", "x", "", ""],
    ])
    with pytest.raises(InvalidValues) as refused:
        import_values(city=city, content=content)
    assert refused.value.errors == {
        3: ["Enter a level from 0 to 4 (a whole number)."],
        4: ["The year must be a whole number, e.g. 2023.", "Enter a number."],
        5: ["The same indicator and year are already on line 2."],
        6: ["“c9-nothing” is not an indicator of the instrument."],
    }
    assert IndicatorValue.objects.count() == 0


def test_a_csv_without_the_required_columns_or_values_is_refused_in_plain_words():
    city = CityFactory()
    with pytest.raises(InvalidValues) as refused:
        import_values(city=city, content=b"indicator,value\nc1-homicide,3\n")
    assert refused.value.errors == {
        1: ["The first line must name the columns; missing: year, source."]}
    with pytest.raises(InvalidValues) as refused:
        import_values(city=city, content=template_csv(current_instrument()).encode())
    assert refused.value.errors == {1: ["The file has no values to import."]}
    with pytest.raises(InvalidValues) as refused:
        import_values(city=city, content="indicator;year\n".encode("utf-16"))
    assert refused.value.errors == {
        1: ["The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."]}


def test_statecrime_imports_as_csv_and_scores_as_computed_by_hand():
    """Real, public-domain figures (statsmodels' statecrime, US states 2009) through the import."""
    data = statecrime_figures.load()
    source = "US Statistical Abstract 2009 (statsmodels statecrime, public domain)"
    for state in ["Alabama", "Vermont", "District of Columbia"]:
        row = data[state]
        city = CityFactory(slug=state.lower().replace(" ", "-"), name=state, country="US",
                           region="northern-america")
        import_values(city=city, content=as_csv([
            HEADER,
            ["c1-homicide", "", "", "2009", f"{row['murder']}", source, "", ""],
            ["c1-robbery", "", "", "2009", f"{row['violent']}", source, "", "violent crime"],
        ]))
    scores = {city.slug: assessment_of(city).characteristics["C1"].score
              for city in City.objects.all()}
    # By hand in tests/cities/test_scoring.py: 41.4, 70.1, 15.7
    assert scores == {"alabama": 41.4, "vermont": 70.1, "district-of-columbia": 15.7}


@pytest.mark.parametrize(("text", "number"), [("12.5", 12.5), ("12,5", 12.5), ("45 %", 45),
                                              ("1 234", 1234), (" 7 ", 7)])
def test_numbers_are_read_as_people_type_them(text, number):
    assert parse_number(text) == number
