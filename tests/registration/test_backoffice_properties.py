"""Property: the back-office's rules (bulk cancel, confirm from the line, editing the
email, reconfirmation answers) keep the engine's rule, mixed with the public ones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecities.registration import reconfirmation, services
from safecities.registration.errors import RegistrationError
from safecities.registration.models import Reconfirmation, Registration
from tests.factories import EventFactory, person
from tests.registration.test_engine_properties import check

operations = st.lists(
    st.one_of(
        st.tuples(st.just("register"), st.integers(min_value=1, max_value=12)),
        st.tuples(st.just("cancel_many"), st.integers(min_value=0, max_value=2**12)),
        st.tuples(st.just("confirm"), st.integers(min_value=0, max_value=30)),
        st.tuples(st.just("email"), st.integers(min_value=0, max_value=30)),
        st.tuples(st.just("capacity"), st.integers(min_value=0, max_value=8)),
        st.tuples(st.just("ask"), st.just(0)),
        st.tuples(st.just("answer_no"), st.integers(min_value=0, max_value=30)),
    ),
    max_size=25,
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations, capacity=st.integers(min_value=0, max_value=5))
def test_no_sequence_of_backoffice_actions_breaks_the_engine_rule(ops, capacity):
    event = EventFactory(capacity=capacity)
    confirmed: set[int] = set()
    for kind, value in ops:
        rows = list(Registration.objects.filter(event=event).order_by("id"))
        try:
            if kind == "register":
                services.register(event=event, **person(value))
            elif kind == "cancel_many":
                chosen = [r for i, r in enumerate(rows) if value >> i & 1]
                services.cancel_many(registrations=chosen)
            elif kind == "confirm" and rows:
                services.confirm_from_waiting_list(registration=rows[value % len(rows)])
            elif kind == "email" and rows:
                target = rows[value % len(rows)]
                services.update_details(
                    registration=target, name=target.name,
                    email=f"PARTICIPANT{value % 12 + 1}@example.org",
                    organisation=target.organisation, position=target.position,
                    city=target.city, country=target.country)
            elif kind == "capacity":
                services.set_capacity(event=event, capacity=value)
            elif kind == "ask" and any(r.status == "confirmed" for r in rows):
                reconfirmation.ask(event=event, deadline=timezone.now() + timedelta(days=1),
                                   asked_by=None)
            elif kind == "answer_no":
                open_ones = list(Reconfirmation.objects.filter(
                    request__event=event, answer="").order_by("id"))
                if open_ones:
                    reconfirmation.reply(reconfirmation=open_ones[value % len(open_ones)],
                                         answer="no")
        except RegistrationError:
            pass  # a refusal is an answer too; the rule must still hold
        event.refresh_from_db()
        confirmed = check(event, confirmed)
