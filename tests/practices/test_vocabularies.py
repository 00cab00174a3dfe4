import pytest

from safecities.practices.models import (
    Characteristic,
    InterventionType,
    Setting,
    TargetGroup,
    Theme,
)

pytestmark = pytest.mark.django_db


def test_the_seven_characteristics_are_seeded_in_order():
    assert list(Characteristic.objects.values_list("code", "label")) == [
        ("C1", "Low incidence of violence and crime"),
        ("C2", "Institutional capacity for prevention"),
        ("C3", "Social participation"),
        ("C4", "Reciprocity and trust"),
        ("C5", "Open and accountable urban governance"),
        ("C6", "Economic equality and access to livelihoods"),
        ("C7", "Social inclusion"),
    ]


def test_the_other_vocabularies_are_seeded():
    assert (Theme.objects.count(), InterventionType.objects.count(), TargetGroup.objects.count(),
            Setting.objects.count()) == (14, 9, 13, 9)
