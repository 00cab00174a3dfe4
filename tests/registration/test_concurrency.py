"""Capacity holds and arrival order is honoured under real concurrent requests.

These tests start the real server (gunicorn, several worker processes) on the test
database and fire many simultaneous registrations from separate client connections.
The control tests show that the race is real: without the event lock the same load
overbooks (PostgreSQL) or loses registrations (SQLite without IMMEDIATE transactions).
"""

from __future__ import annotations

import http.client
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from django.db import connection, connections

from safecities.registration import services
from safecities.registration.models import Registration
from safecities.registration.queries import waitlist_position
from tests.factories import EventFactory, person
from tests.locking import no_event_lock, sqlite_deferred_transactions

pytestmark = pytest.mark.live
Status = Registration.Status


def request(base_url: str, method: str, path: str, body: dict | None = None):
    """One request on its own connection: a separate client."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        payload = json.dumps(body) if body is not None else None
        conn.request(method, path, body=payload, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        conn.close()


def fire(base_url: str, jobs: list[tuple[str, str, dict | None]], clients: int):
    barrier = threading.Barrier(min(clients, len(jobs)))

    def run(job):
        if job[2] is not None and int(job[2].get("name", "0").split()[-1]) <= clients:
            barrier.wait(timeout=30)  # the first wave leaves together
        return request(base_url, *job)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return list(pool.map(run, jobs))


def check_line(event, capacity: int) -> list[Registration]:
    """The engine's invariant, read from the database."""
    rows = list(Registration.objects.filter(event=event).order_by("id"))
    confirmed = [r for r in rows if r.status == Status.CONFIRMED]
    waiting = [r for r in rows if r.status == Status.WAITLISTED]
    assert len(confirmed) == capacity
    assert [waitlist_position(r) for r in waiting] == list(range(1, len(waiting) + 1))
    assert max(r.id for r in confirmed) < min(r.id for r in waiting)
    # The order of arrival (commit order) is the id order: timestamps agree with it.
    assert [r.registered_at for r in rows] == sorted(r.registered_at for r in rows)
    return rows


def test_concurrent_registrations_fill_exactly_capacity_in_arrival_order(app_server):
    capacity, total, clients = 20, 300, 60
    event = EventFactory(capacity=capacity, slug="rush")
    server = app_server(workers=2)

    jobs = [("POST", "/api/events/rush/registrations/", person(n)) for n in range(1, total + 1)]
    answers = fire(server.url, jobs, clients)

    assert sorted({status for status, _ in answers}) == [201]
    rows = check_line(event, capacity)
    assert len(rows) == total  # every acknowledged registration is there
    assert {body["reference"] for _, body in answers} == {r.reference for r in rows}
    statuses = [body["status"] for _, body in answers]
    assert statuses.count("confirmed") == capacity
    assert statuses.count("waitlisted") == total - capacity

    # Now cancel half of the confirmed at once: exactly as many are promoted, in order.
    confirmed = [r for r in rows if r.status == Status.CONFIRMED]
    first_waiting = [r.pk for r in rows if r.status == Status.WAITLISTED][:10]
    cancels = [("POST", f"/api/registrations/{r.token}/cancel/", None) for r in confirmed[:10]]
    answers = fire(server.url, cancels, clients=10)
    assert [status for status, _ in answers] == [200] * 10
    rows = check_line(event, capacity)
    promoted = [r.pk for r in rows if r.status == Status.CONFIRMED][-10:]
    assert promoted == first_waiting
    assert Registration.objects.filter(event=event, status=Status.CANCELLED).count() == 10


def test_concurrent_duplicates_take_one_place(app_server):
    event = EventFactory(capacity=5, slug="twice")
    server = app_server(workers=2)
    jobs = [("POST", "/api/events/twice/registrations/", person(1)) for _ in range(30)]
    answers = fire(server.url, jobs, clients=30)
    assert sorted(status for status, _ in answers) == [200] * 29 + [201]
    assert Registration.objects.filter(event=event).count() == 1


def test_an_acknowledged_registration_survives_the_server_being_killed(app_server):
    event = EventFactory(capacity=5, slug="crash")
    server = app_server(workers=1)
    status, body = request(server.url, "POST", "/api/events/crash/registrations/", person(1))
    assert status == 201
    server.kill()  # SIGKILL right after the answer: no clean shutdown
    restarted = app_server(workers=1)
    token = body["manage_url"].split("/")[2]
    status, again = request(restarted.url, "GET", f"/api/registrations/{token}/")
    assert (status, again["reference"], again["status"]) == (200, body["reference"], "confirmed")
    assert Registration.objects.filter(event=event).count() == 1


# --- Control: the race exists without the lock ------------------------------------------------


def register_in_threads(event, count: int) -> list[str]:
    barrier = threading.Barrier(count)

    def run(n):
        barrier.wait(timeout=30)
        try:
            services.register(event=event, **person(n))
            return "ok"
        except Exception as error:  # the control records what breaks
            return type(error).__name__
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(1, count + 1)))


@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_the_same_load_overbooks_or_fails():
    """If this ever stops failing the engine's way, the race tests above prove nothing."""
    broken = False
    for attempt in range(5):
        event = EventFactory(capacity=3, slug=f"control-{attempt}")
        with no_event_lock(services):
            if connection.vendor == "sqlite":
                with sqlite_deferred_transactions():
                    outcomes = register_in_threads(event, 24)
            else:
                outcomes = register_in_threads(event, 24)
        confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
        lost = len(outcomes) - outcomes.count("ok")
        print(f"control attempt {attempt}: confirmed={confirmed} failed={lost} {set(outcomes)}")
        if confirmed > 3 or lost > 0:
            broken = True
            break
    assert broken, "without the lock, 24 simultaneous registrations should break the rules"


@pytest.mark.django_db(transaction=True)
def test_with_the_lock_the_same_in_process_load_holds():
    event = EventFactory(capacity=3, slug="locked")
    outcomes = register_in_threads(event, 24)
    assert outcomes == ["ok"] * 24
    check_line(event, 3)
