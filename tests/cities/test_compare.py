"""Comparing up to five cities on one chart and in one table."""

from __future__ import annotations

import pytest

from safecities.cities.services.assessment import ValueEntry, save_values
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def scored(slug: str, turnout: float) -> None:
    city = CityFactory(slug=slug, name=slug.title())
    save_values(city=city, entries=[ValueEntry("c3-turnout", 2022, turnout, "IEC"),
                                    ValueEntry("c3-civic-engagement", 2022, 50, "Survey")])


def test_two_cities_appear_on_one_chart_and_in_one_table(client):
    scored("durban", 50)
    scored("nairobi", 80)
    page = client.get("/cities/compare/?c=durban&c=nairobi").content.decode()
    assert page.count("<path d=") == 0  # one characteristic each: no outline, points only
    assert page.count("<circle ") == 2
    # turnout 50 → 50, engagement 50 → 50; turnout 80 → 100 → 75
    assert ('<tr><th scope="row">C3 Social participation</th><td><strong>50.0</strong> '
            '<span class="muted">(2/3)</span></td><td><strong>75.0</strong> '
            '<span class="muted">(2/3)</span></td></tr>') in page
    assert 'name="c" value="Nairobi"' in page


def test_at_most_five_cities_are_compared_and_unknown_ones_are_named(client):
    for n in range(6):
        scored(f"city{n}", 40 + n)
    page = client.get("/cities/compare/?" + "&".join(f"c=city{n}" for n in range(6))
                      + "&c=atlantis").content.decode()
    assert "Only the first 5 cities are shown." in page
    assert page.count("<circle ") == 5
    assert "city5" not in page.split("<table")[1].split("</table>")[0]


def test_an_unknown_city_is_said_plainly_with_suggestions(client):
    scored("nairobi", 50)
    page = client.get("/cities/compare/?c=Nairobbi").content.decode()
    assert "No city has this name: Nairobbi. Did you mean: Nairobi?" in page


def test_cities_are_found_by_name_in_any_case(client):
    scored("durban", 50)
    page = client.get("/cities/compare/?c=DURBAN&c=  durban ").content.decode()
    assert page.count("<circle ") == 1


def test_duplicates_count_once(client):
    scored("durban", 50)
    page = client.get("/cities/compare/?c=durban&c=durban&c=DURBAN").content.decode()
    assert page.count("<circle ") == 1
