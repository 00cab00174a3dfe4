"""A consistent copy of an installation, taken while the site runs, and its restore into
an empty one (docs/deploy.md, "Backup and restore").

A backup is a folder:

* ``database.sqlite3`` — SQLite's online backup API: a consistent snapshot even while
  registrations are written (WAL); or ``database.pgdump`` — ``pg_dump`` in its custom
  format, one consistent snapshot (a single transaction) of the PostgreSQL database;
* ``media/`` — every uploaded file, read through Django's storage API (the local folder or
  the object store), copied *after* the database snapshot, so every file the snapshot
  refers to is there;
* ``secret-key`` — the key made for this install, when there is no ``SECRET_KEY`` in the
  environment (signed links and sessions keep working after a restore);
* ``manifest.json`` — when, which database engine, how many files.

It holds personal data: keep it encrypted and no longer than the retention rules allow
(docs/privacy.md).
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection
from django.utils import timezone

FORMAT = 1


class BackupError(Exception):
    """Said to the operator as it is: what is wrong and what to do."""


@dataclass(frozen=True)
class Summary:
    engine: str
    files: int


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the configured database (the password never on a command line)."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGHOST": db.get("HOST") or "127.0.0.1",
           "PGPORT": str(db.get("PORT") or 5432), "PGUSER": db.get("USER") or "postgres"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _stored_names(storage: Storage, folder: str = ""):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet
        return
    for name in files:
        yield posixpath.join(folder, name) if folder else name
    for sub in folders:
        yield from _stored_names(storage, posixpath.join(folder, sub) if folder else sub)


def backup(target: Path) -> Summary:
    """Write a consistent copy of the database and the uploaded files into ``target`` (a
    new or empty folder), while the site keeps running."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new folder for the backup.")
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)
    engine = _engine()
    if engine == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target / "database.sqlite3")
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        result = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(target / "database.pgdump")],
            env=_pg_environment(), capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    # After the snapshot: every file it refers to was written before it.
    storage = storages["default"]
    files = 0
    for name in _stored_names(storage):
        path = target / "media" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, path.open("wb") as copy:
            shutil.copyfileobj(source, copy)
        files += 1
    key = Path(settings.VAR_DIR) / "secret-key"
    if not os.environ.get("SECRET_KEY") and key.exists():
        shutil.copyfile(key, target / "secret-key")
        (target / "secret-key").chmod(0o600)
    (target / "manifest.json").write_text(json.dumps({
        "format": FORMAT, "engine": engine, "files": files,
        "taken_at": timezone.now().isoformat(),
    }, indent=2) + "\n")
    return Summary(engine=engine, files=files)


def restore(source: Path) -> Summary:
    """Put a backup into this installation, which must be empty (no tables yet): the
    database, then the uploaded files, then the install's key if it has none."""
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} holds no backup (manifest.json unreadable).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Backup format {manifest.get('format')!r} is not {FORMAT}.")
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"The backup is of a {manifest['engine']} database; this "
                          f"installation uses {engine}. Restore into the same kind.")
    if connection.introspection.table_names():
        raise BackupError("This installation's database is not empty: restore into a new, "
                          "empty database (before `safecities migrate`).")
    if engine == "sqlite":
        copy = sqlite3.connect(source / "database.sqlite3")
        connection.ensure_connection()
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
    else:
        connection.close()
        result = subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
             "--dbname", settings.DATABASES["default"]["NAME"],
             str(source / "database.pgdump")],
            env=_pg_environment(), capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    storage = storages["default"]
    files = 0
    media = source / "media"
    for path in sorted(media.rglob("*")) if media.is_dir() else ():
        if path.is_file():
            name = path.relative_to(media).as_posix()
            with path.open("rb") as file:
                saved = storage.save(name, File(file))
            if saved != name:
                raise BackupError(f"{name} exists already in the file store.")
            files += 1
    key = Path(settings.VAR_DIR) / "secret-key"
    if (source / "secret-key").exists() and not os.environ.get("SECRET_KEY"):
        shutil.copyfile(source / "secret-key", key)
        key.chmod(0o600)
    return Summary(engine=engine, files=files)
