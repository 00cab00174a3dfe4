"""Counting attempts by any key (a client address, an account name…) in the shared counters.

The decorators (``django_ratelimit.decorators.ratelimit`` with ``rates.*``) limit a view
per client address; ``over_limit`` counts one attempt for a key a view chooses itself —
e.g. per account for sign-in — in the same counters (``settings.CACHES["ratelimit"]``,
shared by every worker: see ``counters``).
"""

from __future__ import annotations

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def over_limit(request: HttpRequest, *, group: str, key: str, rate: str | None,
               increment: bool = True) -> bool:
    """Count an attempt of ``key`` in ``group`` (unless ``increment`` is false) and say
    whether it is over ``rate`` ("10/m", "20/h"…; ``None`` or "off": never)."""
    if rate is None or rate.strip().lower() == "off":
        return False
    return is_ratelimited(request, group=group, key=lambda _group, _request: key, rate=rate,
                          increment=increment)
