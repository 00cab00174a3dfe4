"""Two machines' worth of the site on one: two application servers (separate gunicorn
processes on separate ports) and two mail workers, sharing PostgreSQL and Redis. A rush of
registrations goes through both servers at once; in the middle one server and one worker
are killed (SIGKILL). Then: capacity exact, arrival order kept, every 201 has its row,
every registered person emailed, at most one duplicate for the killed worker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.db import connection
from post_office.models import STATUS, Email

from safecities.registration.models import Registration
from tests.conftest import PROJECT_DIR, database_url_for_tests
from tests.factories import EventFactory, person
from tests.registration.test_concurrency import check_line, request

pytestmark = pytest.mark.live

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
CAPACITY, PEOPLE, CLIENTS = 50, 240, 40


def redis_or_skip() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis at {REDIS_URL} is unreachable")


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "safecities.cli", "mailworker"], env=env,
                            cwd=PROJECT_DIR, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def wait_for(predicate, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def everyone_emailed(people: int) -> bool:
    told = not Registration.objects.filter(notice_pending=True).exists()
    statuses = list(Email.objects.values_list("status", flat=True))
    return told and len(statuses) == people and set(statuses) == {STATUS.sent}


@pytest.mark.django_db(transaction=True)
def test_two_servers_and_two_workers_survive_losing_one_of_each_mid_rush(
        app_server, smtp_server, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("several machines share PostgreSQL")
    redis_or_skip()
    event = EventFactory(capacity=CAPACITY, slug="rush")
    env = {"CACHE_URL": REDIS_URL, "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
           "MAIL_WORKER_INTERVAL": "0.2", "MAIL_CLAIM_SECONDS": "3",
           "PRIVACY_PURGE_INTERVAL_HOURS": "0", "SAFECITIES_VAR": str(tmp_path)}
    first = app_server(workers=2, env=env)
    second = app_server(workers=2, env=env)
    worker_env = {**os.environ, **env, "DATABASE_URL": database_url_for_tests(),
                  "PYTHONPATH": str(PROJECT_DIR / "src")}
    workers = [start_worker(worker_env), start_worker(worker_env)]

    def send(n: int):
        server = first if n % 2 else second  # both servers at once
        try:
            return n, *request(server.url, "POST", "/api/events/rush/registrations/",
                               person(n))
        except OSError:  # the killed server: no answer
            return n, None, None

    killed = threading.Event()

    def kill_half_way():
        try:
            wait_for(lambda: Registration.objects.filter(event=event).count() >= PEOPLE // 2)
        finally:
            connection.close()  # this thread's own connection
        second.kill()
        os.killpg(workers[0].pid, signal.SIGKILL)
        killed.set()

    killer = threading.Thread(target=kill_half_way)
    killer.start()
    try:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            answers = list(pool.map(send, range(1, PEOPLE + 1)))
        took = time.monotonic() - started
        killer.join(timeout=120)
        assert killed.is_set()
        rows = check_line(event, CAPACITY)  # capacity exact, arrival order kept
        accepted = {body["reference"] for _n, status, body in answers if status == 201}
        assert accepted <= {row.reference for row in rows}  # every 201 has its row
        assert len(accepted) >= PEOPLE // 2
        assert {status for _n, status, _body in answers} == {201, None}  # killed mid-rush
        print(f"\n{PEOPLE} registrations through two servers, one killed half-way: "
              f"{len(accepted)} answered 201 in {took:.1f} s, {len(rows)} stored")
        assert wait_for(lambda: everyone_emailed(len(rows)))
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                worker.wait(timeout=30)
    deliveries = Counter(str(message["To"]) for message in smtp_server.messages)
    assert set(deliveries) == {row.email for row in rows}  # every person emailed
    assert sum(deliveries.values()) - len(rows) <= 1  # one killed worker: one duplicate
