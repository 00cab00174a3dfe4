"""`make run` serves with `python -m safecities.serving`: web server and mail worker together."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import PROJECT_DIR, database_url_for_tests, free_port
from tests.factories import EventFactory, person

pytestmark = pytest.mark.live


def wait_for(predicate, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def answers(url: str) -> bool:
    try:
        return urllib.request.urlopen(url, timeout=2).status == 200
    except OSError:
        return False


@pytest.mark.django_db(transaction=True)
def test_serving_answers_delivers_mail_over_smtp_and_stops_on_ctrl_c(smtp_server, tmp_path):
    EventFactory(slug="served", capacity=5)
    port = free_port()
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": "2",
           "DATABASE_URL": database_url_for_tests(),
           "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
           "MAIL_WORKER_INTERVAL": "0.2", "ACCESS_LOG": "/dev/null",
           "SAFECITIES_VAR": str(tmp_path)}  # no SITE_URL: derived from PORT
    env.pop("SITE_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "safecities.serving"], env=env,
                               cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert wait_for(lambda: answers(f"http://127.0.0.1:{port}/api/events/"))
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/events/served/registrations/",
            data=json.dumps(person(1)).encode(), headers={"Content-Type": "application/json"})
        assert urllib.request.urlopen(request, timeout=10).status == 201
        assert wait_for(lambda: len(smtp_server.messages) == 1)
        assert smtp_server.messages[0]["Subject"].startswith("Your place is confirmed")
        text = smtp_server.messages[0].get_body(("plain",)).get_content()
        assert f"http://localhost:{port}/registrations/" in text
        assert "localhost:8000" not in text
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert f"SafeCities Exchange is at http://localhost:{port}/" in out
    assert not answers(f"http://127.0.0.1:{port}/api/events/")


def started_pids(log_file, name: str) -> list[int]:
    """The pids the supervisor reported starting ``name`` with, in order."""
    prefix = f"[safecities.serving] {name} started (pid "
    return [int(line[len(prefix):].split(")")[0])
            for line in log_file.read_text().splitlines() if line.startswith(prefix)]


def register(port: int, slug: str, n: int) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/events/{slug}/registrations/",
        data=json.dumps(person(n)).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201
        return json.loads(response.read())


@pytest.mark.django_db(transaction=True)
def test_either_process_dying_is_restarted_and_never_stops_the_other(smtp_server, tmp_path):
    """kill -9 of the mail worker: the site keeps answering and the worker is back; kill -9
    of gunicorn: the worker keeps going and the site is back. Private links never reach
    the access log."""
    EventFactory(slug="served", capacity=5)
    port = free_port()
    log_file, access_log = tmp_path / "serving.log", tmp_path / "access.log"
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": "2",
           "DATABASE_URL": database_url_for_tests(),
           "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
           "MAIL_WORKER_INTERVAL": "0.2", "ACCESS_LOG": str(access_log),
           "SAFECITIES_VAR": str(tmp_path), "SITE_URL": f"http://localhost:{port}"}
    with log_file.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "safecities.serving"], env=env,
                                   cwd=PROJECT_DIR, stdout=log, stderr=log)
    health = f"http://127.0.0.1:{port}/healthz"
    try:
        assert wait_for(lambda: answers(health))
        [worker] = started_pids(log_file, "mail worker")
        [web] = started_pids(log_file, "web server")

        os.kill(worker, signal.SIGKILL)
        assert wait_for(lambda: len(started_pids(log_file, "mail worker")) == 2, seconds=15)
        assert answers(health)
        assert process.poll() is None
        assert f"mail worker (pid {worker}) stopped with signal SIGKILL" in log_file.read_text()
        first = register(port, "served", 1)
        assert wait_for(lambda: len(smtp_server.messages) == 1)

        os.kill(web, signal.SIGKILL)
        assert wait_for(lambda: len(started_pids(log_file, "web server")) == 2, seconds=15)
        assert wait_for(lambda: answers(health))
        assert started_pids(log_file, "mail worker")[-1] != worker
        assert len(started_pids(log_file, "mail worker")) == 2  # untouched by the web's death
        register(port, "served", 2)
        assert wait_for(lambda: len(smtp_server.messages) == 2)

        token = first["manage_url"].rstrip("/").rsplit("/", 1)[-1]
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/api/registrations/{token}/",
                                      timeout=5).status == 200
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    assert process.returncode == 0
    logged = access_log.read_text()
    assert "GET /api/registrations/[token]/ HTTP/1.1" in logged
    assert token not in logged


@pytest.mark.django_db(transaction=True)
def test_site_and_worker_recover_when_the_database_ends_their_connections(
        smtp_server, tmp_path):
    """pg_terminate_backend on every connection of the site: the next requests are
    answered and the worker (the same process) goes on delivering."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("terminating backends is a PostgreSQL fault")
    EventFactory(slug="served", capacity=5)
    port = free_port()
    log_file = tmp_path / "serving.log"
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": "2",
           "DATABASE_URL": database_url_for_tests(),
           "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
           "MAIL_WORKER_INTERVAL": "0.2", "ACCESS_LOG": "/dev/null",
           "SAFECITIES_VAR": str(tmp_path), "SITE_URL": f"http://localhost:{port}"}
    with log_file.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "safecities.serving"], env=env,
                                   cwd=PROJECT_DIR, stdout=log, stderr=log)
    health = f"http://127.0.0.1:{port}/healthz"
    try:
        assert wait_for(lambda: answers(health))
        register(port, "served", 1)
        assert wait_for(lambda: len(smtp_server.messages) == 1)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            [(terminated,)] = cursor.fetchall()
        assert terminated >= 2  # at least one web worker and the mail worker
        time.sleep(1)  # the worker meets the closed connection in its next rounds
        assert wait_for(lambda: answers(health), seconds=10)
        register(port, "served", 2)
        assert wait_for(lambda: len(smtp_server.messages) == 2, seconds=40)
        assert len(started_pids(log_file, "mail worker")) == 1
        assert len(started_pids(log_file, "web server")) == 1
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    assert process.returncode == 0


def test_make_run_sends_organisers_to_the_backoffice_not_the_admin():
    from safecities.serving import banner

    assert banner("http://localhost:8000") == (
        "\nSafeCities Exchange is at http://localhost:8000/\n"
        "Organisers work at http://localhost:8000/backoffice/\n"
        "Press Ctrl-C to stop.\n")
