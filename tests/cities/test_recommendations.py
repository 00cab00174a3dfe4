"""Recommended practices and peer cities for a city's weakest characteristics."""

from __future__ import annotations

import pytest

from safecities.cities.recommendations import recommend, weakest
from safecities.cities.services.assessment import ValueEntry, save_values
from safecities.practices.models import Characteristic, Theme
from tests.factories import CityFactory, PublishedPracticeFactory

pytestmark = pytest.mark.django_db

# Two indicators per characteristic, each scoring its value (0–100, higher is better).
PAIRS = {
    "C1": ("c1-safe-after-dark", "c1-harassment"),  # harassment: lower is better
    "C2": ("c2-evaluated-programmes", "c2-strategy"),
    "C3": ("c3-participation-structure", "c3-civic-engagement"),
    "C4": ("c4-trust-police", "c4-reporting"),
    "C5": ("c5-service-satisfaction", "c5-inclusive-decisions"),
}


def give_scores(city, scores: dict[str, float]) -> None:
    entries = []
    for code, score in scores.items():
        first, second = PAIRS[code]
        entries.append(ValueEntry(first, 2022, score, "Survey"))
        if code == "C1":
            entries.append(ValueEntry(second, 2022, (100 - score) / 2, "Survey"))
        elif code == "C2":
            entries.append(ValueEntry(second, 2022, round(score / 25), "Council"))
        else:
            entries.append(ValueEntry(second, 2022, score, "Survey"))
    save_values(city=city, entries=entries)


def characteristic(code: str) -> Characteristic:
    return Characteristic.objects.get(code=code)


@pytest.fixture
def durban():
    city = CityFactory(slug="durban", name="Durban", other_names="eThekwini", country="ZA",
                       region="southern-africa", population=3_900_000)
    city.themes.set(Theme.objects.filter(code__in=["youth-at-risk", "fear-of-crime"]))
    give_scores(city, {"C1": 20, "C3": 30, "C4": 60, "C5": 80})
    return city


def test_the_weakest_characteristics_are_the_two_lowest_scores(durban):
    assert weakest(durban) == [("C1", 20.0), ("C3", 30.0)]


def test_unscored_characteristics_are_never_weak():
    city = CityFactory()
    give_scores(city, {"C4": 10})
    save_values(city=city, entries=[ValueEntry("c1-homicide", 2022, 50, "Police")])
    assert weakest(city) == [("C4", 10.0)]


def test_practices_rank_by_evidence_then_context_and_each_says_why(durban):
    c1, c3 = characteristic("C1"), characteristic("C3")
    PublishedPracticeFactory(title="Far emerging", city="Lima", country="PE",
                             population_band="1m_5m",
                    main_characteristic=c3, label="emerging")
    PublishedPracticeFactory(title="Near emerging", city="Cape Town", country="ZA",
                    population_band="1m_5m", main_characteristic=c1, label="emerging")
    effective = PublishedPracticeFactory(title="Far effective", city="Bogotá", country="CO",
                                population_band="over_5m", main_characteristic=c3,
                                label="effective")
    effective.themes.set(Theme.objects.filter(code="youth-at-risk"))
    PublishedPracticeFactory(title="Harmful", city="Lagos", country="NG", main_characteristic=c1,
                    label="harmful")
    PublishedPracticeFactory(title="Serves trust", city="Lagos", country="NG",
                    main_characteristic=characteristic("C4"), label="effective")
    PublishedPracticeFactory(title="Durban's own", city="eThekwini", country="ZA",
                    main_characteristic=c1, label="effective")
    PublishedPracticeFactory(title="Draft", city="Accra", country="GH", main_characteristic=c1,
                    label="effective", status="draft")
    result = recommend(durban)
    assert [(w.code, w.score) for w in result.weak] == [("C1", 20.0), ("C3", 30.0)]
    assert [(p.title, p.similarity) for p in result.practices] == [
        ("Far effective", 1), ("Near emerging", 2), ("Far emerging", 1)]
    assert result.practices[0].reason == (
        "It mainly serves C3 Social participation, where Durban scores 30.0, one of its "
        "weakest characteristics. Evidence: Effective. Similar context: your priority theme "
        "youth at risk.")
    assert result.practices[1].reason == (
        "It mainly serves C1 Low incidence of violence and crime, where Durban scores 20.0, "
        "one of its weakest characteristics. Evidence: Emerging. Similar context: a city of "
        "the same size; the same region (Southern Africa).")


