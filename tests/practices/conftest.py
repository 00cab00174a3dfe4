"""Fixtures for the library: published practices in the search index, people with roles."""

from __future__ import annotations

import pytest

from safecities.backoffice.models import Role
from safecities.practices.models import (
    Characteristic,
    InterventionType,
    Practice,
    TargetGroup,
    Theme,
)
from safecities.practices.records import with_record
from safecities.practices.search.index import index_practice
from tests.factories import EventRoleFactory, PracticeFactory, ProfileFactory, UserFactory


@pytest.fixture
def published(db):
    """``published(title=..., characteristics=["C1"], themes=[...], ...)``: a published
    practice with these vocabulary codes, written to the search index."""

    def make(*, characteristics=("C1",), themes=(), intervention_types=(), target_groups=(),
             main=None, **fields) -> Practice:
        practice = PracticeFactory(status=Practice.Status.PUBLISHED, **fields)
        practice.characteristics.set(Characteristic.objects.filter(code__in=characteristics))
        practice.themes.set(Theme.objects.filter(code__in=themes))
        practice.intervention_types.set(InterventionType.objects.filter(
            code__in=intervention_types))
        practice.target_groups.set(TargetGroup.objects.filter(code__in=target_groups))
        if main:
            practice.main_characteristic = Characteristic.objects.get(code=main)
            practice.save()
        index_practice(with_record(Practice.objects.filter(pk=practice.pk)).get())
        return practice

    return make


def _with_role(user, role: str):
    """The role for an exchange: practices without a call (the factories') belong to the
    library as a whole, where a role held for any exchange counts."""
    EventRoleFactory(user=user, role=role)
    return user


@pytest.fixture
def reviewer_from(db):
    """``reviewer_from("Nairobi", "KE")``: an active reviewer living in that city."""

    def make(city: str = "Nairobi", country: str = "KE"):
        profile = ProfileFactory(city=city, country=country)
        return _with_role(profile.user, Role.REVIEWER)

    return make


@pytest.fixture
def organiser(db):
    return _with_role(UserFactory(), Role.ORGANISER)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Factories make many accounts; the real hasher is tested by Django itself.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
