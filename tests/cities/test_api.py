"""The cities JSON API: /api/cities/, …/assessment/, …/recommendations/."""

from __future__ import annotations

import pytest

from safecities.cities.services.assessment import ValueEntry, save_values
from safecities.practices.models import Characteristic
from tests.factories import CityFactory, PublishedPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 6])
def test_the_list_takes_one_query(client, django_assert_num_queries, count):
    for n in range(count):
        CityFactory(slug=f"c{n}", name=f"City {n}")
    with django_assert_num_queries(1):
        results = client.get("/api/cities/").json()["results"]
    assert len(results) == count
    assert results[0] == {"slug": "c0", "name": "City 0", "country": "ZA",
                          "population": 1_200_000, "population_band": "1m_5m"}


def test_the_assessment_gives_scores_status_and_the_figures_behind_them(client):
    city = CityFactory(slug="durban")
    save_values(city=city, entries=[
        ValueEntry("c1-homicide", 2022, 30, "SAPS annual report"),
        ValueEntry("c1-robbery", 2022, 800, "SAPS annual report"),
        ValueEntry("c2-strategy", 2023, 2, "Council resolution"),
    ])
    document = client.get("/api/cities/durban/assessment/").json()
    assert (document["year"], document["version"]) == (2023, 1)
    assert list(document["characteristics"]) == ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]
    c1 = document["characteristics"]["C1"]
    assert (c1["score"], c1["status"]) == (17.9, "scored")
    assert c1["indicators"][0] == {"code": "c1-homicide", "value": 30.0,
                                   "unit": "per 100,000 residents", "year": 2022,
                                   "source": "SAPS annual report", "score": 18.3}
    assert c1["indicators"][1] == {"code": "c1-violence-victims", "value": None,
                                   "unit": "% of people", "year": None, "source": None,
                                   "score": None}
    c2 = document["characteristics"]["C2"]
    assert (c2["score"], c2["status"], c2["indicators"][0]["score"]) == (
        None, "insufficient_data", 50.0)


def test_an_earlier_year_can_be_asked_for(client):
    city = CityFactory(slug="durban")
    save_values(city=city, entries=[ValueEntry("c1-homicide", 2019, 30, "SAPS"),
                                    ValueEntry("c1-homicide", 2022, 20, "SAPS")])
    assert client.get("/api/cities/durban/assessment/?year=2019").json()[
        "characteristics"]["C1"]["indicators"][0]["value"] == 30.0
    response = client.get("/api/cities/durban/assessment/?year=2020")
    assert (response.status_code, response.json()["code"], response.json()["years"]) == (
        404, "no_assessment_for_year", [2019, 2022])
    assert client.get("/api/cities/durban/assessment/?year=last").json()["code"] == (
        "invalid_year")


def test_unknown_cities_are_404_with_a_code(client):
    for path in ["/api/cities/atlantis/assessment/", "/api/cities/atlantis/recommendations/"]:
        response = client.get(path)
        assert (response.status_code, response.json()) == (
            404, {"error": "No city has that slug.", "code": "not_found"})


def test_recommendations_list_practices_and_peers_with_reasons(client):
    city = CityFactory(slug="durban", name="Durban")
    save_values(city=city, entries=[ValueEntry("c3-turnout", 2022, 30, "IEC"),
                                    ValueEntry("c3-civic-engagement", 2022, 20, "Survey")])
    peer = CityFactory(slug="kigali", name="Kigali", country="RW", region="eastern-africa",
                       offers_study_visits=True)
    save_values(city=peer, entries=[ValueEntry("c3-turnout", 2022, 80, "NEC"),
                                    ValueEntry("c3-civic-engagement", 2022, 70, "Survey")])
    PublishedPracticeFactory(slug="umuganda", title="Community work days", city="Kigali",
                    country="RW", main_characteristic=Characteristic.objects.get(code="C3"),
                    label="promising")
    document = client.get("/api/cities/durban/recommendations/").json()
    # Durban: turnout 30 → 16.7, engagement 20 → mean 18.3; Kigali: 100 and 70 → 85
    assert document["weak"] == [{"code": "C3", "score": 18.3}]
    assert document["practices"] == [{
        "slug": "umuganda", "title": "Community work days", "characteristic": "C3",
        "label": "promising",
        "reason": "It mainly serves C3 Social participation, where Durban scores 18.3, one of "
                  "its weakest characteristics. Evidence: Promising. Similar context: a city "
                  "of the same size."}]
    assert document["peers"] == [{
        "slug": "kigali", "name": "Kigali", "characteristics": ["C3"],
        "reason": "Kigali scores 85.0 on C3 Social participation, against 18.3 for Durban. "
                  "Similar context: a city of the same size.",
        "offers_study_visits": True, "offers_mentoring": False, "practices": ["umuganda"]}]
