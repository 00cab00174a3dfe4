"""For the control tests: the services as they would be without their lock.

A control test runs the same concurrent load with the event lock swapped for a plain
transaction (and, on SQLite, with deferred transactions), to show the race the lock
prevents is real. Shared by the registration and the meeting control tests.
"""

from __future__ import annotations

from contextlib import contextmanager
from types import ModuleType

from django.db import connections, transaction


@contextmanager
def no_event_lock(services: ModuleType):
    """Swap ``services.locked_event`` for a transaction that locks nothing."""
    from safecities.events.models import Event

    @contextmanager
    def unlocked(event_id):
        with transaction.atomic():
            yield Event.objects.get(pk=event_id)

    original = services.locked_event
    services.locked_event = unlocked
    try:
        yield
    finally:
        services.locked_event = original


@contextmanager
def sqlite_deferred_transactions():
    """New SQLite connections begin DEFERRED instead of IMMEDIATE (no-op elsewhere)."""
    options = connections.settings["default"].setdefault("OPTIONS", {})
    before = options.get("transaction_mode")
    options["transaction_mode"] = "DEFERRED"
    try:
        yield
    finally:
        options["transaction_mode"] = before
