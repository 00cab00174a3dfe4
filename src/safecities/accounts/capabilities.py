"""The one table of who may do what: each capability, the roles that grant it, and whether
it needs a session that passed the second factor.

A capability needs the second factor when it can change what the public sees or read other
people's personal data. docs/security.md prints this table; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# --- Roles --------------------------------------------------------------------------------
# Per event (stored by the back-office, ``EventRole``, and the programme, ``Rapporteur``).
ORGANISER = "organiser"
CHECKIN = "checkin"
RAPPORTEUR = "rapporteur"
REVIEWER = "reviewer"
# Per city (stored by the cities app: an approved ``CityContact``).
REPRESENTATIVE = "representative"
# Site-wide.
SITE_ADMINISTRATOR = "site_administrator"  # a superuser: the only role the admin opens for
ACCOUNT = "account"  # anyone signed in: contributors, people asking to represent a city

ROLE_NAMES: dict[str, Promise] = {
    ORGANISER: _("organiser"),
    CHECKIN: _("door staff (check-in)"),
    RAPPORTEUR: _("rapporteur"),
    REVIEWER: _("reviewer"),
    REPRESENTATIVE: _("city representative"),
    SITE_ADMINISTRATOR: _("site administrator"),
    ACCOUNT: _("signed-in person"),
}

# People with these roles must have a second factor (an authenticator app) before any
# capability that needs it opens for them; they are asked to set it up at sign-in.
SECOND_FACTOR_REQUIRED = frozenset({ORGANISER, RAPPORTEUR, REVIEWER, SITE_ADMINISTRATOR})


@dataclass(frozen=True)
class Capability:
    name: str
    roles: frozenset[str]
    second_factor: bool
    description: Promise


def _capability(name: str, roles: set[str], second_factor: bool, description: Promise):
    # The site administrator may do everything.
    return Capability(name, frozenset(roles | {SITE_ADMINISTRATOR}), second_factor, description)


# --- The back-office (target: an event) ---------------------------------------------------
DASHBOARD = "event.dashboard"
REGISTRANTS = "event.registrants"
MANAGE_REGISTRATIONS = "event.manage_registrations"
EXPORT = "event.export"
ANNOUNCE = "event.announce"
BADGES = "event.badges"
CHECK_IN = "event.check_in"
AUDIT = "event.audit"
QUESTIONS = "event.questions"
RECONFIRM = "event.reconfirm"
TEAM = "event.team"
EDIT_EVENT = "event.edit"
# --- The programme (target: an event) -----------------------------------------------------
PREVIEW_PROGRAMME = "event.preview_programme"
EDIT_PROGRAMME = "event.edit_programme"
REPORT_OUTCOMES = "event.report_outcomes"
MEETINGS_SCHEDULE = "event.meetings_schedule"
# --- The good-practice library (target: a practice, or nothing for "anywhere") ------------
CONTRIBUTE = "practices.contribute"
REVIEW = "practices.review"
MANAGE_PRACTICES = "practices.manage"
# --- Cities (target: a city) --------------------------------------------------------------
ASK_TO_REPRESENT = "cities.ask_to_represent"
EDIT_CITY = "cities.edit"
OVERSEE_CITIES = "cities.oversee"
# --- The site -----------------------------------------------------------------------------
ADMIN_SITE = "site.admin"

TABLE: dict[str, Capability] = {c.name: c for c in [
    _capability(DASHBOARD, {ORGANISER}, True, _("see the event's dashboard")),
    _capability(REGISTRANTS, {ORGANISER}, True, _("read the event's registrants")),
    _capability(MANAGE_REGISTRATIONS, {ORGANISER}, True,
                _("change, cancel and confirm registrations")),
    _capability(EXPORT, {ORGANISER}, True, _("export the registrants")),
    _capability(ANNOUNCE, {ORGANISER}, True, _("email announcements to registrants")),
    _capability(BADGES, {ORGANISER}, True, _("print badges and certificates")),
    _capability(CHECK_IN, {ORGANISER, CHECKIN}, True, _("check people in at the door")),
    _capability(AUDIT, {ORGANISER}, True, _("read the audit trail")),
    _capability(QUESTIONS, {ORGANISER}, True, _("change the registration form's questions")),
    _capability(RECONFIRM, {ORGANISER}, True, _("ask registrants to reconfirm")),
    _capability(TEAM, {ORGANISER}, True, _("give and remove the event's roles")),
    _capability(EDIT_EVENT, {ORGANISER}, True,
                _("change the event's public details and registration settings")),
    _capability(PREVIEW_PROGRAMME, {ORGANISER}, False,
                _("see the programme before it is published")),
    _capability(EDIT_PROGRAMME, {ORGANISER}, True,
                _("publish the programme and the outcomes, and choose rapporteurs")),
    _capability(REPORT_OUTCOMES, {ORGANISER, RAPPORTEUR}, True,
                _("write session summaries, lessons and commitments")),
    _capability(MEETINGS_SCHEDULE, {ORGANISER}, True,
                _("read the bilateral meetings' schedule")),
    _capability(CONTRIBUTE, {ACCOUNT}, False, _("write and submit practices")),
    _capability(REVIEW, {REVIEWER}, True, _("review the practices assigned to you")),
    _capability(MANAGE_PRACTICES, {ORGANISER}, True,
                _("assign reviewers and decide on practices")),
    _capability(ASK_TO_REPRESENT, {ACCOUNT}, False, _("ask to represent a city")),
    _capability(EDIT_CITY, {REPRESENTATIVE}, True,
                _("edit a city's profile and self-assessment, and ask other cities")),
    _capability(OVERSEE_CITIES, set(), True,
                _("follow every request between cities and decide who represents a city")),
    _capability(ADMIN_SITE, set(), True, _("use the admin")),
]}


def capability(name: str) -> Capability:
    return TABLE[name]
