"""Shared fixtures: a real SMTP server, a real application server, clean caches."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

# Tests opt in to rate limits explicitly (tests/registration/test_ratelimit.py).
os.environ.setdefault("RATELIMIT_REGISTRATIONS", "off")
os.environ.setdefault("RATELIMIT_ENQUIRIES", "off")
os.environ.setdefault("RATELIMIT_SIGN_IN", "off")
os.environ.setdefault("RATELIMIT_SIGN_IN_ACCOUNT", "off")

PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _test_site(settings):
    settings.SITE_URL = "http://testserver"
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]


@pytest.fixture(scope="session", autouse=True)
def _static_manifest():
    """Pages link to hashed static files: make sure the manifest exists (make test does it too)."""
    from django.conf import settings
    from django.core.management import call_command

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    sources = [path for folder in settings.STATICFILES_DIRS for path in Path(folder).rglob("*")]
    if not manifest.exists() or any(
        path.stat().st_mtime > manifest.stat().st_mtime for path in sources
    ):
        call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    """Pages are translated from the compiled catalogues: compile any .po newer than its .mo
    (make does it too; the .mo files are never committed)."""
    from django.conf import settings

    for folder in settings.LOCALE_PATHS:
        for source in Path(folder).glob("*/LC_MESSAGES/*.po"):
            compiled = source.with_suffix(".mo")
            if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
                subprocess.run(["msgfmt", "-o", str(compiled), str(source)], check=True)


@pytest.fixture(scope="session", autouse=True)
def _remove_write_queue_file():
    """The SQLite write queue leaves a lock file beside the test database: remove it."""
    yield
    from django.conf import settings

    test_name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if test_name:
        Path(f"{test_name}-writers.lock").unlink(missing_ok=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- SMTP -------------------------------------------------------------------------------


@dataclass
class SmtpServer:
    """A real SMTP server (aiosmtpd) on a free local port, keeping every message it receives."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    controller: object = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        server = self

        class Handler:
            async def handle_DATA(self, smtp, session, envelope):
                server.messages.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["To"]]


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    """Point the mail queue's delivery at a real local SMTP server."""
    server = SmtpServer(port=free_port())
    server.start()
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    }
    yield server
    server.stop()


# --- A real application server ------------------------------------------------------------


def database_url_for_tests() -> str:
    """The URL of the test database pytest-django created, for a server in another process."""
    from django.db import connection

    s = connection.settings_dict
    if s["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{s['NAME']}"
    user = s.get("USER") or "postgres"
    return f"postgres://{user}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


@dataclass
class AppServer:
    """The site served by gunicorn in its own processes, as `make run` serves it."""

    workers: int
    env: dict[str, str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> AppServer:
        from safecities.serving import gunicorn_command

        command = gunicorn_command(host="127.0.0.1", port=self.port, workers=self.workers)
        command[command.index("--access-logfile") + 1] = "/dev/null"
        self.process = subprocess.Popen(
            command, env=self.env, cwd=PROJECT_DIR, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn stopped: " + self.process.stderr.read().decode())
            try:
                urllib.request.urlopen(self.url + "/api/events/", timeout=2).read()
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 seconds")

    def kill(self) -> None:
        """SIGKILL the whole process group: no clean shutdown, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()


@pytest.fixture
def app_server(transactional_db, settings):
    """Start the real server on the test database: ``app_server(workers=2)``.

    Tests using it see the server's writes because they run outside a transaction
    (``transactional_db``). Rate limits are off unless the test's ``env`` says otherwise.
    """
    servers: list[AppServer] = []

    def start(workers: int = 1, env: dict[str, str] | None = None) -> AppServer:
        server_env = {
            **os.environ,
            "DATABASE_URL": database_url_for_tests(),
            "DJANGO_SETTINGS_MODULE": "safecities.settings",
            "RATELIMIT_REGISTRATIONS": "off",
            "RATELIMIT_ENQUIRIES": "off",
            "RATELIMIT_SIGN_IN": "off",
            "RATELIMIT_SIGN_IN_ACCOUNT": "off",
            "EVENT_PAGE_CACHE_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "http://127.0.0.1",
            "PYTHONPATH": str(PROJECT_DIR / "src"),
            **(env or {}),
        }
        server = AppServer(workers=workers, env=server_env).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def python() -> str:
    return sys.executable


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's, past the second factor: the admin is for site administrators
    whose session passed it (docs/security.md)."""
    from django.test import Client

    from tests.signing_in import sign_in

    return sign_in(Client(), admin_user)
