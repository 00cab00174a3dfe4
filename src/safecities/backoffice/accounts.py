"""Sign-in for organisers and staff: a password (hashed with Argon2, see settings) and,
for accounts that enable it, a time-based one-time code (TOTP, django-otp)."""

from __future__ import annotations

from django_otp import user_has_device


def needs_second_factor(user) -> bool:
    """True when this account uses two-factor authentication and has not yet given a code
    in this session (``is_verified`` comes from django-otp's middleware)."""
    if not user.is_authenticated or not user_has_device(user):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())
