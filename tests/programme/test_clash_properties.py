"""Property: no sequence of accepted edits ever yields a room clash, a person in two
places, or a session outside the programme's days.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecities.programme.errors import SessionRefused
from safecities.programme.models import Session
from safecities.programme.services import timetable
from safecities.programme.services.timetable import may_share_room
from tests.factories import EventFactory, RoomFactory, SpeakerFactory, at

TYPES = list(Session.Type.values)

session_fields = st.fixed_dictionaries({
    "day": st.integers(min_value=0, max_value=4),  # days 1-3 are the event's; 0 and 4 are not
    "hour": st.integers(min_value=8, max_value=17),
    "quarters": st.integers(min_value=1, max_value=8),
    "room": st.integers(min_value=-1, max_value=2),  # -1: no room (e.g. a site visit)
    "type": st.sampled_from(TYPES),
    "shares_room": st.booleans(),
    "chair": st.integers(min_value=-1, max_value=3),
    "speakers": st.lists(st.integers(min_value=0, max_value=3), max_size=3),
})

edits = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.integers(0, 0), session_fields),
        st.tuples(st.just("change"), st.integers(0, 20), session_fields),
    ),
    min_size=1, max_size=20,
)


def check_invariants(event) -> None:
    sessions = list(Session.objects.filter(event=event).prefetch_related("speaker_links"))
    days = {event.starts_on + timedelta(days=i) for i in range(3)}
    for session in sessions:
        start = session.starts_at.astimezone(event.tz)
        assert start.date() in days
        assert session.ends_at > session.starts_at
    for a, b in combinations(sessions, 2):
        if not a.overlaps(b):
            continue
        if a.room_id and a.room_id == b.room_id:
            assert may_share_room(a, b), (a, b)
        people_a = {link.speaker_id for link in a.speaker_links.all()} | {a.chair_id} - {None}
        people_b = {link.speaker_id for link in b.speaker_links.all()} | {b.chair_id} - {None}
        assert not (people_a & people_b), (a, b)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=edits)
def test_no_sequence_of_accepted_edits_yields_a_clash(ops):
    event = EventFactory(starts_on=date(2014, 12, 3), ends_on=date(2014, 12, 5))
    rooms = [RoomFactory(event=event) for _ in range(3)]
    people = [SpeakerFactory(event=event) for _ in range(4)]
    accepted = refused = 0
    for kind, index, fields in ops:
        existing = list(Session.objects.filter(event=event).order_by("id"))
        if kind == "change" and existing:
            session = existing[index % len(existing)]
        else:
            session = Session(event=event, title=f"Session {len(existing) + 1}")
        start = at(event, fields["day"], fields["hour"])
        session.starts_at = start
        session.ends_at = start + timedelta(minutes=15 * fields["quarters"])
        session.room = rooms[fields["room"]] if fields["room"] >= 0 else None
        session.type = fields["type"]
        session.shares_room = fields["shares_room"]
        session.chair = people[fields["chair"]] if fields["chair"] >= 0 else None
        try:
            timetable.save_session(session=session,
                                   speakers=[people[i] for i in fields["speakers"]])
            accepted += 1
        except SessionRefused as error:
            assert error.clashes
            refused += 1
        check_invariants(event)
    assert accepted + refused == len(ops)
