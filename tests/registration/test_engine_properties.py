"""Property: no sequence of registrations, cancellations and capacity changes breaks the rule."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecities.registration import services
from safecities.registration.models import Registration
from safecities.registration.queries import waitlist_position
from tests.factories import EventFactory, person

Status = Registration.Status

operations = st.lists(
    st.one_of(
        st.tuples(st.just("register"), st.integers(min_value=1, max_value=12)),
        st.tuples(st.just("cancel"), st.integers(min_value=0, max_value=30)),
        st.tuples(st.just("capacity"), st.integers(min_value=0, max_value=8)),
    ),
    max_size=25,
)


def check(event, confirmed_before: set[int]) -> set[int]:
    rows = list(Registration.objects.filter(event=event).order_by("id"))
    live = [r for r in rows if r.status != Status.CANCELLED]
    confirmed = [r for r in live if r.status == Status.CONFIRMED]
    waiting = [r for r in live if r.status == Status.WAITLISTED]
    # Nobody confirmed is ever demoted (they may only cancel).
    still = {r.pk for r in rows if r.pk in confirmed_before}
    assert all(r.status in {Status.CONFIRMED, Status.CANCELLED} for r in rows if r.pk in still)
    # Nobody is newly confirmed beyond the capacity (a lowered capacity may leave more
    # confirmed than places, but then nobody new joins them).
    newly_confirmed = {r.pk for r in confirmed} - confirmed_before
    if newly_confirmed:
        assert len(confirmed) <= event.capacity
    # No free place while someone waits.
    assert not (waiting and len(confirmed) < event.capacity)
    # Every confirmed arrival is earlier than every waiting one; positions 1..n.
    if confirmed and waiting:
        assert max(r.pk for r in confirmed) < min(r.pk for r in waiting)
    assert [waitlist_position(r) for r in waiting] == list(range(1, len(waiting) + 1))
    # One live registration per email.
    assert len({r.email_normalised for r in live}) == len(live)
    return {r.pk for r in confirmed}


@pytest.mark.django_db
@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations, capacity=st.integers(min_value=0, max_value=5))
def test_no_sequence_of_operations_breaks_the_engine_rule(ops, capacity):
    event = EventFactory(capacity=capacity)
    confirmed: set[int] = set()
    for kind, value in ops:
        if kind == "register":
            services.register(event=event, **person(value))
        elif kind == "cancel":
            rows = list(Registration.objects.filter(event=event).order_by("id"))
            if rows:
                services.cancel(registration=rows[value % len(rows)])
        else:
            services.set_capacity(event=event, capacity=value)
            event.refresh_from_db()
        confirmed = check(event, confirmed)
