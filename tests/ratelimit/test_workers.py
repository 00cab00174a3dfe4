"""The configured limit is the limit, however many worker processes serve the site.

The real server (gunicorn, several workers) gets a burst of 120 registrations from one
address against a limit of 60 a minute: exactly 60 are registered and 60 refused with 429.
The control serves the same burst with counters kept per process (the old default) and
shows the limit multiplied by the workers.
"""

from __future__ import annotations

import http.client
import json
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from django_ratelimit.core import _get_window

from safecities.registration.models import Registration
from tests.conftest import PROJECT_DIR
from tests.factories import EventFactory, person

pytestmark = pytest.mark.live

WORKERS, BURST, LIMIT = 4, 120, 60


def register(base_url: str, n: int) -> int:
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("POST", "/api/events/burst/registrations/", body=json.dumps(person(n)),
                     headers={"Content-Type": "application/json"})
        return conn.getresponse().status
    finally:
        conn.close()


def burst(base_url: str) -> list[int]:
    # The window of a limit "per minute" starts at a fixed second for each address: wait
    # for a fresh one, so that the whole burst falls into one window.
    if _get_window("127.0.0.1", 60) - time.time() < 25:
        time.sleep(max(_get_window("127.0.0.1", 60) - time.time(), 0) + 1)
    with ThreadPoolExecutor(max_workers=24) as pool:
        return list(pool.map(lambda n: register(base_url, n), range(1, BURST + 1)))


def test_sixty_a_minute_accepts_exactly_sixty_of_a_burst_of_120_with_several_workers(
        app_server):
    EventFactory(slug="burst", capacity=500)
    server = app_server(workers=WORKERS, env={"RATELIMIT_REGISTRATIONS": f"{LIMIT}/m"})
    statuses = burst(server.url)
    assert (statuses.count(201), statuses.count(429)) == (LIMIT, BURST - LIMIT)
    assert Registration.objects.count() == LIMIT


def test_control_counters_per_process_let_the_burst_through(app_server):
    EventFactory(slug="burst", capacity=500)
    server = app_server(workers=WORKERS, env={
        "RATELIMIT_REGISTRATIONS": f"{LIMIT}/m",
        "DJANGO_SETTINGS_MODULE": "tests.ratelimit.per_process_settings",
        "PYTHONPATH": f"{PROJECT_DIR / 'src'}:{PROJECT_DIR}",
    })
    statuses = burst(server.url)
    assert statuses.count(201) > LIMIT
    assert Registration.objects.count() == statuses.count(201)
