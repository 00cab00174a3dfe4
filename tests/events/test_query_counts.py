"""List pages and API lists: the number of queries does not grow with the rows."""

from __future__ import annotations

import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("events", [1, 6])
def test_home_page_queries_do_not_grow_with_events(client, django_assert_num_queries, events):
    EventFactory.create_batch(events)
    with django_assert_num_queries(2):  # upcoming, past (with their venues)
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("events", [1, 6])
def test_event_list_api_queries_do_not_grow_with_events(client, django_assert_num_queries,
                                                       events):
    EventFactory.create_batch(events)
    with django_assert_num_queries(1):
        assert len(client.get("/api/events/").json()["results"]) == events


def test_event_page_takes_two_queries_then_none_while_cached(client, django_assert_num_queries,
                                                             settings):
    settings.EVENT_PAGE_CACHE_SECONDS = 3
    event = EventFactory()
    with django_assert_num_queries(2):  # the event with its venue, the counts
        client.get(f"/events/{event.slug}/")
    with django_assert_num_queries(0):
        client.get(f"/events/{event.slug}/")
