"""Property tests: whatever the requests and the order of answers, nobody and no table is
ever booked twice in a slot, and an acceptance is refused only when no slot is free."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecities.cities.errors import AlreadyAsked, MeetingError, NoSlotFree
from safecities.cities.models import MeetingBooking, MeetingRequest, MeetingSlot, MeetingTable
from safecities.cities.services import meetings as services
from tests.factories import EPOCH, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

scenario = st.fixed_dictionaries({
    "people": st.integers(2, 6),
    "slots": st.integers(1, 3),
    "tables": st.integers(1, 2),
    "pairs": st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=12),
    "answers": st.lists(st.tuples(st.sampled_from(["accept", "decline", "cancel"]),
                                  st.integers(0, 11)), max_size=20),
})


def feasible_slots(event, a: int, b: int) -> list[int]:
    """Brute force, independent of the service: slots where both are free and a table is."""
    tables = MeetingTable.objects.filter(event=event).count()
    slots = []
    for slot in MeetingSlot.objects.filter(event=event).order_by("starts_at", "id"):
        meetings = MeetingRequest.objects.filter(slot=slot, status="accepted")
        people = {m.requester_id for m in meetings} | {m.invitee_id for m in meetings}
        if a not in people and b not in people and meetings.count() < tables:
            slots.append(slot.pk)
    return slots


def check_invariants(event) -> None:
    accepted = list(MeetingRequest.objects.filter(event=event, status="accepted"))
    seen_people, seen_tables = set(), set()
    for m in accepted:
        assert m.slot_id is not None and m.table_id is not None
        for person in (m.requester_id, m.invitee_id):
            assert (m.slot_id, person) not in seen_people, "a person booked twice in a slot"
            seen_people.add((m.slot_id, person))
        assert (m.slot_id, m.table_id) not in seen_tables, "a table booked twice in a slot"
        seen_tables.add((m.slot_id, m.table_id))
        bookings = set(MeetingBooking.objects.filter(meeting=m).values_list(
            "slot_id", "registration_id"))
        assert bookings == {(m.slot_id, m.requester_id), (m.slot_id, m.invitee_id)}
    assert MeetingBooking.objects.filter(slot__event=event).count() == 2 * len(accepted)
    assert not MeetingRequest.objects.filter(event=event).exclude(status="accepted").filter(
        slot__isnull=False).exists()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=scenario)
def test_no_double_booking_whatever_the_order_of_answers(case):
    with transaction.atomic():
        event = EventFactory()
        for n in range(case["slots"]):
            MeetingSlot.objects.create(event=event, starts_at=EPOCH + timedelta(hours=n),
                                       ends_at=EPOCH + timedelta(hours=n, minutes=30))
        for n in range(case["tables"]):
            MeetingTable.objects.create(event=event, name=f"T{n}", position=n)
        people = [RegistrationFactory(event=event, notice_pending=False)
                  for _ in range(case["people"])]
        for person in people:
            services.opt_in(registration=person)
        requests = []
        for i, j in case["pairs"]:
            i, j = i % len(people), j % len(people)
            if i == j:
                continue
            with contextlib.suppress(AlreadyAsked):
                requests.append(services.request_meeting(requester=people[i],
                                                         invitee=people[j], message="m"))
        for action, index in case["answers"]:
            if not requests:
                break
            meeting = MeetingRequest.objects.get(pk=requests[index % len(requests)].pk)
            before = feasible_slots(event, meeting.requester_id, meeting.invitee_id)
            try:
                if action == "accept":
                    result = services.accept(meeting=meeting, by=meeting.invitee)
                    # The earliest slot in which both and a table are free.
                    assert result.slot_id == before[0]
                elif action == "decline":
                    services.decline(meeting=meeting, by=meeting.invitee)
                else:
                    services.cancel(meeting=meeting, by=meeting.requester)
            except NoSlotFree:
                assert meeting.status == "pending" and before == []
            except MeetingError:
                assert meeting.status != "pending" or action == "cancel"
            check_invariants(event)
        transaction.set_rollback(True)
