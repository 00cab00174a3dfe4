"""The radar chart's geometry, and the chart with its table on the pages."""

from __future__ import annotations

import pytest

from safecities.cities import chart
from safecities.cities.services.assessment import ValueEntry, save_values
from tests.factories import CityFactory

AXES = [(f"C{n}", f"Label {n}") for n in range(1, 8)]


def test_a_full_series_is_a_closed_outline_starting_at_the_top():
    radar = chart.radar(AXES, [chart.Series("Durban", (100, 50, 50, 50, 50, 50, 50))])
    line = radar.series[0]
    assert line.closed is True
    assert line.path.startswith("M210.0,70.0 L")  # centre 210, radius 140: straight up
    assert line.path.endswith(" Z")
    assert (line.fill, len(line.points)) == ("#0b5d4b", 7)


def test_a_missing_score_breaks_the_outline_instead_of_being_drawn_as_zero():
    radar = chart.radar(AXES, [chart.Series("Durban", (50, None, 50, 50, None, 50, 50))])
    line = radar.series[0]
    assert line.closed is False
    assert line.fill == "none"
    # Runs C3–C4 and C6–C7–C1 (wrapping around); no point sits at the centre.
    assert line.path.count("M") == 2
    assert len(line.points) == 5
    assert all((p.x, p.y) != (210.0, 210.0) for p in line.points)
    axes = {a.code: a.scored for a in radar.axes}
    assert (axes["C2"], axes["C5"], axes["C1"]) == (False, False, True)


def test_a_series_without_any_score_draws_nothing():
    line = chart.radar(AXES, [chart.Series("Empty", (None,) * 7)]).series[0]
    assert (line.path, line.points) == ("", ())


def test_history_is_drawn_quietly_and_cities_get_distinct_patterns():
    radar = chart.radar(AXES, [
        chart.Series("2019", (40,) * 7, history=True),
        chart.Series("Durban", (50,) * 7),
        chart.Series("Nairobi", (60,) * 7),
    ])
    assert [(s.stroke, s.dash, s.history) for s in radar.series] == [
        ("#6b6b6b", "4 3", True), ("#0b5d4b", "", False), ("#b35806", "8 4", False)]


def test_rings_mark_quarter_scores():
    radar = chart.radar(AXES, [])
    assert [r.value for r in radar.rings] == [25, 50, 75, 100]
    assert radar.rings[3].points.startswith("210.0,70.0 ")


@pytest.mark.django_db
def test_the_profile_chart_has_a_title_a_description_and_a_table_of_the_same_figures(client):
    city = CityFactory(slug="durban", name="Durban")
    save_values(city=city, entries=[ValueEntry("c3-turnout", 2019, 50, "IEC"),
                                    ValueEntry("c3-civic-engagement", 2019, 30, "Survey"),
                                    ValueEntry("c3-turnout", 2023, 65, "IEC")])
    page = client.get("/cities/durban/").content.decode()
    assert 'role="img" aria-labelledby="radar-title" aria-describedby="radar-desc"' in page
    assert '<title id="radar-title">Self-assessment</title>' in page
    # The table beside the chart: 2023 then the 2019 history, both for C3.
    # 2019: (50 − 20)/60 → 50 and 30 → mean 40; 2023: 75 and 30 → 52.5
    assert ('<tr><th scope="row">C3 Social participation</th><td><strong>52.5</strong></td>'
            '<td>40.0</td><td>2 of 3</td></tr>') in page
    assert "</svg> 2019</li><li>" in page  # the legend names the overlaid year
