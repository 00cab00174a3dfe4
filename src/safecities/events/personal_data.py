"""The events app's part of the privacy rules: questions sent through the contact form.

An enquiry is erased with the messages about it (``mailing``) when its person asks (it is
found by its address, through a link sent to that address), and by the retention rule
``enquiry_months_kept`` months after it was sent (the event's own period, or the site's
default; the sweep is the registration app's, which owns the one erasure service).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from safecities.events.models import Enquiry, Event
from safecities.privacy.personal_data import Person, Provider, Section, json_value
from safecities.privacy.retention import add_months


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


def find(address: str) -> Person:
    ids = Enquiry.objects.filter(email__iexact=address).values_list("pk", flat=True)
    return Person(enquiries=frozenset(ids))


provider = Provider(name="events", export=export, erase=erase, find=find)


def expired_enquiries(now: datetime) -> list[tuple[Event, int, QuerySet[Enquiry]]]:
    """Per event with enquiries: its period (months after sending) and the enquiries
    older than that at ``now``. The registration app's sweep erases them, each through the
    one erasure service."""
    found = []
    for event in Event.objects.filter(enquiries__isnull=False).distinct().order_by("id"):
        months = event.enquiry_months_kept
        day = add_months(now.date(), -months)
        cutoff = now.replace(year=day.year, month=day.month, day=day.day)
        found.append((event, months, Enquiry.objects.filter(event=event, created_at__lt=cutoff)))
    return found
