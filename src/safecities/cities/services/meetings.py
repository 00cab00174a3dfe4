"""Bilateral meetings at an exchange: opting in, asking, answering, cancelling.

The rule: **an accepted meeting holds one slot and one table; nobody and no table is
ever booked twice in a slot.** Accepting takes the earliest organiser-defined slot in
which both people are free and a table is free, and the first free table in it. The
decision runs under the event's lock (``safecities.events.locking.locked_event``, the one
locking primitive, see docs/architecture.md), so acceptances for one event are decided
one after another whatever the number of servers; the database enforces the rule as
well (one booking per person and slot, one accepted meeting per table and slot).

Each change sets ``notice_pending`` in the same transaction; the mail worker tells the
people concerned (``cities.emails``), with a calendar file once a meeting is accepted.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from safecities.cities.errors import (
    AlreadyAsked,
    MeetingError,
    NoSlotFree,
    NotConfirmed,
    NotOptedIn,
    NotPending,
)
from safecities.cities.models import (
    City,
    MeetingBooking,
    MeetingProfile,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
)
from safecities.events.locking import locked_event
from safecities.registration.models import Registration

Status = MeetingRequest.Status
LIVE = [Status.PENDING, Status.ACCEPTED]


def _check_confirmed(registration: Registration) -> None:
    if registration.status != Registration.Status.CONFIRMED:
        raise NotConfirmed()


def opt_in(*, registration: Registration, interests: str = "",
           city: City | None = None) -> MeetingProfile:
    """A confirmed participant opts in to meetings (or updates what they would like to
    discuss). Others who opted in see their name, organisation, city and interests —
    never their email address."""
    _check_confirmed(registration)
    with transaction.atomic():
        profile, _created = MeetingProfile.objects.update_or_create(
            registration=registration,
            defaults={"interests": interests.strip(), "city": city, "opted_in": True})
    return profile


def opt_out(*, registration: Registration) -> None:
    """Stop being shown to others. Meetings already accepted stay; nobody new can ask."""
    MeetingProfile.objects.filter(registration=registration).update(opted_in=False)


def _is_open(registration: Registration) -> bool:
    return MeetingProfile.objects.filter(registration=registration, opted_in=True).exists()


def request_meeting(*, requester: Registration, invitee: Registration,
                    message: str) -> MeetingRequest:
    """Ask another opted-in, confirmed participant of the same event for a meeting. Two
    people have at most one live (waiting or accepted) request between them."""
    if requester.pk == invitee.pk:
        raise MeetingError("cannot meet oneself")
    if requester.event_id != invitee.event_id:
        raise MeetingError("not the same event")
    with locked_event(requester.event_id):
        requester = Registration.objects.get(pk=requester.pk)
        invitee = Registration.objects.get(pk=invitee.pk)
        _check_confirmed(requester)
        _check_confirmed(invitee)
        if not (_is_open(requester) and _is_open(invitee)):
            raise NotOptedIn()
        pair = (MeetingRequest.objects.filter(requester=requester, invitee=invitee)
                | MeetingRequest.objects.filter(requester=invitee, invitee=requester))
        if pair.filter(status__in=LIVE).exists():
            raise AlreadyAsked()
        return MeetingRequest.objects.create(event_id=requester.event_id, requester=requester,
                                             invitee=invitee, message=message.strip())


def free_place(event_id: int, people: list[int]) -> tuple[MeetingSlot, MeetingTable] | None:
    """The earliest slot in which none of ``people`` is booked and a table is free, with
    the first free table in it; None if there is none. Read under the event's lock."""
    slots = list(MeetingSlot.objects.filter(event_id=event_id).order_by("starts_at", "id"))
    tables = list(MeetingTable.objects.filter(event_id=event_id).order_by("position", "id"))
    if not slots or not tables:
        return None
    busy_slots = set(MeetingBooking.objects.filter(slot__event_id=event_id,
                                                   registration_id__in=people)
                     .values_list("slot_id", flat=True))
    used: dict[int, set[int]] = {}
    for slot_id, table_id in MeetingRequest.objects.filter(
            event_id=event_id, status=Status.ACCEPTED).values_list("slot_id", "table_id"):
        used.setdefault(slot_id, set()).add(table_id)
    for slot in slots:
        if slot.pk in busy_slots:
            continue
        for table in tables:
            if table.pk not in used.get(slot.pk, set()):
                return slot, table
    return None


def accept(*, meeting: MeetingRequest, by: Registration) -> MeetingRequest:
    """The invitee accepts: the meeting gets the earliest slot in which both are free and
    a table is free (``free_place``), and both are booked in it. Refused with
    ``NoSlotFree`` if there is no such slot (the request stays waiting), and for anyone
    but the invitee, for a request already answered, or if either is no longer confirmed.
    """
    with locked_event(meeting.event_id):
        meeting = MeetingRequest.objects.select_for_update().get(pk=meeting.pk)
        if meeting.invitee_id != by.pk:
            raise MeetingError("only the invitee accepts")
        if meeting.status != Status.PENDING:
            raise NotPending()
        people = [meeting.requester_id, meeting.invitee_id]
        for registration in Registration.objects.filter(pk__in=people):
            _check_confirmed(registration)
        place = free_place(meeting.event_id, people)
        if place is None:
            raise NoSlotFree()
        meeting.slot, meeting.table = place
        meeting.status = Status.ACCEPTED
        meeting.decided_at = timezone.now()
        meeting.notice_pending = True
        meeting.save(update_fields=["slot", "table", "status", "decided_at", "notice_pending"])
        MeetingBooking.objects.bulk_create([
            MeetingBooking(meeting=meeting, slot=meeting.slot, registration_id=person)
            for person in people])
    return meeting


def decline(*, meeting: MeetingRequest, by: Registration) -> MeetingRequest:
    """The invitee declines a waiting request; the requester is told."""
    with locked_event(meeting.event_id):
        meeting = MeetingRequest.objects.select_for_update().get(pk=meeting.pk)
        if meeting.invitee_id != by.pk:
            raise MeetingError("only the invitee declines")
        if meeting.status != Status.PENDING:
            raise NotPending()
        meeting.status = Status.DECLINED
        meeting.decided_at = timezone.now()
        meeting.notice_pending = True
        meeting.save(update_fields=["status", "decided_at", "notice_pending"])
    return meeting


def cancel(*, meeting: MeetingRequest, by: Registration | None) -> MeetingRequest:
    """Either person (or an organiser: ``by=None``) cancels a waiting or accepted meeting;
    its slot and table are freed for others, and the other person is told."""
    with locked_event(meeting.event_id):
        meeting = MeetingRequest.objects.select_for_update().get(pk=meeting.pk)
        if by is not None and by.pk not in (meeting.requester_id, meeting.invitee_id):
            raise MeetingError("not one of the two")
        if meeting.status not in LIVE:
            raise NotPending()
        MeetingBooking.objects.filter(meeting=meeting).delete()
        meeting.status = Status.CANCELLED
        meeting.slot = meeting.table = None
        meeting.decided_at = timezone.now()
        meeting.notice_pending = True
        meeting.save(update_fields=["status", "slot", "table", "decided_at", "notice_pending"])
    return meeting


def cancel_meetings_of(*, registrations: list[Registration]) -> int:
    """When people cancel their registration, their waiting and accepted meetings are
    cancelled too (slots and tables freed; the other person is told). Returns how many."""
    meetings = list(MeetingRequest.objects.filter(
        Q(requester__in=registrations) | Q(invitee__in=registrations), status__in=LIVE))
    for meeting in meetings:
        cancel(meeting=meeting, by=None)
    return len(meetings)
