"""Serve the site as `make run` does: gunicorn (several workers, WhiteNoise for static
files) and the mail worker, each supervised on its own.

Either process dying — a crash, ``kill -9``, a database that went away — is logged and
the process is started again (after a pause that grows while it keeps dying at once, up
to ``RESTART_PAUSE_MAX`` seconds); it never stops the other one. Ctrl-C or SIGTERM stops
both.

Usage: ``python -m safecities.serving`` (PORT, HOST and WEB_CONCURRENCY from the environment).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

# A process that ran this long before dying is restarted at once; one that dies sooner is
# restarted after a pause that doubles each time (1 s, 2 s, 4 s, … at most 30 s).
STEADY_SECONDS = 30.0
RESTART_PAUSE_MAX = 30.0


def gunicorn_command(*, host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "safecities.wsgi:application",
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--backlog", "2048",
        "--timeout", "30",
        "--graceful-timeout", "10",
        "--access-logfile", os.environ.get("ACCESS_LOG", "-"),
        # Private links (registration tokens) are written without their token.
        "--logger-class", "safecities.accesslog.GunicornLogger",
    ]


def mailworker_command() -> list[str]:
    return [sys.executable, "-m", "safecities.cli", "mailworker"]


def local_address(host: str, port: int | str) -> str:
    """The address of a server on this machine as a person types it (the demo's SITE_URL)."""
    if host in {"", "127.0.0.1", "0.0.0.0", "::", "::1"}:  # noqa: S104
        host = "localhost"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def log(text: str) -> None:
    print(f"[safecities.serving] {text}", file=sys.stderr, flush=True)


@dataclass
class Supervised:
    """One child process, started again whenever it stops."""

    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    pause: float = 0.0
    restart_at: float | None = field(default=None)

    def start(self) -> None:
        # Its own process group, so that stopping it (or gunicorn's workers) is one signal.
        self.process = subprocess.Popen(self.command, start_new_session=True)
        self.started_at = time.monotonic()
        self.restart_at = None
        log(f"{self.name} started (pid {self.process.pid})")

    def check(self) -> None:
        """Notice a death and schedule the restart; restart when the pause is over."""
        now = time.monotonic()
        if self.restart_at is not None:
            if now >= self.restart_at:
                self.start()
            return
        if self.process is None or self.process.poll() is None:
            return
        code = self.process.returncode
        ran = now - self.started_at
        self.pause = 0.0 if ran >= STEADY_SECONDS else min(max(self.pause * 2, 1.0),
                                                             RESTART_PAUSE_MAX)
        log(f"{self.name} (pid {self.process.pid}) stopped with "
            f"{_describe(code)} after {ran:.0f} s; restarting in {self.pause:.0f} s")
        self._reap_group()
        self.restart_at = now + self.pause

    def _reap_group(self) -> None:
        """A killed gunicorn master leaves its workers behind: end the rest of its group."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait(self) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._reap_group()


def _describe(code: int) -> str:
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def banner(address: str) -> str:
    """What `make run` prints once it has started: where the site and the back-office are."""
    return (f"\nSafeCities Exchange is at {address}/\n"
            f"Organisers work at {address}/backoffice/\n"
            "Press Ctrl-C to stop.\n")


def main() -> int:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
    children = [
        Supervised("web server", gunicorn_command(host=host, port=port, workers=workers)),
        Supervised("mail worker", mailworker_command()),
    ]
    for child in children:
        child.start()
    address = local_address(host, port)
    print(banner(address), flush=True)

    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping:
        for child in children:
            child.check()
        time.sleep(0.2)
    for child in children:
        child.stop()
    for child in children:
        child.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
