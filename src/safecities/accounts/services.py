"""Rules about accounts: two-factor authentication (an authenticator app, TOTP, and
one-time backup codes), signing out everywhere, and password reset emails."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from safecities.accounts.errors import SecondFactorRequired, WrongCode, WrongPassword
from safecities.accounts.permissions import must_have_device
from safecities.mailing.services import queue_email
from safecities.privacy.personal_data import mail_key

BACKUP_CODES = 10


def start_two_factor(*, user) -> TOTPDevice:
    """Make (or reuse) an unconfirmed authenticator for ``user``; it counts only once a
    code from it has been entered (``confirm_two_factor``)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app",
                                               confirmed=False)
        return device


def confirm_two_factor(*, user, token: str) -> TOTPDevice:
    """Turn two-factor authentication on, proving the app is set up by one of its codes."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None or not device.verify_token(token.strip()):
            raise WrongCode()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return device


def disable_two_factor(*, user, token: str) -> None:
    """Turn two-factor authentication off; a current code is required, so a session left
    open on a shared computer cannot do it. Refused for people whose role needs it."""
    if must_have_device(user):
        raise SecondFactorRequired()
    with transaction.atomic():
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
        if not any(device.verify_token(token.strip()) for device in devices):
            raise WrongCode()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def new_backup_codes(*, user) -> list[str]:
    """Ten fresh one-time codes for when the phone is lost; the earlier ones stop working.
    Only people who use an authenticator app get them. The codes are shown once."""
    with transaction.atomic():
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            return []
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name="Backup codes", defaults={"confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def sign_out_everywhere(*, user, password: str) -> None:
    """End every other session of this account. The password is stored again with a new
    salt, which changes the hash every session is bound to; the caller keeps its own
    session (``update_session_auth_hash``)."""
    if not user.check_password(password):
        raise WrongPassword()
    user.set_password(password)
    user.save(update_fields=["password"])


def send_password_reset(*, email: str, language: str = "en") -> None:
    """Email a reset link to every active account with this address. Nothing is said to
    the person asking about whether an account exists."""
    users = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True)
    for user in users:
        if not user.has_usable_password():
            continue
        link = settings.SITE_URL + reverse("accounts:reset_confirm", kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user)})
        queue_email(to=[user.email], template="accounts/email/reset",
                    context={"user": user, "reset_url": link},
                    about=[mail_key("user", user.pk)], language=language)
