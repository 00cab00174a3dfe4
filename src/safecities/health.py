"""``GET /healthz`` for load balancers and monitors: 200 when this server can reach the
database and the cache, 503 when it cannot (docs/deploy.md).

The answer names which part failed, never why: an error's text may quote a host name, a
user name or a value.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        # The connection may be broken for good (a terminated backend): drop it, so that
        # the next request opens a fresh one.
        connection.close_if_unusable_or_obsolete()
        return False


def _caches_answer() -> bool:
    """Every configured cache (the page cache and the rate limits' counters); counters kept
    in the database are covered by the database's check (no write per health check)."""
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        for alias, config in settings.CACHES.items():
            if config["BACKEND"].endswith("DatabaseCounterCache"):
                continue
            cache = caches[alias]
            cache.set(key, 1, timeout=10)
            answered = cache.get(key) == 1
            cache.delete(key)
            if not answered:
                return False
    except Exception:  # any backend's connection error (redis.ConnectionError, OSError, …)
        return False
    return True


@never_cache
@require_safe
def healthz(request):
    checks = {"database": _database_answers(), "cache": _caches_answer()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable",
         **{name: "ok" if fine else "unavailable" for name, fine in checks.items()}},
        status=200 if healthy else 503,
    )
