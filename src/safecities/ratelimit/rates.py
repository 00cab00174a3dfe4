"""Rates for django-ratelimit, read from settings so that ``off`` disables a limit."""

from django.conf import settings


def _rate(setting: str):
    def rate(group, request):
        value = getattr(settings, setting)
        return None if value.strip().lower() == "off" else value

    return rate


registrations = _rate("RATELIMIT_REGISTRATIONS")
enquiries = _rate("RATELIMIT_ENQUIRIES")
sign_in = _rate("RATELIMIT_SIGN_IN")
sign_in_account = _rate("RATELIMIT_SIGN_IN_ACCOUNT")
