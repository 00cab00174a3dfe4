"""The demo accounts' second factor. Organisers, reviewers, rapporteurs and site
administrators must have one, so the demo gives theirs an authenticator app with a
published secret: add it to any authenticator app, or run ``safecities demo_code`` for
the current code. Never in production (``load_demo`` refuses to run there)."""

from __future__ import annotations

import base64

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

# 20 bytes; the same for every demo account. In an authenticator app: DEMO_KEY_BASE32.
DEMO_KEY_HEX = "5361666543697469657320646f6d6f2032303134"
DEMO_KEY_BASE32 = base64.b32encode(bytes.fromhex(DEMO_KEY_HEX)).decode()


def give_demo_device(user) -> TOTPDevice:
    device, _made = TOTPDevice.objects.update_or_create(
        user=user, name="Demo authenticator", defaults={"key": DEMO_KEY_HEX, "confirmed": True})
    return device


def current_demo_code() -> str:
    return f"{totp(bytes.fromhex(DEMO_KEY_HEX)):06d}"
