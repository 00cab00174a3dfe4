"""Simultaneous acceptances: under the event's lock nobody and no table is booked twice,
and every refusal is justified. The control shows the race is real without the lock."""

from __future__ import annotations

import http.client
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import IntegrityError, OperationalError, connection, connections

from safecities.cities.errors import AlreadyAsked, NoSlotFree
from safecities.cities.models import MeetingRequest, MeetingSlot, MeetingTable
from safecities.cities.services import meetings as services
from tests.cities.test_meeting_properties import check_invariants, feasible_slots
from tests.factories import EPOCH, EventFactory, RegistrationFactory
from tests.locking import no_event_lock, sqlite_deferred_transactions

pytestmark = pytest.mark.live


def crowded_event(slug: str, people: int = 12, slots: int = 2, tables: int = 2):
    """Everybody asks the next two people: more requests than places."""
    event = EventFactory(slug=slug)
    for n in range(slots):
        MeetingSlot.objects.create(event=event, starts_at=EPOCH + timedelta(hours=n),
                                   ends_at=EPOCH + timedelta(hours=n, minutes=30))
    for n in range(tables):
        MeetingTable.objects.create(event=event, name=f"Table {n + 1}", position=n)
    registrations = [RegistrationFactory(event=event, notice_pending=False)
                     for _ in range(people)]
    for registration in registrations:
        services.opt_in(registration=registration)
    meetings = []
    for i, requester in enumerate(registrations):
        for step in (1, 2):
            invitee = registrations[(i + step) % people]
            with suppress(AlreadyAsked):
                meetings.append(services.request_meeting(requester=requester, invitee=invitee,
                                                         message="Shall we meet?"))
    return event, meetings


def accept_in_threads(meetings) -> list[str]:
    barrier = threading.Barrier(len(meetings))

    def run(meeting):
        barrier.wait(timeout=30)
        try:
            services.accept(meeting=meeting, by=meeting.invitee)
            return "accepted"
        except NoSlotFree:
            return "no_slot"
        except Exception as error:  # the control records what breaks
            return type(error).__name__
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(meetings)) as pool:
        return list(pool.map(run, meetings))


def check_refusals_justified(event, meetings, outcomes) -> None:
    for meeting, outcome in zip(meetings, outcomes, strict=True):
        if outcome == "no_slot":
            assert feasible_slots(event, meeting.requester_id, meeting.invitee_id) == []


@pytest.mark.django_db(transaction=True)
def test_simultaneous_acceptances_in_process_never_double_book():
    event, meetings = crowded_event("locked")
    outcomes = accept_in_threads(meetings)
    assert set(outcomes) <= {"accepted", "no_slot"}
    # 2 slots × 2 tables: at most 4 meetings, and the greedy order fills them all.
    assert outcomes.count("accepted") == 4
    check_invariants(event)
    check_refusals_justified(event, meetings, outcomes)


@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_simultaneous_acceptances_collide():
    """If this stops failing the service's way, the test above proves nothing."""
    broken = False
    for attempt in range(5):
        _event, meetings = crowded_event(f"control-{attempt}")
        with no_event_lock(services):
            if connection.vendor == "sqlite":
                with sqlite_deferred_transactions():
                    outcomes = accept_in_threads(meetings)
            else:
                outcomes = accept_in_threads(meetings)
        failures = {o for o in outcomes if o not in {"accepted", "no_slot"}}
        print(f"control attempt {attempt}: {sorted(set(outcomes))}")
        # The database's unique constraints stop a double booking, so without the lock
        # the race shows as acceptances that crash instead of finding the next slot.
        if failures & {IntegrityError.__name__, OperationalError.__name__}:
            broken = True
            break
    assert broken, "without the lock, simultaneous acceptances should collide"


# --- Through the real server -----------------------------------------------------------------


def accept_over_http(base_url: str, meeting: MeetingRequest, barrier) -> int:
    """A participant's browser: load the meetings page (cookie and CSRF token), then post."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        page = f"/registrations/{meeting.invitee.token}/meetings/"
        conn.request("GET", page)
        response = conn.getresponse()
        html = response.read().decode()
        cookie = response.getheader("Set-Cookie").split(";")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        barrier.wait(timeout=30)
        conn.request("POST", f"{page}{meeting.pk}/accept/",
                     body=f"csrfmiddlewaretoken={token}",
                     headers={"Cookie": cookie, "Referer": base_url + page,
                              "Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_simultaneous_acceptances_through_the_server_never_double_book(app_server):
    event, meetings = crowded_event("live", people=16, slots=3, tables=2)
    server = app_server(workers=3)
    barrier = threading.Barrier(len(meetings))
    with ThreadPoolExecutor(max_workers=len(meetings)) as pool:
        statuses = list(pool.map(lambda m: accept_over_http(server.url, m, barrier), meetings))
    assert set(statuses) <= {302, 409}
    assert statuses.count(302) == MeetingRequest.objects.filter(status="accepted").count() == 6
    check_invariants(event)
    outcomes = ["accepted" if s == 302 else "no_slot" for s in statuses]
    check_refusals_justified(event, meetings, outcomes)
