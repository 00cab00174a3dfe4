"""A participant's own agenda: the sessions they starred through their private link."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from safecities.programme.errors import RegistrationNotLive, SessionNotInEvent
from safecities.programme.models import AgendaPick, Session
from safecities.programme.queries import programme_of
from safecities.registration.models import Registration


def _check(registration: Registration, session: Session) -> None:
    if not registration.is_live:
        raise RegistrationNotLive()
    if (session.event_id != registration.event_id
            or not programme_of(registration.event).is_published):
        raise SessionNotInEvent()


def star(*, registration: Registration, session: Session) -> AgendaPick:
    """Add a session of the registration's event to its agenda. The rule: only a live
    registration (confirmed or waiting) picks, only sessions of its own event's published
    programme, each at most once (starring twice keeps one pick). Clashes between picks
    are allowed — people choose between them later — and shown on the agenda page.
    """
    _check(registration, session)
    try:
        with transaction.atomic():
            pick, _created = AgendaPick.objects.get_or_create(registration=registration,
                                                       session=session)
    except IntegrityError:  # the same pick made at the same moment by a second request
        pick = AgendaPick.objects.get(registration=registration, session=session)
    return pick


def unstar(*, registration: Registration, session: Session) -> None:
    """Remove a session from the agenda (nothing happens if it was not there)."""
    _check(registration, session)
    with transaction.atomic():
        AgendaPick.objects.filter(registration=registration, session=session).delete()
