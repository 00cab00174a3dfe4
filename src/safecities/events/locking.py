"""The one locking primitive: serialise a decision per event.

Every rule that decides who holds a place (registering, cancelling, changing the
capacity) runs inside ``locked_event``:

* **PostgreSQL**: a row lock on the event (``SELECT … FOR NO KEY UPDATE``). Decisions for
  one event queue behind each other, in any number of processes and servers, while other
  events go on in parallel. ``NO KEY`` is enough (the lock conflicts with itself; the
  holder never changes the event's key nor deletes it) and lets rows that merely refer to
  the event (sessions, documents…) be written meanwhile. The counts under the lock are
  right only at READ COMMITTED, which ``safecities.events.checks`` enforces.
* **SQLite**: every write transaction starts ``BEGIN IMMEDIATE`` (see settings), which
  takes the database's single write lock, so the decision runs alone. SQLite's own wait
  for that lock is a sleep-and-retry loop that is neither fair nor quick to notice the
  lock is free; so the processes of one machine first queue on an exclusive ``flock`` on
  a file beside the database, which the kernel hands over as soon as it is released.
  (Skipped when the caller already holds a transaction: it then holds the write lock.)

Because the decision and its insert happen under the lock, registrations commit one
after another, and the order of their primary keys is the order of arrival.
See docs/architecture.md.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from django.db import connection, transaction

from safecities.events.models import Event


@contextmanager
def _sqlite_write_queue() -> Iterator[None]:
    path = Path(str(connection.settings_dict["NAME"]) + "-writers.lock")
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_queue():
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        return _sqlite_write_queue()
    return nullcontext()


@contextmanager
def locked_event(event_id: int) -> Iterator[Event]:
    """Open a transaction that holds the event's lock and yield the freshly read event."""
    with _write_queue(), transaction.atomic():
        queryset = Event.objects.all()
        if connection.features.has_select_for_update:
            queryset = queryset.select_for_update(
                no_key=connection.features.has_select_for_no_key_update)
        yield queryset.get(pk=event_id)
