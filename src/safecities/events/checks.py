"""System check: the capacity engine needs PostgreSQL's READ COMMITTED.

Under ``locked_event`` every statement sees the rows committed before it started, so the
decision's counts (``registration.services._insert_in_line``) include everything the
previous holder of the lock committed. Under REPEATABLE READ or SERIALIZABLE the snapshot
may be older than the lock, and the engine would count from stale rows (or fail with
serialisation errors). A ``Tags.database`` check: ``migrate`` (so ``make run``) and
``check --database default`` run it and refuse another level.
"""

from __future__ import annotations

from django.core.checks import Error, Tags, register
from django.db import connections, transaction

REQUIRED_LEVEL = "read committed"


def isolation_errors(alias: str, level: str) -> list[Error]:
    """The errors for a PostgreSQL database whose transactions run at ``level``."""
    if level.strip().lower() == REQUIRED_LEVEL:
        return []
    return [Error(
        f"The database {alias!r} runs transactions at {level!r}; the registration engine "
        f"needs READ COMMITTED (PostgreSQL's default).",
        hint="Remove the isolation_level option, or set default_transaction_isolation to "
             "'read committed' for this database.",
        id="events.E001",
    )]


def transaction_isolation(alias: str) -> str:
    """The level Django's transactions actually run at (read inside one of them, so that
    the connection's ``isolation_level`` option counts as well as the server's default)."""
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("SHOW transaction_isolation")
        return cursor.fetchone()[0]


@register(Tags.database)
def check_isolation_level(app_configs=None, databases=None, **kwargs) -> list[Error]:
    errors: list[Error] = []
    for alias in databases or ():
        if connections[alias].vendor == "postgresql":
            errors += isolation_errors(alias, transaction_isolation(alias))
    return errors
