"""`safecities backup` during a registration rush, `safecities restore` into a fresh
installation: the copy is consistent (a prefix of the line in arrival order, capacity
held, positions contiguous) and its private links work."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from safecities.registration.models import Registration
from tests.conftest import PROJECT_DIR, AppServer
from tests.factories import EventFactory, PracticeFactory, person
from tests.practices.test_attachments import PDF, attach
from tests.registration.test_concurrency import check_line, request

pytestmark = pytest.mark.live

CAPACITY, PEOPLE, CLIENTS = 30, 200, 20


def safecities(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "safecities.cli", *args], cwd=PROJECT_DIR,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_DIR / "src"), **env},
                          capture_output=True, text=True, timeout=300)


def fresh_database(tmp_path) -> tuple[str, callable]:
    """An empty database of the same kind as the test's, and how to drop it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    name = f"restore_{uuid.uuid4().hex[:10]}"
    admin = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"postgres://postgres@127.0.0.1:5432/{name}", drop


def restored_line(url: str) -> list[tuple[int, str, str, str]]:
    query = ("SELECT id, status, token, reference FROM registration_registration "
             "ORDER BY id")
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(query).fetchall()
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
        return db.execute(query).fetchall()


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_mid_rush_restores_into_a_consistent_working_site(
        app_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    event = EventFactory(capacity=CAPACITY, slug="rush")
    attachment = attach(PracticeFactory(), PDF, name="audit.pdf")  # travels with the backup
    env = {"SAFECITIES_VAR": str(tmp_path)}
    server = app_server(workers=2, env=env)
    backup_dir = tmp_path / "backup"
    taken: dict[str, str] = {}

    def back_up_half_way():
        # In this process, on its own connection: the snapshot is taken at once, mid-rush.
        try:
            while Registration.objects.filter(event=event).count() < PEOPLE // 3:
                time.sleep(0.02)
            out = io.StringIO()
            call_command("backup", str(backup_dir), stdout=out)
            taken["result"] = out.getvalue()
        finally:
            connection.close()

    backer = threading.Thread(target=back_up_half_way)
    backer.start()
    jobs = [person(n) for n in range(1, PEOPLE + 1)]
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        answers = list(pool.map(
            lambda body: request(server.url, "POST", "/api/events/rush/registrations/", body),
            jobs))
    backer.join(timeout=300)
    assert {status for status, _body in answers} == {201}
    engine = "sqlite" if connection.vendor == "sqlite" else "postgresql"
    assert taken["result"] == (
        f"Backed up the {engine} database and 1 uploaded files into {backup_dir}.\n")
    final = [(r.id, r.status, r.token, r.reference) for r in check_line(event, CAPACITY)]

    fresh = tmp_path / "fresh"
    url, drop = fresh_database(tmp_path)
    fresh_env = {"DATABASE_URL": url, "SAFECITIES_VAR": str(fresh)}
    try:
        restored = safecities("restore", str(backup_dir), env=fresh_env)
        assert restored.returncode == 0, restored.stderr
        assert "and 1 uploaded files" in restored.stdout
        again = safecities("restore", str(backup_dir), env=fresh_env)
        assert again.returncode == 1
        assert "database is not empty" in again.stderr

        line = restored_line(url)
        # A consistent snapshot: exactly the first registrations in arrival order.
        assert PEOPLE // 3 <= len(line) < PEOPLE
        assert line == final[:len(line)]
        confirmed = [row for row in line if row[1] == "confirmed"]
        assert len(confirmed) == min(CAPACITY, len(line))
        assert (fresh / "media" / attachment.file.name).read_bytes() == PDF

        copy = AppServer(workers=1, env={
            **os.environ, **fresh_env, "DJANGO_SETTINGS_MODULE": "safecities.settings",
            "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": "http://127.0.0.1",
            "PYTHONPATH": str(PROJECT_DIR / "src")}).start()
        try:
            for _id, status, token, reference in (line[0], line[-1]):
                code, body = request(copy.url, "GET", f"/api/registrations/{token}/")
                assert (code, body["reference"], body["status"]) == (200, reference, status)
        finally:
            copy.stop()
    finally:
        drop()
