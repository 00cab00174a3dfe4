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
           "SAFECITIES_VAR": str(tmp_path), "SITE_URL": f"http://localhost:{port}"}
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
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert f"SafeCities Exchange is at http://localhost:{port}/" in out
    assert not answers(f"http://127.0.0.1:{port}/api/events/")
