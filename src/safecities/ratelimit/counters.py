"""Rate-limit counters in the database, shared by every worker process and server.

django-ratelimit counts through a Django cache: ``add(key, 1, timeout)`` starts a window,
``incr(key)`` counts each further request. With a per-process cache every worker counts
for itself, so 5 workers allow 5 times the limit. This cache keeps the counters in the
application's database instead (the table ``ratelimit_counter``), and each operation is a
single SQL statement, so concurrent increments from any number of processes never lose a
count: ``incr`` is ``UPDATE … SET value = value + 1 … RETURNING value`` (the row lock on
PostgreSQL, the write lock on SQLite, serialise it) and ``add`` is an insert that only
replaces an expired row (``ON CONFLICT … DO UPDATE … WHERE``).

It holds integers only and is meant for counters; ``settings.CACHES["ratelimit"]`` uses it
unless ``CACHE_URL`` names a Redis server (then Redis counts, with the same guarantee).
Expired rows are deleted now and then by ``add`` (one time in ``CULL_EVERY``), and by
``safecities purge_expired`` every day (``counter_sweep``): a counter's key is derived from
a client address or an account, so none is kept past its window (docs/privacy.md).
"""

from __future__ import annotations

import secrets
import time
from datetime import datetime

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import DEFAULT_DB_ALIAS, connections

from safecities.privacy.retention import Due
from safecities.ratelimit.models import Counter

CULL_EVERY = 100
TABLE = Counter._meta.db_table


class DatabaseCounterCache(BaseCache):
    def __init__(self, location: str, params: dict):
        super().__init__(params)
        self.alias = location or DEFAULT_DB_ALIAS

    def _execute(self, sql: str, params: list[object]) -> tuple[int, tuple | None]:
        connection = connections[self.alias]
        table = connection.ops.quote_name(TABLE)
        with connection.cursor() as cursor:
            cursor.execute(sql.format(table=table), params)
            row = cursor.fetchone() if cursor.description else None
            return cursor.rowcount, row

    def _expiry(self, timeout) -> float:
        expires = self.get_backend_timeout(timeout)
        return float("inf") if expires is None else float(expires)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        """Start a counter unless a live one exists (a read first: most requests find one,
        and a read takes no write lock)."""
        key = self.make_and_validate_key(key, version=version)
        now = time.time()
        if Counter.objects.using(self.alias).filter(key=key, expires_at__gt=now).exists():
            return False
        added, _row = self._execute(
            "INSERT INTO {table} (\"key\", value, expires_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (\"key\") DO UPDATE SET value = excluded.value, "
            "expires_at = excluded.expires_at WHERE {table}.expires_at <= %s",
            [key, int(value), self._expiry(timeout), now])
        if added and secrets.randbelow(CULL_EVERY) == 0:
            Counter.objects.using(self.alias).filter(expires_at__lte=now).delete()
        return bool(added)

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        _count, row = self._execute(
            "UPDATE {table} SET value = value + %s WHERE \"key\" = %s AND expires_at > %s "
            "RETURNING value", [int(delta), key, time.time()])
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return row[0]

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        value = (Counter.objects.using(self.alias).filter(key=key, expires_at__gt=time.time())
                 .values_list("value", flat=True).first())
        return default if value is None else value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._execute(
            "INSERT INTO {table} (\"key\", value, expires_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (\"key\") DO UPDATE SET value = excluded.value, "
            "expires_at = excluded.expires_at",
            [key, int(value), self._expiry(timeout)])

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(Counter.objects.using(self.alias).filter(
            key=key, expires_at__gt=time.time()).update(expires_at=self._expiry(timeout)))

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(Counter.objects.using(self.alias).filter(key=key).delete()[0])

    def has_key(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return Counter.objects.using(self.alias).filter(
            key=key, expires_at__gt=time.time()).exists()

    def clear(self) -> None:
        Counter.objects.using(self.alias).all().delete()


def counter_sweep(now: datetime) -> list[Due]:
    """The retention sweep: rate-limit counters whose window has passed."""
    expired = Counter.objects.filter(expires_at__lte=now.timestamp())
    return [Due(description="rate-limit counters past their window", count=expired.count(),
                erase=lambda: expired.delete()[0])]
