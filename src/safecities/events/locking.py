"""The one locking primitive: serialise a decision per event.

Every rule that decides who holds a place (registering, cancelling, changing the
capacity) runs inside ``locked_event``. On PostgreSQL it takes a row lock on the event
(``SELECT … FOR UPDATE``), so decisions for one event queue behind each other while
other events go on in parallel. On SQLite every write transaction already starts
``IMMEDIATE`` (see settings), which holds the database's single write lock from the
first statement; the same call then simply reads the event inside that transaction.

Because the decision and its insert happen under the lock, the order in which
registrations commit is the order of their primary keys: that is the order of arrival.
See docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from safecities.events.models import Event


@contextmanager
def locked_event(event_id: int) -> Iterator[Event]:
    """Open a transaction that holds the event's lock and yield the freshly read event."""
    with transaction.atomic():
        queryset = Event.objects.all()
        if connection.features.has_select_for_update:
            queryset = queryset.select_for_update()
        yield queryset.select_related("venue").get(pk=event_id)