def test_among_equal_evidence_and_context_the_weaker_characteristic_comes_first(durban):
    PublishedPracticeFactory(title="A for C3", city="Lima", country="PE", population_band="",
                    main_characteristic=characteristic("C3"), label="promising")
    PublishedPracticeFactory(title="B for C1", city="Lima", country="PE", population_band="",
                    main_characteristic=characteristic("C1"), label="promising")
    assert [p.title for p in recommend(durban).practices] == ["B for C1", "A for C3"]


def test_peers_are_clearly_stronger_on_the_weak_characteristics_and_similar(durban):
    both = CityFactory(slug="kigali", name="Kigali", country="RW", region="eastern-africa",
                       population=1_100_000, offers_study_visits=True)
    give_scores(both, {"C1": 70, "C3": 60})
    near = CityFactory(slug="cape-town", name="Cape Town", country="ZA",
                       region="southern-africa", population=4_700_000, offers_mentoring=True)
    give_scores(near, {"C1": 40})
    slightly = CityFactory(slug="slightly", name="Slightly", country="ZA")
    give_scores(slightly, {"C1": 34, "C3": 44})  # less than 15 points stronger
    PublishedPracticeFactory(title="Kigali night markets", city="Kigali", country="RW",
                    main_characteristic=characteristic("C1"), label="promising")
    PublishedPracticeFactory(title="Kigali on trust", city="Kigali", country="RW",
                    main_characteristic=characteristic("C4"), label="effective")
    peers = recommend(durban).peers
    assert [(p.slug, p.characteristics, p.similarity) for p in peers] == [
        ("kigali", ["C1", "C3"], 1), ("cape-town", ["C1"], 2)]
    kigali, cape_town = peers
    assert (kigali.offers_study_visits, kigali.offers_mentoring) == (True, False)
    assert [p.title for p in kigali.practices] == ["Kigali night markets"]
    assert kigali.reason == (
        "Kigali scores 70.0 on C1 Low incidence of violence and crime, against 20.0 for "
        "Durban. Kigali scores 60.0 on C3 Social participation, against 30.0 for Durban. "
        "Similar context: a city of the same size.")
    assert cape_town.offers_mentoring is True


def test_a_city_without_scores_gets_no_recommendations():
    result = recommend(CityFactory())
    assert (result.weak, result.practices, result.peers) == ((), (), ())


def test_recommendations_change_when_the_city_enters_new_figures(durban):
    PublishedPracticeFactory(title="For trust", city="Lima", country="PE",
                    main_characteristic=characteristic("C4"), label="effective")
    assert [p.title for p in recommend(durban).practices] == []
    give_scores(durban, {"C1": 90, "C3": 95})  # now C4 (60) and C5 (80) are the weakest
    assert [w.code for w in recommend(durban).weak] == ["C4", "C5"]
    assert [p.title for p in recommend(durban).practices] == ["For trust"]


def test_the_profile_page_shows_the_recommendations(client, durban):
    PublishedPracticeFactory(title="Far effective", city="Bogotá", country="CO",
                    main_characteristic=characteristic("C3"), label="effective")
    page = client.get("/cities/durban/").content.decode()
    assert ("Weakest characteristics (lowest scores with enough data): <strong>C1 Low "
            "incidence of violence and crime</strong> (20.0), <strong>C3 Social "
            "participation</strong> (30.0).") in page
    assert "Far effective</a>" in page
