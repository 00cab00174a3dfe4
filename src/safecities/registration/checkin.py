"""Check-in at the door: who came, when, and who let them in."""

from __future__ import annotations

from dataclasses import dataclass

from safecities.events.locking import locked_event
from safecities.registration.errors import NotConfirmed
from safecities.registration.models import CheckIn, Registration


@dataclass(frozen=True)
class CheckInOutcome:
    checkin: CheckIn
    # False when the person had already been checked in: the door shows the first check-in.
    first_time: bool


def check_in(*, registration: Registration, staff) -> CheckInOutcome:
    """Mark a confirmed participant present, once: a second check-in of the same person
    returns the first (time and staff member) and counts nothing twice. Anyone not
    confirmed (waiting, cancelled) is refused with ``NotConfirmed``. Runs under the event's
    lock so that a cancellation and a check-in of the same person cannot cross.
    """
    with locked_event(registration.event_id):
        current = Registration.objects.select_related("checkin").get(pk=registration.pk)
        existing = getattr(current, "checkin", None)
        if existing is not None:
            return CheckInOutcome(checkin=existing, first_time=False)
        if current.status != Registration.Status.CONFIRMED:
            raise NotConfirmed(current.get_status_display())
        checkin = CheckIn.objects.create(registration=current, checked_in_by=staff)
        return CheckInOutcome(checkin=checkin, first_time=True)
