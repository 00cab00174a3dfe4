"""A person's data: the export, the one erasure service, and the retention rule.

``erase_person`` is the only way personal data is erased — by the person (the private
page or the API for one registration; a link sent to their address for everything under
it; their account page), by an organiser (back-office), or by the retention rule
(``safecities purge_expired``). The rule: under the locks of the events concerned, a live
registration of an event that has not ended is cancelled first, exactly as any
cancellation (the next in line is promoted and told, their meetings are cancelled); then
every app's eraser (``privacy.personal_data``) removes its part, in the same transaction,
so a failure at any step leaves the person untouched. What remains of a registration is
the row's id (its place in line), status, times and position at registration — nothing
that identifies the person; the private link, the reference and the check-in code are
replaced by values nobody knows. Nothing else ever erases: not a cancellation, not a
second registration.

Knowing an address never opens its data: a private link covers its one registration (it
is handed to whoever filled in the form); everything under an address — other
registrations, meetings, answers, questions sent — opens only through a link emailed to
that address (``send_address_link``).
"""

from __future__ import annotations

from contextlib import ExitStack
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from safecities.events.locking import locked_event
from safecities.events.models import Enquiry, Event
from safecities.events.personal_data import expired_enquiries
from safecities.mailing.services import queue_rendered, render_email
from safecities.privacy import personal_data
from safecities.privacy.models import AddressLink, DataRequest
from safecities.privacy.personal_data import (
    Person,
    Provider,
    Section,
    json_value,
    normalise_address,
)
from safecities.privacy.retention import Due
from safecities.privacy.services import (
    address_of_link,
    new_link_secret,
    record_request,
    store_address_link,
)
from safecities.registration import signals
from safecities.registration.models import (
    Answer,
    CheckIn,
    Note,
    Reconfirmation,
    Registration,
    new_checkin_code,
    new_reference,
    new_token,
)
from safecities.registration.queries import waitlist_position
from safecities.registration.services import cancel_under_lock

Origin = DataRequest.Origin


def person_of(registration: Registration) -> Person:
    """The person behind one registration, as the privacy providers look them up."""
    addresses = frozenset() if registration.is_erased else frozenset(
        {registration.email_normalised})
    return Person(registrations=frozenset({registration.pk}), addresses=addresses)


# --- The registration app's provider ----------------------------------------------------


