"""Mail workers in their own processes against a slow SMTP server: a worker killed mid-
delivery causes at most one duplicate and loses nothing; two workers at once send every
message exactly once (rows claimed with SKIP LOCKED on PostgreSQL)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from email import message_from_bytes, policy

import pytest
from post_office.models import STATUS, Email

from safecities.registration import services
from tests.conftest import PROJECT_DIR, SmtpServer, database_url_for_tests, free_port
from tests.factories import EventFactory, person

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]

PEOPLE = 40


class SlowSmtpServer(SmtpServer):
    """Takes 0.2 s to accept each message, as a busy relay does."""

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        server = self

        class Handler:
            async def handle_DATA(self, smtp, session, envelope):
                await asyncio.sleep(0.2)
                server.messages.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


@pytest.fixture
def slow_smtp():
    server = SlowSmtpServer(port=free_port())
    server.start()
    yield server
    server.stop()


def start_worker(smtp: SmtpServer, tmp_path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url_for_tests(),
           "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}", "MAIL_WORKER_INTERVAL": "0.2",
           "MAIL_CLAIM_SECONDS": "3", "PRIVACY_PURGE_INTERVAL_HOURS": "0",
           "SAFECITIES_VAR": str(tmp_path), "PYTHONPATH": str(PROJECT_DIR / "src")}
    return subprocess.Popen([sys.executable, "-m", "safecities.cli", "mailworker"], env=env,
                            cwd=PROJECT_DIR, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait_for(predicate, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def everything_sent() -> bool:
    emails = Email.objects.values_list("status", flat=True)
    return len(emails) == PEOPLE and set(emails) == {STATUS.sent}


def deliveries(smtp: SmtpServer) -> Counter:
    return Counter(str(message["To"]) for message in smtp.messages)


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)


def register_everyone() -> None:
    event = EventFactory(capacity=PEOPLE)
    for n in range(1, PEOPLE + 1):
        services.register(event=event, **person(n))


def test_a_worker_killed_mid_delivery_duplicates_at_most_one_and_loses_nothing(
        slow_smtp, tmp_path):
    register_everyone()
    worker = start_worker(slow_smtp, tmp_path)
    try:
        assert wait_for(lambda: len(slow_smtp.messages) >= 15)
        os.kill(worker.pid, signal.SIGKILL)  # in the middle of the 16th, or between two
        worker.wait()
        delivered_before_restart = len(slow_smtp.messages)
        assert delivered_before_restart < PEOPLE
        worker = start_worker(slow_smtp, tmp_path)
        assert wait_for(everything_sent)
    finally:
        stop(worker)
    counts = deliveries(slow_smtp)
    assert set(counts) == {f"participant{n}@example.org" for n in range(1, PEOPLE + 1)}
    assert sum(counts.values()) - PEOPLE <= 1
    assert [address for address, times in counts.items() if times > 1] in (
        [], [address for address, times in counts.items() if times == 2])


def test_two_workers_at_once_send_every_message_exactly_once(slow_smtp, tmp_path):
    register_everyone()
    workers = [start_worker(slow_smtp, tmp_path), start_worker(slow_smtp, tmp_path)]
    try:
        assert wait_for(everything_sent)
    finally:
        for worker in workers:
            stop(worker)
    counts = deliveries(slow_smtp)
    assert len(counts) == PEOPLE
    assert set(counts.values()) == {1}
