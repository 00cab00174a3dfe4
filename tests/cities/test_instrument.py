"""The instrument as data: seeded, versioned, edited by organisers in the admin."""

from __future__ import annotations

import pytest

from safecities.cities.errors import InstrumentError
from safecities.cities.models import CurrentScore, IndicatorDefinition, InstrumentVersion
from safecities.cities.queries import assessment_of, current_instrument
from safecities.cities.services import instrument as services
from safecities.cities.services.assessment import ValueEntry, save_values
from tests.factories import CityFactory, UserFactory
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


def test_version_one_is_seeded_published_with_twenty_eight_indicators():
    instrument = current_instrument()
    assert instrument.number == 1
    assert instrument.version.is_published
    assert len(instrument.definitions) == 28
    homicide = instrument.definition("c1-homicide")
    assert (homicide.name, homicide.unit, homicide.direction, homicide.lower, homicide.upper,
            homicide.log_scale, homicide.sdg_code, homicide.kind) == (
        "Intentional homicide", "per 100,000 residents", "lower", 0.5, 60.0, True, "16.1.1",
        "number")
    assert homicide.goalpost_reasoning.startswith("0.5 is about the lowest rate")
    strategy = instrument.definition("c2-strategy")
    assert strategy.rubric_levels == ["None", "Draft", "Adopted by the council",
                                      "Adopted and budgeted", "Budgeted and evaluated"]


def test_the_definitions_are_grouped_by_the_seven_characteristics_in_order():
    grouped = current_instrument().grouped()
    assert [(c.code, len(d)) for c, d in grouped] == [
        ("C1", 5), ("C2", 4), ("C3", 3), ("C4", 3), ("C5", 4), ("C6", 5), ("C7", 4)]


def scored_city():
    city = CityFactory()
    save_values(city=city, entries=[
        ValueEntry("c1-homicide", 2022, 30, "Police"),
        ValueEntry("c1-safe-after-dark", 2022, 40, "Survey"),
    ])
    return city


def test_a_draft_copies_the_version_and_scores_nothing_until_published():
    city = scored_city()
    draft = services.start_draft(from_version=current_instrument().version)
    assert (draft.number, draft.is_published, draft.definitions.count()) == (2, False, 28)
    draft.definitions.filter(indicator__code="c1-homicide").update(upper=40)
    assert current_instrument().number == 1
    # homicide 30 on 0.5–60 (log): 18.3; safe after dark 40%: 40 → mean 29.1
    assert assessment_of(city).characteristics["C1"].score == 29.1
    assert InstrumentVersion.objects.get(number=1).definitions.get(
        indicator__code="c1-homicide").upper == 60


def test_publishing_a_draft_rescores_every_city_and_says_which_version_scored():
    city = scored_city()
    draft = services.start_draft(from_version=current_instrument().version)
    draft.definitions.filter(indicator__code="c1-homicide").update(upper=30)
    services.publish(version=draft)
    assessment = assessment_of(city)
    # homicide 30 is now at the upper goalpost: 0; mean with 40 → 20
    assert (assessment.version, assessment.characteristics["C1"].score) == (2, 20)
    stored = CurrentScore.objects.get(city=city, characteristic="C1")
    assert (stored.score, stored.version, stored.year) == (20, 2, 2022)


def test_a_published_version_cannot_be_published_again():
    with pytest.raises(InstrumentError):
        services.publish(version=current_instrument().version)


def test_a_draft_with_a_broken_rubric_is_not_published():
    draft = services.start_draft(from_version=current_instrument().version)
    draft.definitions.filter(indicator__code="c2-strategy").update(rubric_levels=["only one"])
    with pytest.raises(InstrumentError, match="c2-strategy: a rubric needs five level"):
        services.publish(version=draft)
    assert current_instrument().number == 1


def test_the_admin_shows_a_published_version_read_only_and_a_draft_editable(client):
    organiser = UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, organiser)
    published = current_instrument().version
    page = client.get(f"/admin/cities/instrumentversion/{published.pk}/change/")
    assert page.status_code == 200
    assert b'name="definitions-0-lower"' not in page.content
    draft = services.start_draft(from_version=published)
    page = client.get(f"/admin/cities/instrumentversion/{draft.pk}/change/")
    assert b'name="definitions-0-lower"' in page.content


def test_organisers_start_and_publish_a_draft_from_the_admin(client):
    sign_in(client, UserFactory(is_staff=True, is_superuser=True))
    published = current_instrument().version
    client.post("/admin/cities/instrumentversion/", {
        "action": "start_draft", "_selected_action": [published.pk]})
    draft = InstrumentVersion.objects.get(number=2)
    definition = draft.definitions.get(indicator__code="c6-gini")
    assert (definition.lower, definition.upper) == (0.25, 0.65)
    IndicatorDefinition.objects.filter(pk=definition.pk).update(upper=0.7)
    client.post("/admin/cities/instrumentversion/", {
        "action": "publish", "_selected_action": [draft.pk]})
    assert current_instrument().number == 2
    assert current_instrument().definition("c6-gini").upper == 0.7
