"""The events app's part of the privacy rules: questions sent through the contact form.

An enquiry is erased with the messages about it (``mailing``) when its person asks, and
by the retention rule ``enquiry_months_kept`` months after it was sent (the event's own
period, or the site's default).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from safecities.events.models import Enquiry, Event
from safecities.privacy import personal_data
from safecities.privacy.models import DataRequest
from safecities.privacy.personal_data import Person, Provider, Section, json_value
from safecities.privacy.retention import Due, add_months
from safecities.privacy.services import record_request


def export(person: Person) -> list[Section]:
    return [Section(key="enquiries", title=_("Questions you sent us"), labels={
        "event": _("Exchange"), "sent_at": _("Sent"), "name": _("Name"), "email": _("Email"),
        "subject": _("Subject"), "message": _("Message"),
    }, records=[{
        "event": enquiry.event.title, "sent_at": json_value(enquiry.created_at),
        "name": enquiry.name, "email": enquiry.email, "subject": enquiry.subject,
        "message": enquiry.message,
    } for enquiry in Enquiry.objects.filter(pk__in=person.enquiries)
        .select_related("event").order_by("created_at", "id")])]


def erase(person: Person) -> int:
    deleted, _by_model = Enquiry.objects.filter(pk__in=person.enquiries).delete()
    return deleted


provider = Provider(name="events", export=export, erase=erase)


def erase_enquiry(*, enquiry: Enquiry, origin: str) -> None:
    """Erase one enquiry and every message about it, in one transaction, and log it."""
    with transaction.atomic():
        if not Enquiry.objects.filter(pk=enquiry.pk).exists():
            return
        personal_data.erase(Person(enquiries=frozenset({enquiry.pk})))
        record_request(kind=DataRequest.Kind.ERASURE, origin=origin, event_id=enquiry.event_id)


def enquiry_sweep(now: datetime) -> list[Due]:
    """Enquiries older than their event's retention period (months after sending)."""
    found = []
    for event in Event.objects.filter(enquiries__isnull=False).distinct().order_by("id"):
        months = event.enquiry_months_kept
        day = add_months(now.date(), -months)
        cutoff = now.replace(year=day.year, month=day.month, day=day.day)
        expired = Enquiry.objects.filter(event=event, created_at__lt=cutoff)
        found.append(Due(
            description=f"questions sent about {event.slug} more than {months} months ago",
            count=expired.count(),
            erase=lambda expired=expired: _erase_each(expired),
        ))
    return found


def _erase_each(enquiries) -> int:
    erased = 0
    for enquiry in list(enquiries.only("id", "event_id")):
        erase_enquiry(enquiry=enquiry, origin=DataRequest.Origin.RETENTION)
        erased += 1
    return erased
