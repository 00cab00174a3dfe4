"""The demonstration practices: twelve or more, every characteristic, marked as demos."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from safecities.practices.models import Practice, PracticeFacet
from safecities.practices.search import SearchQuery, search

pytestmark = pytest.mark.django_db


def test_the_demo_library_spans_the_seven_characteristics_and_every_label(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # twice: nothing is duplicated
    practices = Practice.objects.published()
    assert (practices.count(), practices.filter(is_demo=False).count()) == (13, 0)
    characteristics = set(PracticeFacet.objects.filter(dimension="characteristic")
                          .values_list("value", flat=True))
    assert characteristics == {"C1", "C2", "C3", "C4", "C5", "C6", "C7"}
    assert search(SearchQuery()).facets["label"] == {
        "emerging": 5, "promising": 3, "effective": 2, "harmful": 1, "no_effect": 1,
        "self_reported": 1}
    assert len(set(practices.values_list("country", flat=True))) == 12  # two in South Africa
    page = client.get("/practices/demo-kampala-youth-curfew/").content.decode()
    assert "Demonstration record." in page
    assert "Harmful" in page
