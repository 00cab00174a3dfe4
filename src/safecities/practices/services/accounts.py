"""Contributor accounts: Django's users, active only once their email address is verified.

The verification link carries a signed, time-limited token (Django's signing); nothing
secret is stored. The username is the email address, so people log in with it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import caches
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from safecities.mailing.services import queue_email
from safecities.practices.errors import InvalidLink
from safecities.practices.models import Profile
from safecities.privacy.personal_data import mail_key

SALT = "practices.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


def verification_token(user) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=SALT)


# An address that has an account is told so by email at most this often (sign_up).
ACCOUNT_EXISTS_MAIL_SECONDS = 10 * 60


def sign_up(*, name: str, email: str, password: str, organisation: str, city: str,
            country: str, language: str = "en"):
    """Create an inactive contributor account and email the verification link.

    Whoever signs up is answered the same way whether the address has an account or not,
    so the form never reveals who has one: for an address that has an account nothing is
    created and the address is emailed instead (at most once every 10 minutes) that it has
    an account and where to log in. Returns the new user, or ``None`` in that case.
    """
    user_model = get_user_model()
    email = email.strip()
    with transaction.atomic():
        existing = user_model.objects.filter(username__iexact=email).first()
        if existing is not None:
            # The shared counters: one message per address and interval, in every worker.
            if caches["ratelimit"].add(f"account-exists:{existing.pk}", 1,
                                       ACCOUNT_EXISTS_MAIL_SECONDS):
                queue_email(to=[existing.email], template="practices/email/account_exists",
                            context={"login_url": settings.SITE_URL + reverse(
                                "practices:login")},
                            about=[mail_key("user", existing.pk)], language=language)
            return None
        first, _, last = name.strip().partition(" ")
        user = user_model(username=email, email=email, first_name=first[:150],
                          last_name=last[:150], is_active=False)
        user.set_password(password)
        user.save()
        Profile.objects.create(user=user, organisation=organisation.strip(),
                               city=city.strip(), country=country.upper())
        queue_email(to=[email], template="practices/email/verify",
                    context={"user": user, "verify_url": settings.SITE_URL + reverse(
                        "practices:verify", args=[verification_token(user)])},
                    about=[mail_key("user", user.pk)], language=language)
        return user


def verify_email(*, token: str):
    """Activate the account a verification link names; using a link twice is harmless."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature as error:
        raise InvalidLink() from error
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.filter(pk=data.get("user"), email=data.get("email")).first()
        if user is None:
            raise InvalidLink()
        profile, _ = Profile.objects.get_or_create(user=user)
        if profile.email_verified_at is None:
            profile.email_verified_at = timezone.now()
            profile.save(update_fields=["email_verified_at"])
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        return user
