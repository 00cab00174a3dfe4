"""Where roles come from: a seam, so that the apps that store roles (the back-office's
event roles, the programme's rapporteurs, the cities' representatives) register them here
and this app imports none of them.

A role is a ``Grant``: the role's name and its scope — an event, a city, or the whole site.
``grants_of(user)`` gathers every source once per request (cached on the user object).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from safecities.accounts.capabilities import ACCOUNT, SITE_ADMINISTRATOR

EVENT = "event"
CITY = "city"
SITE = "site"


@dataclass(frozen=True)
class Scope:
    kind: str  # EVENT, CITY or SITE
    id: int | None = None


SITE_WIDE = Scope(SITE)


@dataclass(frozen=True)
class Grant:
    role: str
    scope: Scope

    def covers(self, scope: Scope | None) -> bool:
        """A site-wide grant covers every scope; ``None`` asks "anywhere at all"."""
        return scope is None or self.scope.kind == SITE or self.scope == scope


RoleSource = Callable[[object], Iterable[Grant]]
ScopeResolver = Callable[[object], Scope | None]

_sources: list[RoleSource] = []
_resolvers: dict[str, ScopeResolver] = {}


def register_source(source: RoleSource) -> None:
    """Called from an app's ``AppConfig.ready``: ``source(user)`` yields that app's grants."""
    if source not in _sources:
        _sources.append(source)


def register_scope(model_label: str, resolver: ScopeResolver) -> None:
    """How an object of ``model_label`` ("practices.practice") maps to a scope, for targets
    that are not an event or a city themselves. ``None`` means "wherever the role is held"."""
    _resolvers[model_label] = resolver


def scope_of(target) -> Scope | None:
    if target is None or isinstance(target, Scope):
        return target
    label = target._meta.label_lower
    if label == "events.event":
        return Scope(EVENT, target.pk)
    if label == "cities.city":
        return Scope(CITY, target.pk)
    if label in _resolvers:
        return _resolvers[label](target)
    raise TypeError(f"No permission scope for {label}")


def _site_grants(user) -> Iterable[Grant]:
    yield Grant(ACCOUNT, SITE_WIDE)
    if user.is_superuser:
        yield Grant(SITE_ADMINISTRATOR, SITE_WIDE)


CACHE_ATTRIBUTE = "_safecities_grants"


def grants_of(user) -> frozenset[Grant]:
    """Every role this person holds, anywhere. Nothing for the anonymous or inactive."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is None:
        found = set(_site_grants(user))
        for source in _sources:
            found.update(source(user))
        cached = frozenset(found)
        setattr(user, CACHE_ATTRIBUTE, cached)
    return cached


def forget(user) -> None:
    """After a role changes within the same request."""
    if hasattr(user, CACHE_ATTRIBUTE):
        delattr(user, CACHE_ATTRIBUTE)


# --- Who holds a role (for lists of people to choose from, e.g. eligible reviewers) -------
HolderSource = Callable[[str, Scope | None], Iterable[int]]
_holders: list[HolderSource] = []


def register_holders(source: HolderSource) -> None:
    """``source(role, scope)`` yields the ids of the users holding ``role`` there
    (anywhere when ``scope`` is ``None``)."""
    if source not in _holders:
        _holders.append(source)


def holders(role: str, scope: Scope | None) -> set[int]:
    found: set[int] = set()
    for source in _holders:
        found.update(source(role, scope))
    return found
