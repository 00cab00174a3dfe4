"""Rate-limit counters in the database: shared by every process, never losing a count."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def counters():
    cache = caches["ratelimit"]
    cache.clear()
    return cache


def test_add_starts_a_counter_once_and_incr_counts(counters):
    assert counters.add("a", 1, 60) is True
    assert counters.add("a", 1, 60) is False
    assert [counters.incr("a") for _ in range(3)] == [2, 3, 4]
    assert counters.get("a") == 4


def test_an_expired_counter_starts_again_and_cannot_be_incremented(counters):
    counters.add("a", 5, 60)
    counters.touch("a", 0.001)
    time.sleep(0.01)
    assert counters.get("a", "gone") == "gone"
    with pytest.raises(ValueError):
        counters.incr("a")
    assert counters.add("a", 1, 60) is True
    assert counters.get("a") == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_from_many_connections_lose_no_count(counters):
    counters.add("burst", 0, 60)

    def count(_n):
        try:
            return counters.incr("burst")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        seen = list(pool.map(count, range(200)))
    assert sorted(seen) == list(range(1, 201))
    assert counters.get("burst") == 200


def test_over_limit_counts_any_key_in_the_shared_counters(rf, counters):
    from safecities.ratelimit.limits import over_limit

    request = rf.post("/")
    seen = [over_limit(request, group="sign-in", key="account:amina", rate="3/h")
            for _ in range(4)]
    assert seen == [False, False, False, True]
    assert over_limit(request, group="sign-in", key="account:ben", rate="3/h") is False
    assert over_limit(request, group="sign-in", key="account:amina", rate="off") is False


def test_purge_expired_erases_counters_past_their_window(counters):
    from django.utils import timezone

    from safecities.privacy import retention

    counters.add("old", 1, 60)
    counters.touch("old", 0.001)
    counters.add("live", 1, 60)
    time.sleep(0.01)
    [due] = [d for d in retention.due(timezone.now()) if "rate-limit" in d.description]
    assert (due.description, due.count) == ("rate-limit counters past their window", 1)
    assert due.erase() == 1
    assert counters.get("live") == 1
