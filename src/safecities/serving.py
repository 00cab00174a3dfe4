"""Serve the site as `make run` does: gunicorn (several workers, WhiteNoise for static
files) and the mail worker, side by side; Ctrl-C or SIGTERM stops both.

Usage: ``python -m safecities.serving`` (PORT, HOST and WEB_CONCURRENCY from the environment).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time


def gunicorn_command(*, host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "safecities.wsgi:application",
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--backlog", "2048",
        "--timeout", "30",
        "--graceful-timeout", "10",
        "--access-logfile", os.environ.get("ACCESS_LOG", "-"),
    ]


def main() -> int:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
    children = [
        subprocess.Popen(gunicorn_command(host=host, port=port, workers=workers)),
        subprocess.Popen([sys.executable, "-m", "safecities.cli", "mailworker"]),
    ]
    shown_host = "localhost" if host in {"127.0.0.1", "0.0.0.0"} else host  # noqa: S104
    print(f"\nSafeCities Exchange is at http://{shown_host}:{port}/", flush=True)
    print(f"Organisers sign in at http://{shown_host}:{port}/admin/", flush=True)
    print("Press Ctrl-C to stop.\n", flush=True)

    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and all(child.poll() is None for child in children):
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
