"""Contributor accounts: Django's users, active only once their email address is verified.

The verification link carries a signed, time-limited token (Django's signing); nothing
secret is stored. The username is the email address, so people log in with it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from safecities.mailing.services import queue_email
from safecities.practices.errors import EmailTaken, InvalidLink
from safecities.practices.models import Profile
from safecities.privacy.personal_data import mail_key

SALT = "practices.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


def verification_token(user) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=SALT)


def sign_up(*, name: str, email: str, password: str, organisation: str, city: str,
            country: str, language: str = "en"):
    """Create an inactive contributor account and email the verification link. An address
    that already has an account is refused (the person logs in or resets instead)."""
    user_model = get_user_model()
    email = email.strip()
    with transaction.atomic():
        if user_model.objects.filter(username__iexact=email).exists():
            raise EmailTaken()
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