def export(person: Person) -> list[Section]:
    registrations = list(Registration.objects.filter(
        pk__in=person.registrations, erased_at__isnull=True,
    ).select_related("event", "notice_version").order_by("id"))
    ids = [registration.pk for registration in registrations]
    reference = {registration.pk: registration.reference for registration in registrations}
    details = Section(key="registrations", title=_("Registrations"), labels={
        "reference": _("Reference"), "event": _("Exchange"), "status": _("Status"),
        "name": _("Name"), "email": _("Email"), "organisation": _("Organisation"),
        "position": _("Position"), "city": _("City"), "country": _("Country"),
        "language": _("Language"), "registered_at": _("Registered"),
        "confirmed_at": _("Confirmed"), "cancelled_at": _("Cancelled"),
        "place_in_line_when_registering": _("Place in line when registering"),
        "waiting_list_position": _("Place in line now"),
        "announcements_stopped_at": _("Announcements stopped"),
        "erased_by_retention_rule_on": _("Erased by the retention rule on"),
    }, records=[{
        "reference": r.reference, "event": r.event.title, "status": r.status,
        "name": r.name, "email": r.email, "organisation": r.organisation,
        "position": r.position, "city": r.city, "country": r.country,
        "language": r.language, "registered_at": json_value(r.registered_at),
        "confirmed_at": json_value(r.confirmed_at), "cancelled_at": json_value(r.cancelled_at),
        "place_in_line_when_registering": r.position_at_registration,
        "waiting_list_position": waitlist_position(r),
        "announcements_stopped_at": json_value(r.announcements_opted_out_at),
        "erased_by_retention_rule_on": json_value(r.event.registrations_erased_on),
    } for r in registrations])
    consent = Section(key="consent", title=_("Consent"), labels={
        "registration": _("Registration"), "agreed_to": _("Agreed to"),
        "agreed_at": _("When"), "notice_version": _("Version of the notice"),
        "notice_url": _("Text of that version"),
    }, records=[{
        "registration": r.reference,
        "agreed_to": gettext("The privacy notice: the organisers keep these details to run "
                             "the exchange."),
        "agreed_at": json_value(r.consented_at),
        "notice_version": r.notice_version.version if r.notice_version else None,
        "notice_url": (settings.SITE_URL + reverse("privacy:version",
                                                   args=[r.notice_version.version])
                       if r.notice_version else None),
    } for r in registrations])
    answers = Section(key="answers", title=_("Answers to the event's questions"), labels={
        "registration": _("Registration"), "question": _("Question"), "answer": _("Answer"),
    }, records=[{
        "registration": reference[a.registration_id], "question": a.question.label,
        "answer": a.value,
    } for a in Answer.objects.filter(registration_id__in=ids).select_related("question")
        .order_by("registration_id", "question__order", "question_id", "id")])
    notes = Section(key="notes", title=_("Organisers' notes about you"), labels={
        "registration": _("Registration"), "written_at": _("Written"), "note": _("Note"),
    }, records=[{
        "registration": reference[n.registration_id], "written_at": json_value(n.created_at),
        "note": n.text,
    } for n in Note.objects.filter(registration_id__in=ids).order_by("created_at", "id")])
    checkins = Section(key="checkins", title=_("Check-in at the door"), labels={
        "registration": _("Registration"), "checked_in_at": _("Checked in"),
    }, records=[{
        "registration": reference[c.registration_id],
        "checked_in_at": json_value(c.checked_in_at),
    } for c in CheckIn.objects.filter(registration_id__in=ids).order_by("checked_in_at")])
    reconfirmations = Section(key="reconfirmations", title=_("“Are you still coming?”"),
                              labels={"registration": _("Registration"),
                                      "asked_at": _("Asked"), "answer_by": _("Answer by"),
                                      "answer": _("Answer"), "answered_at": _("Answered")},
                              records=[{
        "registration": reference[c.registration_id],
        "asked_at": json_value(c.request.asked_at), "answer_by": json_value(c.request.deadline),
        "answer": c.answer or None, "answered_at": json_value(c.answered_at),
    } for c in Reconfirmation.objects.filter(registration_id__in=ids)
        .select_related("request").order_by("request__asked_at", "id")])
    return [details, consent, answers, notes, checkins, reconfirmations]


def erase(person: Person) -> int:
    """Delete the answers and notes; blank every personal column of the registration and
    replace its secrets (private link, reference, check-in code) with fresh ones."""
    rows = list(Registration.objects.filter(pk__in=person.registrations,
                                            erased_at__isnull=True))
    now = timezone.now()
    for row in rows:
        Answer.objects.filter(registration_id=row.pk).delete()
        Note.objects.filter(registration_id=row.pk).delete()
        Reconfirmation.objects.filter(registration_id=row.pk).update(notice_pending=False)
        Registration.objects.filter(pk=row.pk).update(
            name="", email="", email_normalised=f"erased:{row.pk}", organisation="",
            position="", city="", country="", language=settings.LANGUAGE_CODE,
            token=new_token(), reference=new_reference(), checkin_code=new_checkin_code(),
            # Nothing is told any more: the address is gone.
            notice_pending=False, notified_status=row.status,
            announcements_opted_out_at=None, erased_at=now,
        )
    return len(rows)


def find(address: str) -> Person:
    ids = Registration.objects.filter(email_normalised=address, erased_at__isnull=True
                                      ).values_list("pk", flat=True)
    return Person(registrations=frozenset(ids))


provider = Provider(name="registration", export=export, erase=erase, find=find)


