"""The outcomes of an exchange: rapporteurs (a role scoped to one event), the summaries
and lessons they write for their sessions, and the commitments cities made.

Who may write (the capability ``event.report_outcomes`` of the one permission rule): the
session's rapporteur, or an organiser of its event. Text is stored as
typed (Markdown) and sanitised when shown (``safecities.richtext``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from safecities.accounts.capabilities import (
    ORGANISER,
    RAPPORTEUR,
    REPORT_OUTCOMES,
    SITE_ADMINISTRATOR,
)
from safecities.accounts.permissions import holds, roles_for
from safecities.accounts.roles import EVENT, Grant, Scope
from safecities.events.models import Event
from safecities.practices.models import Characteristic, Practice
from safecities.programme.errors import NotRapporteur, ProgrammeError
from safecities.programme.models import (
    Commitment,
    Lesson,
    Programme,
    Rapporteur,
    Session,
    SessionReport,
)


def is_organiser(user: AbstractBaseUser, event_id: int) -> bool:
    """May write the outcomes of every session of the event (its organisers)."""
    scope = Scope(EVENT, event_id)
    return holds(user, REPORT_OUTCOMES, scope) and bool(
        roles_for(user, scope) & {ORGANISER, SITE_ADMINISTRATOR})


def may_report_on(user: AbstractBaseUser, session: Session) -> bool:
    """The session's rapporteur or an organiser of its event."""
    if not holds(user, REPORT_OUTCOMES, Scope(EVENT, session.event_id)):
        return False
    if is_organiser(user, session.event_id):
        return True
    return bool(session.rapporteur_id and session.rapporteur.user_id == user.pk)


def rapporteur_grants(user):
    """The role source registered with the rule: a ``Rapporteur`` row is the rapporteur
    role for its event."""
    for event_id in Rapporteur.objects.filter(user=user).values_list("event_id", flat=True):
        yield Grant(RAPPORTEUR, Scope(EVENT, event_id))


def _require(user: AbstractBaseUser, session: Session) -> None:
    if not may_report_on(user, session):
        raise NotRapporteur()


def assign_rapporteur(*, session: Session, user: AbstractBaseUser | None) -> Rapporteur | None:
    """Make ``user`` the session's rapporteur (giving them the rapporteur role for the
    session's event if they lack it), or take the rapporteur away with ``None``. The role
    lets them write the summaries and lessons of their own sessions in this event only.
    """
    with transaction.atomic():
        role = None
        if user is not None:
            role, _created = Rapporteur.objects.get_or_create(event_id=session.event_id, user=user)
        Session.objects.filter(pk=session.pk).update(rapporteur=role)
        session.rapporteur = role
        return role


def write_summary(*, session: Session, user: AbstractBaseUser, summary: str) -> SessionReport:
    """Keep the session's summary as written by its rapporteur or an organiser."""
    _require(user, session)
    with transaction.atomic():
        report, _created = SessionReport.objects.update_or_create(
            session=session, defaults={"summary": summary.strip(), "written_by": user})
        return report


def save_lesson(
    *,
    lesson: Lesson,
    user: AbstractBaseUser,
    characteristics: Iterable[Characteristic],
    practices: Iterable[Practice] = (),
) -> Lesson:
    """Save a lesson of a session (new or changed). The rule: written by the session's
    rapporteur or an organiser; serves at least one characteristic; draws only on
    published practices.
    """
    _require(user, lesson.session)
    characteristics = list(characteristics)
    practices = list(practices)
    if not characteristics:
        raise ProgrammeError(_("A lesson serves at least one of the seven characteristics."))
    if any(practice.status != Practice.Status.PUBLISHED for practice in practices):
        raise ProgrammeError(_("A lesson draws only on published practices."))
    with transaction.atomic():
        lesson.statement = lesson.statement.strip()
        lesson.written_by = user
        lesson.full_clean(exclude=["characteristics", "practices", "written_by"])
        lesson.save()
        lesson.characteristics.set(characteristics)
        lesson.practices.set(practices)
        return lesson


def delete_lesson(*, lesson: Lesson, user: AbstractBaseUser) -> None:
    _require(user, lesson.session)
    with transaction.atomic():
        lesson.delete()


def save_commitment(
    *,
    commitment: Commitment,
    user: AbstractBaseUser,
    characteristics: Iterable[Characteristic] = (),
) -> Commitment:
    """Record what a city committed to. The rule: an organiser records any commitment of
    the event; a rapporteur only those made in one of their sessions.
    """
    if commitment.session_id is not None:
        if commitment.session.event_id != commitment.event_id:
            raise ProgrammeError(_("That session is not in this event."))
        _require(user, commitment.session)
    elif not is_organiser(user, commitment.event_id):
        raise NotRapporteur()
    with transaction.atomic():
        commitment.full_clean(exclude=["characteristics"])
        commitment.save()
        commitment.characteristics.set(list(characteristics))
        return commitment


def set_outcomes_introduction(*, event: Event, introduction: str, published: bool) -> None:
    """The organisers' introduction to the outcomes, and whether the outcomes are public."""
    with transaction.atomic():
        Programme.objects.update_or_create(
            event=event, defaults={"outcomes_introduction": introduction.strip(),
                                   "outcomes_published": published})
