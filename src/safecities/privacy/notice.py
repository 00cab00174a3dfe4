"""The privacy notice, made from the settings in force, and its version.

The notice states the retention periods and the responsible party from settings, so what
it promises is what ``purge_expired`` does. Its version is a digest of its English text:
change a setting or the wording and the version changes by itself; each registration
stores the version its person agreed to (``NoticeVersion``), with the text.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from safecities.privacy.models import NoticeVersion
from safecities.privacy.retention import Periods, default_periods

TEMPLATE = "privacy/_notice.html"


@dataclass(frozen=True)
class ResponsibleParty:
    name: str
    address: str
    information_officer: str
    email: str
    regulator: str


def responsible_party() -> ResponsibleParty:
    return ResponsibleParty(
        name=settings.PRIVACY_RESPONSIBLE_PARTY,
        address=settings.PRIVACY_RESPONSIBLE_ADDRESS,
        information_officer=settings.PRIVACY_INFORMATION_OFFICER,
        email=settings.PRIVACY_CONTACT_EMAIL,
        regulator=settings.PRIVACY_REGULATOR,
    )


def notice_context() -> dict[str, object]:
    periods: Periods = default_periods()
    return {"periods": periods, "party": responsible_party()}


def notice_text() -> str:
    """The notice as plain English text: what is stored with each version."""
    with translation.override("en"):
        rendered = render_to_string(TEMPLATE, notice_context())
    text = html.unescape(strip_tags(rendered))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def current_version() -> NoticeVersion:
    """The version of the notice as the settings make it now, recorded on first use."""
    text = notice_text()
    version = hashlib.sha256(text.encode()).hexdigest()[:12]
    found = NoticeVersion.objects.filter(version=version).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return NoticeVersion.objects.create(version=version, text=text)
    except IntegrityError:  # another process recorded it first
        return NoticeVersion.objects.get(version=version)