# --- The services ---------------------------------------------------------------------------


def _events_of(person: Person) -> list[int | None]:
    """The events a request concerns, for the data-request log (None: no event)."""
    ids = set(Registration.objects.filter(pk__in=person.registrations)
              .values_list("event_id", flat=True))
    ids |= set(Enquiry.objects.filter(pk__in=person.enquiries).values_list("event_id",
                                                                          flat=True))
    return sorted(ids) or [None]


def export_person(*, person: Person, origin: str) -> list[Section]:
    """Everything the site holds about this person, from every app
    (``privacy.personal_data``), and a line per event concerned in the data-request log."""
    sections = personal_data.export(person)
    with transaction.atomic():
        for event_id in _events_of(person):
            record_request(kind=DataRequest.Kind.EXPORT, origin=origin, event_id=event_id)
    return sections


def person_of_account(user) -> Person:
    """The person behind an account (contributors, reviewers, rapporteurs, city
    representatives, organisers): the account and what hangs off it. Registrations under
    the same address are reached through the link sent to it (``send_address_link``)."""
    addresses = frozenset({normalise_address(user.email)}) if user.email else frozenset()
    return Person(users=frozenset({user.pk}), addresses=addresses)


def export_registration(*, registration: Registration, origin: str = Origin.PERSON
                        ) -> list[Section]:
    """The export of the person behind one registration (its private link)."""
    return export_person(person=person_of(registration), origin=origin)


def has_ended(event: Event, now: datetime) -> bool:
    return timezone.localdate(now, event.tz) > event.ends_on


def erase_person(*, person: Person, origin: str, now: datetime | None = None) -> Person:
    """Erase a person's personal data — everything ``person`` names — irreversibly.

    The one erasure service: the private page, the API, the link sent to an address, the
    back-office, the account page and the retention rule all call it. In **one
    transaction**, holding the lock of every event the person is registered for (taken in
    the order of the events' ids, so two erasures never wait on each other): each live
    registration of an event that has not ended (at ``now``) is cancelled as any
    cancellation (the next in line is promoted and told); then every app's eraser runs;
    then the data-request log records the erasure per event concerned (kind and origin, no
    personal data) and ``signals.erased`` lets the audit trail note each registration's
    erasure without the erased values. A failure at any step rolls all of it back, so a
    person is never left half-erased. What is already erased is left alone; erasing an
    erased person changes nothing. Returns what was erased.
    """
    now = now or timezone.now()
    event_ids = sorted(set(Registration.objects.filter(
        pk__in=person.registrations, erased_at__isnull=True).values_list("event_id", flat=True)))
    with ExitStack() as stack:
        if event_ids:
            locked = {event_id: stack.enter_context(locked_event(event_id))
                      for event_id in event_ids}
        else:
            locked = {}
            stack.enter_context(transaction.atomic())
        registrations = list(Registration.objects.filter(
            pk__in=person.registrations, event_id__in=event_ids, erased_at__isnull=True,
        ).order_by("id"))
        enquiries = frozenset(Enquiry.objects.filter(pk__in=person.enquiries)
                              .values_list("pk", flat=True))
        remaining = Person(
            registrations=frozenset(r.pk for r in registrations), users=person.users,
            enquiries=enquiries,
            addresses=person.addresses | {r.email_normalised for r in registrations})
        if not remaining:
            return remaining
        logged_events = _events_of(remaining)
        for event_id in event_ids:
            event = locked[event_id]
            live = [r for r in registrations if r.event_id == event_id and r.is_live]
            if live and not has_ended(event, now):
                cancel_under_lock(live, event)
        personal_data.erase(remaining)
        for event_id in logged_events:
            record_request(kind=DataRequest.Kind.ERASURE, origin=origin, event_id=event_id)
        for registration in Registration.objects.filter(pk__in=remaining.registrations):
            registration.event = locked[registration.event_id]
            signals.erased.send(sender=Registration, event=registration.event,
                                registration=registration, origin=origin)
    return remaining


