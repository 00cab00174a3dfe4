"""Rules of the privacy app itself: the log of data requests, and the links that open the
data held under an email address."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from safecities.privacy.models import AddressLink, DataRequest
from safecities.privacy.personal_data import Person, Provider, normalise_address
from safecities.privacy.retention import Due


def record_request(*, kind: str, origin: str, event_id: int | None = None) -> DataRequest:
    """Log one export or erasure — kind, origin, event and time, never whose data. Called
    inside the request's own transaction, so an erasure and its log entry commit together.
    """
    return DataRequest.objects.create(kind=kind, origin=origin, event_id=event_id)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def link_lifetime() -> timedelta:
    return timedelta(hours=settings.PRIVACY_ADDRESS_LINK_HOURS)


def new_link_secret() -> str:
    return secrets.token_urlsafe(32)


def store_address_link(*, address: str, secret: str) -> AddressLink:
    """Record a link to the data under ``address``, valid for
    ``PRIVACY_ADDRESS_LINK_HOURS``. Only the digest of its secret is stored: the database
    alone cannot open anyone's data. The caller emails the link to that address, in the
    same transaction."""
    return AddressLink.objects.create(digest=_digest(secret),
                                      address=normalise_address(address))


def address_of_link(secret: str, *, now: datetime | None = None) -> str | None:
    """The address a link opens, or None if the link is unknown or has expired."""
    now = now or timezone.now()
    link = AddressLink.objects.filter(digest=_digest(secret),
                                      created_at__gt=now - link_lifetime()).first()
    return link.address if link else None


# --- The links' own part of the privacy rules ---------------------------------------------


def _erase_links(person: Person) -> int:
    deleted, _by_model = AddressLink.objects.filter(address__in=person.addresses).delete()
    return deleted


# Nothing to export: a link is a means of asking, not data about the person.
links_provider = Provider(name="privacy", export=lambda person: [], erase=_erase_links)


def link_sweep(now: datetime) -> list[Due]:
    """Links past their lifetime: nothing is left of them (they hold an address)."""
    expired = AddressLink.objects.filter(created_at__lte=now - link_lifetime())

    def erase() -> int:
        deleted, _by_model = expired.delete()
        return deleted

    return [Due(description="expired links to the data under an address",
                count=expired.count(), erase=erase)]
