"""Signing a test client in as a person, past the second factor as the site requires."""

from __future__ import annotations

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def give_device(user) -> TOTPDevice:
    """A confirmed authenticator app for ``user`` (the one they have, if any)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, user, *, second_factor: bool = True):
    """``client`` signed in as ``user``; with ``second_factor`` the session has also passed
    a code from an authenticator app (given to the account if it had none)."""
    client.force_login(user)
    if second_factor:
        device = give_device(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