def erase_registration(*, registration: Registration, origin: str,
                       now: datetime | None = None) -> Registration:
    """Erase the person behind this one registration (its private link, an organiser, the
    retention rule): ``erase_person`` for this registration alone. Other registrations
    under the same address are someone else's to erase: a private link is handed to
    whoever filled in the form, which proves nothing about the address."""
    erase_person(person=Person(registrations=frozenset({registration.pk})), origin=origin,
                 now=now)
    return Registration.objects.get(pk=registration.pk)


# --- Everything under one address: a link sent to it -----------------------------------------

# A second link to the same address within this time is not sent (a form is not a way to
# fill someone's mailbox); the answer on the page is the same either way.
LINK_RESEND_AFTER = timedelta(minutes=2)


def send_address_link(*, address: str, language: str | None = None) -> bool:
    """Email a link to ``address`` that opens everything held under it (export, erasure),
    valid ``PRIVACY_ADDRESS_LINK_HOURS``. Sent only if the site holds something under the
    address and no link went there in the last two minutes; whoever asked is told the same
    in every case, so knowing an address never reveals whether, or what, the site holds.
    Returns whether a message was queued."""
    address = normalise_address(address)
    person = personal_data.person_at(address)
    if not person:
        return False
    if AddressLink.objects.filter(address=address,
                                  created_at__gt=timezone.now() - LINK_RESEND_AFTER).exists():
        return False
    secret = new_link_secret()
    message = render_email(
        to=[address], template="registration/email/data_link",
        context={"link_url": settings.SITE_URL + reverse("registration:address_data",
                                                         args=[secret]),
                 "hours": settings.PRIVACY_ADDRESS_LINK_HOURS},
        about=person.mail_keys, language=language)
    with transaction.atomic():
        store_address_link(address=address, secret=secret)
        queue_rendered(message)
    return True


def person_of_link(secret: str) -> Person | None:
    """Everything under the address a link was sent to, or None if the link is unknown or
    has expired."""
    address = address_of_link(secret)
    if address is None:
        return None
    return personal_data.person_at(address)


# --- The retention rule ---------------------------------------------------------------------


def registration_sweep(now: datetime) -> list[Due]:
    """Registrations of events whose retention period has passed at ``now``: each person
    erased in their own transaction (``erase_registration``, origin: the retention rule)."""
    found = []
    events = Event.objects.filter(registrations__erased_at__isnull=True).distinct()
    for event in events.order_by("ends_on", "id"):
        if timezone.localdate(now, event.tz) < event.registrations_erased_on:
            continue
        remaining = Registration.objects.filter(event=event, erased_at__isnull=True)
        found.append(Due(
            description=(f"registrations of {event.slug} (ended {event.ends_on:%Y-%m-%d}, "
                         f"kept {event.registration_months_kept} months)"),
            count=remaining.count(),
            erase=lambda remaining=remaining: _erase_each(remaining, now),
        ))
    return found


def _erase_each(registrations, now: datetime) -> int:
    erased = 0
    for registration in list(registrations.order_by("id").only("id", "event_id")):
        erase_registration(registration=registration, origin=Origin.RETENTION, now=now)
        erased += 1
    return erased


def enquiry_sweep(now: datetime) -> list[Due]:
    """Enquiries older than their event's retention period (months after sending), each
    erased on its own through ``erase_person`` (origin: the retention rule)."""
    return [Due(description=f"questions sent about {event.slug} more than {months} months ago",
                count=expired.count(),
                erase=lambda expired=expired: _erase_enquiries(expired, now))
            for event, months, expired in expired_enquiries(now)]


def _erase_enquiries(enquiries, now: datetime) -> int:
    erased = 0
    for pk in list(enquiries.values_list("pk", flat=True)):
        erase_person(person=Person(enquiries=frozenset({pk})), origin=Origin.RETENTION,
                     now=now)
        erased += 1
    return erased
