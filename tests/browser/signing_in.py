"""Signing in through the one sign-in page in a real browser, with the second factor when
the account has an authenticator app (the code is computed from the device in the test
database, as the person's phone would)."""

from __future__ import annotations

from urllib.parse import quote

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from tests.factories import PASSWORD


def next_code(device: TOTPDevice) -> str:
    """The code the app shows now — or the next one, when this one was used already (a
    code is accepted once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t >= totp.t():
        totp.drift = device.last_t - totp.t() + 1 + device.drift
    return f"{totp.token():0{device.digits}d}"


def enter_code(page: Page, username: str) -> None:
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    page.get_by_label("Code from your authenticator app").fill(next_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/sign-in/code/" not in url)
    page.wait_for_load_state()


def sign_in(page: Page, base: str, username: str, password: str = PASSWORD,
            next_path: str = "") -> None:
    page.goto(f"{base}/sign-in/" + (f"?next={quote(next_path)}" if next_path else ""))
    page.get_by_label("User name or email address").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in/" not in url or "/sign-in/code/" in url)
    page.wait_for_load_state()
    if "/sign-in/code/" in page.url:
        enter_code(page, username)
