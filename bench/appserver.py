"""Start the site as `make run` does, on a fresh database, for one benchmark.

``running_server`` makes a temporary folder (SAFECITIES_VAR: secret key, static files,
the SQLite file) or a throwaway PostgreSQL database, migrates, collects static files,
creates the events, starts gunicorn with ``safecities.serving.gunicorn_command`` and, on
the way out (also on error or Ctrl-C), stops gunicorn and removes the folder and the
database.
"""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg

from loadgen import process_cpu_seconds
from safecities.serving import gunicorn_command

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
DEFAULT_WORKERS = 2 * (os.cpu_count() or 1) + 1  # as `make run` (WEB_CONCURRENCY)
DB_LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


@dataclass(frozen=True)
class Server:
    port: int
    db: str  # "sqlite" or "postgres"
    database_url: str
    workers: int
    pid: int  # gunicorn's master
    mail_worker_pid: int | None = None

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds used so far by gunicorn (master and workers), on PostgreSQL by the
        backends serving this server's database, and by the mail worker if it runs.
        """
        server = process_cpu_seconds(self.pid)
        database = 0.0
        pg_name = self.database_url.rsplit("/", 1)[1] if self.db == "postgres" else None
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            if _parent(pid) == self.pid:
                server += process_cpu_seconds(pid)
            elif pg_name and _is_backend_of(pid, pg_name):
                database += process_cpu_seconds(pid)
        parts = {"server": server}
        if pg_name:
            parts["database"] = database  # SQLite works inside the server's processes
        if self.mail_worker_pid is not None:
            parts["mail worker"] = process_cpu_seconds(self.mail_worker_pid)
        return parts

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get_json(self, path: str) -> dict:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.load(response)


def postgres_reachable() -> str | None:
    """None if PostgreSQL answers, else why not."""
    try:
        psycopg.connect(_libpq(PG_SERVER + "/postgres"), connect_timeout=3).close()
    except psycopg.Error as error:
        return str(error).strip() or type(error).__name__
    return None


def connect_postgres(database_url: str) -> psycopg.Connection:
    return psycopg.connect(_libpq(database_url), connect_timeout=5, autocommit=True)


def _libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def _parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _is_backend_of(pid: int, database: str) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            title = cmdline.read().decode(errors="replace")
    except OSError:
        return False
    return title.startswith("postgres: ") and f" {database} " in title


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "safecities.cli", *args], env=env, cwd=PROJECT_DIR,
        capture_output=True, text=True, timeout=300, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"safecities {' '.join(args)} failed:\n{result.stderr[-3000:]}")


def _wait_until_answering(server: Server, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped:\n" + log.read_text()[-3000:])
        try:
            server.get_json("/api/events/")
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60 seconds:\n" + log.read_text()[-3000:])


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the process (gunicorn's master stops its workers); SIGKILL its group if it
    hangs.
    """
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@contextmanager
def running_server(*, db: str, workers: int = DEFAULT_WORKERS,
                   settings_module: str = "benchsite.settings",
                   events: dict[str, int] | None = None, demo: bool = False,
                   mail_worker: bool = False,
                   extra_env: dict[str, str] | None = None,
                   prepare: Callable[[dict[str, str]], None] | None = None,
                   ) -> Iterator[Server]:
    """Serve the site on a fresh ``db`` with ``events`` (slug → capacity) created, and the
    demo exchange (durban-2014) loaded if ``demo``, and the mail worker running beside
    gunicorn if ``mail_worker`` (as `make run` has it; it writes mail to files here).
    ``prepare(env)`` runs after migrating, before gunicorn starts (e.g. to load data).
    """
    var_dir = Path(tempfile.mkdtemp(prefix="safecities-bench-"))
    pg_name = None
    process = None
    mailer = None
    try:
        if db == "sqlite":
            database_url = f"sqlite:///{var_dir / 'bench.sqlite3'}"
        elif db == "postgres":
            pg_name = f"bench_{secrets.token_hex(4)}"
            with connect_postgres(PG_SERVER + "/postgres") as conn:
                conn.execute(f'CREATE DATABASE "{pg_name}"')
            database_url = f"{PG_SERVER}/{pg_name}"
        else:
            raise ValueError(f"unknown database {db!r}")
        env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
        env.update({
            "DATABASE_URL": database_url,
            "RATELIMIT_REGISTRATIONS": "off",
            "SAFECITIES_VAR": str(var_dir),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SETTINGS_MODULE": settings_module,
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(BENCH_DIR), os.environ.get("PYTHONPATH", "")) if p),
            **(extra_env or {}),
        })
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "collectstatic", "--noinput", "-v0")
        for slug, capacity in (events or {"rush": 300}).items():
            _manage(env, "create_event", "--slug", slug, "--title", slug.title(),
                    "--starts", "2030-01-01", "--ends", "2030-01-02",
                    "--capacity", str(capacity))
        if demo:
            _manage(env, "load_demo")
        if prepare is not None:
            prepare(env)
        port = _free_port()
        command = gunicorn_command(host="127.0.0.1", port=port, workers=workers)
        command[command.index("--access-logfile") + 1] = "/dev/null"
        log = var_dir / "gunicorn.log"
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                command, env=env, cwd=PROJECT_DIR, start_new_session=True,
                stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
            )
        server = Server(port, db, database_url, workers, process.pid)
        _wait_until_answering(server, process, log)
        if mail_worker:
            with (var_dir / "mailworker.log").open("wb") as log_file:
                mailer = subprocess.Popen(
                    [sys.executable, "-m", "safecities.cli", "mailworker"], env=env,
                    cwd=PROJECT_DIR, start_new_session=True, stdin=subprocess.DEVNULL,
                    stdout=log_file, stderr=subprocess.STDOUT,
                )
            server = dataclasses.replace(server, mail_worker_pid=mailer.pid)
        yield server
    finally:
        for child in (mailer, process):
            if child is not None:
                _stop(child)
        if pg_name is not None:
            with connect_postgres(PG_SERVER + "/postgres") as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        shutil.rmtree(var_dir, ignore_errors=True)
