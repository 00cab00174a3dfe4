"""Sign-in limits: failed attempts are counted per client address and per account name;
past the limit, signing in is refused (even with the right password) until the window ends.

Counts live in the cache through django-ratelimit (``safecities.ratelimit``), so they are
shared by every server process that shares the cache. Only failures count: a person who
signs in correctly is never locked out by their own successful attempts.
"""

from __future__ import annotations

import hashlib
import math

from django_ratelimit.core import get_usage

from safecities.ratelimit import rates

GROUP_ADDRESS = "sign-in-failures-address"
GROUP_ACCOUNT = "sign-in-failures-account"


def _account_key(name: str):
    # The account name is hashed: the cache never holds what people typed.
    digest = hashlib.sha256(name.strip().casefold().encode()).hexdigest()

    def key(group, request) -> str:
        return digest

    return key


def _usages(request, username: str, *, increment: bool) -> list[dict]:
    found = []
    address_rate = rates.sign_in(GROUP_ADDRESS, request)
    if address_rate:
        found.append(get_usage(request, group=GROUP_ADDRESS, key="ip", rate=address_rate,
                               increment=increment))
    account_rate = rates.sign_in_account(GROUP_ACCOUNT, request)
    if account_rate and username.strip():
        found.append(get_usage(request, group=GROUP_ACCOUNT, key=_account_key(username),
                               rate=account_rate, increment=increment))
    return [u for u in found if u is not None]


def locked_minutes(request, username: str) -> int:
    """Minutes until signing in is allowed again for this address or account; 0 if it is."""
    waits = [u["time_left"] for u in _usages(request, username, increment=False)
             if u["count"] >= u["limit"]]
    return max((math.ceil(w / 60) or 1 for w in waits), default=0)


def record_failure(request, username: str) -> None:
    _usages(request, username, increment=True)
