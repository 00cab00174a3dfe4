"""The one permission rule of the site: ``can(user, capability, target)``.

A person may use a capability on a target when

1. they are signed in (with an active account),
2. they hold, for the target's scope (its event, its city, or anywhere when the target is
   ``None``), one of the roles the capability table (``capabilities.TABLE``) lists, and
3. when the capability needs the second factor: their session passed it if the account
   has a device, and an account whose roles require a device has one.

``is_staff`` plays no part. Every view that is not public goes through ``requires`` (or
the back-office's ``event_view``, which is built on it); services ask ``can`` too. A refusal
is a 403 page that says what is missing; only someone not signed in is sent to sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django_otp import user_has_device

from safecities.accounts import capabilities as caps
from safecities.accounts.roles import Grant, Scope, grants_of, scope_of

SIGN_IN = "sign_in"
ROLE = "role"
SECOND_FACTOR = "second_factor"
ENROL = "enrol"


@dataclass(frozen=True)
class Refusal:
    reason: str  # SIGN_IN, ROLE, SECOND_FACTOR or ENROL
    capability: caps.Capability


def has_device(user) -> bool:
    if getattr(user, "otp_device", None) is not None:
        return True  # this session passed it (django-otp's middleware loaded the device)
    cached = getattr(user, "_safecities_has_device", None)
    if cached is None:
        cached = user_has_device(user, confirmed=True)
        user._safecities_has_device = cached
    return cached


def is_verified(user) -> bool:
    """This session passed the second factor (django-otp's middleware sets ``is_verified``
    on the request's user; a user object from elsewhere has not)."""
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def must_have_device(user) -> bool:
    return any(g.role in caps.SECOND_FACTOR_REQUIRED for g in grants_of(user))


def roles_for(user, target) -> frozenset[str]:
    scope = scope_of(target)
    return frozenset(g.role for g in grants_of(user) if g.covers(scope))


def check(user, capability: str, target=None) -> Refusal | None:
    """``None`` when allowed, else why not."""
    wanted = caps.capability(capability)
    if not (user.is_authenticated and user.is_active):
        return Refusal(SIGN_IN, wanted)
    if not roles_for(user, target) & wanted.roles:
        return Refusal(ROLE, wanted)
    if wanted.second_factor:
        if has_device(user):
            if not is_verified(user):
                return Refusal(SECOND_FACTOR, wanted)
        elif must_have_device(user):
            return Refusal(ENROL, wanted)
    return None


def can(user, capability: str, target=None) -> bool:
    return check(user, capability, target) is None


def holds(user, capability: str, target=None) -> bool:
    """The roles half of the rule (steps 1 and 2), for services: they are also called
    outside a request (the demo, commands), where there is no session to have passed the
    second factor. The views in front of them check the whole rule."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    return bool(roles_for(user, target) & caps.capability(capability).roles)


def capabilities_for(user, target) -> frozenset[str]:
    """Every capability this person may use on ``target`` now."""
    return frozenset(name for name in caps.TABLE if can(user, name, target))


def scopes_with(user, capability: str, kind: str) -> set[int] | None:
    """The ids of the events (or cities) where this person holds a role that grants the
    capability — ``None`` meaning all of them (a site-wide role). Roles only: the second
    factor is checked by ``can`` on the page that lists them."""
    wanted = caps.capability(capability).roles
    ids: set[int] = set()
    grant: Grant
    for grant in grants_of(user):
        if grant.role not in wanted:
            continue
        if grant.scope.kind == "site":
            return None
        if grant.scope.kind == kind:
            ids.add(grant.scope.id)
    return ids


def refused(request, refusal: Refusal, target=None):
    """The answer to a refusal: sign in when not signed in, else a 403 saying what is
    missing and what to do."""
    if refusal.reason == SIGN_IN:
        return redirect_to_login(request.get_full_path(), reverse("accounts:sign_in"))
    next_query = urlencode({"next": request.get_full_path()})
    return render(request, "accounts/refused.html", {
        "refusal": refusal,
        "target": target,
        "roles": sorted(str(caps.ROLE_NAMES[r]) for r in refusal.capability.roles
                        if r != caps.SITE_ADMINISTRATOR),
        "verify_url": reverse("accounts:verify") + "?" + next_query,
        "enrol_url": reverse("accounts:two_factor") + "?" + next_query,
    }, status=403)


def requires(capability: str, target: Callable | None = None) -> Callable:
    """Decorate a view: ``target(request, **kwargs)`` finds the object the capability is
    about (an event, a city, a practice…; it may raise 404) — or there is none. The target
    is put on ``request.permission_target``."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            found = target(request, **kwargs) if target is not None else None
            refusal = check(request.user, capability, found)
            if refusal is not None:
                return refused(request, refusal, found)
            request.permission_target = found
            return view(request, *args, **kwargs)

        wrapper.capability = capability
        return wrapper

    return decorate


def signed_in(view: Callable) -> Callable:
    """Pages for anyone signed in (their own account, their own drafts)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_active):
            return redirect_to_login(request.get_full_path(), reverse("accounts:sign_in"))
        return view(request, *args, **kwargs)

    return wrapper


__all__ = ["Refusal", "Scope", "can", "check", "holds", "refused", "requires", "signed_in"]
