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
    # 13 from the library's demo and 7 short records from the cities' demo; all marked demo.
    assert (practices.count(), practices.filter(is_demo=False).count()) == (20, 0)
    characteristics = set(PracticeFacet.objects.filter(dimension="characteristic")
                          .values_list("value", flat=True))
    assert characteristics == {"C1", "C2", "C3", "C4", "C5", "C6", "C7"}
    # Every published practice is in the search index, so the facets count all 20.
    assert search(SearchQuery()).facets["label"] == {
        "emerging": 8, "promising": 6, "effective": 3, "harmful": 1, "no_effect": 1,
        "self_reported": 1}
    assert len(set(practices.values_list("country", flat=True))) == 13
    page = client.get("/practices/demo-kampala-youth-curfew/").content.decode()
    assert "Demonstration record." in page
    assert "Harmful" in page
