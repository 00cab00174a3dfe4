"""A registrant's data: the export, the one erasure service, and the retention rule.

``erase_registration`` is the only way a registration's personal data is erased — by the
person (private page or API), by an organiser (back-office), or by the retention rule
(``safecities purge_expired``). The rule: under the event's lock, a live registration of
an event that has not ended is cancelled first, exactly as any cancellation (the next in
line is promoted and told, their meetings are cancelled); then every app's eraser
(``privacy.personal_data``) removes its part, in the same transaction, so a failure at
any step leaves the person untouched. What remains is the row's id (its place in line),
status, times and position at registration — nothing that identifies the person; the
private link, the reference and the check-in code are replaced by values nobody knows.
Nothing else ever erases: not a cancellation, not a second registration.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from safecities.events.locking import locked_event
from safecities.events.models import Event
from safecities.privacy import personal_data
from safecities.privacy.models import DataRequest
from safecities.privacy.personal_data import Person, Provider, Section, json_value
from safecities.privacy.retention import Due
from safecities.privacy.services import record_request
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


provider = Provider(name="registration", export=export, erase=erase)


# --- The services ---------------------------------------------------------------------------


def export_registration(*, registration: Registration, origin: str = Origin.PERSON
                        ) -> list[Section]:
    """Everything the site holds about the person behind this registration, from every
    app (``privacy.personal_data``), and a line in the data-request log."""
    sections = personal_data.export(person_of(registration))
    with transaction.atomic():
        record_request(kind=DataRequest.Kind.EXPORT, origin=origin,
                       event_id=registration.event_id)
    return sections


def has_ended(event: Event, now: datetime) -> bool:
    return timezone.localdate(now, event.tz) > event.ends_on


def erase_registration(*, registration: Registration, origin: str,
                       now: datetime | None = None) -> Registration:
    """Erase the personal data of this registration's person — irreversibly.

    Under the event's lock, in one transaction: a live registration of an event that has
    not ended (at ``now``) is cancelled as any cancellation (the next in line is promoted
    and told); then every app's eraser runs; then the data-request log records the erasure
    (kind and origin, no personal data) and ``signals.erased`` lets the audit trail note it
    without the erased values. A failure at any step rolls all of it back. Erasing an
    erased registration changes nothing.
    """
    now = now or timezone.now()
    with locked_event(registration.event_id) as locked:
        current = Registration.objects.get(pk=registration.pk)
        current.event = locked
        if current.is_erased:
            return current
        if current.is_live and not has_ended(locked, now):
            cancel_under_lock([current], locked)
        personal_data.erase(Person(registrations=frozenset({current.pk})))
        record_request(kind=DataRequest.Kind.ERASURE, origin=origin, event_id=locked.pk)
        current.refresh_from_db()
        current.event = locked
        signals.erased.send(sender=Registration, event=locked, registration=current,
                            origin=origin)
    return current


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
