"""The demo: cities across Africa and beyond, honest about invented figures, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from safecities.cities.models import (
    City,
    CurrentScore,
    IndicatorValue,
    LearningRequest,
    MeetingRequest,
)
from safecities.cities.queries import assessment_of
from safecities.cities.recommendations import recommend

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (City.objects.count(), IndicatorValue.objects.count(),
            LearningRequest.objects.count(), MeetingRequest.objects.count(),
            CurrentScore.objects.count())


def test_the_demo_loads_twice_without_duplicates():
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first[0] == 11
    assert first[2:4] == (4, 4)


def test_every_demo_figure_is_marked_invented_and_real_populations_name_their_source():
    call_command("load_demo")
    assert not IndicatorValue.objects.filter(is_demo=False).exists()
    assert set(IndicatorValue.objects.values_list("source", flat=True)) == {
        "Invented for the demonstration"}
    durban = City.objects.get(slug="durban")
    assert (durban.population, durban.population_year, durban.population_is_demo,
            durban.population_source) == (
        3_442_361, 2011, False,
        "Statistics South Africa, Census 2011 (eThekwini Metropolitan Municipality)")
    assert City.objects.get(slug="kigali").population_is_demo is True


def test_the_demo_pages_say_which_figures_are_invented(client):
    call_command("load_demo")
    page = client.get("/cities/kigali/").content.decode()
    assert "1,100,000 (2012, Invented for the demonstration) <strong class=\"demo-mark\">" \
           "invented demo figure</strong>" in page
    assert page.count('<strong class="demo-mark">invented demo figure</strong>') == 17


def test_durban_is_recommended_practices_and_peers_for_its_weakest_characteristics():
    call_command("load_demo")
    durban = City.objects.get(slug="durban")
    result = recommend(durban)
    assert [w.code for w in result.weak] == ["C1", "C6"]
    # Effective first (the library's Cape Town record: same country and size band), then
    # promising.
    assert [p.slug for p in result.practices][:3] == [
        "demo-cape-town-walkway-upgrading", "demo-glasgow-violence-reduction-partnership",
        "demo-kigali-neighbourhood-safety-forums"]
    assert "demo-durban-market-safety" not in [p.slug for p in result.practices]
    # Clearly stronger on both; then the most similar context (Nairobi: same size band and
    # two shared priority themes); then by how much stronger.
    assert [p.slug for p in result.peers] == [
        "nairobi", "addis-ababa", "abidjan", "lusaka", "kigali"]
    assert assessment_of(durban).year == 2023


def test_the_demo_meetings_are_booked_without_clashes():
    call_command("load_demo")
    assert sorted(MeetingRequest.objects.values_list("status", flat=True)) == [
        "accepted", "accepted", "declined", "pending"]
    slots = list(MeetingRequest.objects.filter(status="accepted").values_list(
        "slot__label", "table__name").order_by("slot__starts_at"))
    assert slots == [("Tea break, day 1", "Table 1"), ("Afternoon break, day 1", "Table 1")]
