"""The programme app's errors. ``code`` is stable; the message is for people."""

from __future__ import annotations

from django.utils.translation import gettext as _


class ProgrammeError(Exception):
    code = "programme_error"


class Clash:
    """One broken rule found for a proposed session: which field it concerns and a message
    that names both sessions involved (or the session and the day).
    """

    def __init__(self, *, kind: str, field: str, message: str, other_id: int | None = None):
        self.kind = kind  # "room", "person", "day", "time"
        self.field = field  # the form field the message belongs next to
        self.message = message
        self.other_id = other_id

    def __repr__(self) -> str:
        return f"Clash({self.kind}: {self.message})"


class SessionRefused(ProgrammeError):
    """The edit would break a rule of the timetable; nothing was saved."""

    code = "session_clash"

    def __init__(self, clashes: list[Clash]):
        self.clashes = clashes
        super().__init__(" ".join(clash.message for clash in clashes))


class DayRefused(ProgrammeError):
    code = "day_refused"


class AgendaError(ProgrammeError):
    code = "agenda_error"


class RegistrationNotLive(AgendaError):
    code = "registration_cancelled"

    def __init__(self):
        super().__init__(_("This registration is cancelled: its agenda can no longer change."))


class SessionNotInEvent(AgendaError):
    code = "not_found"

    def __init__(self):
        super().__init__(_("That session is not in this exchange's programme."))


class NotRapporteur(ProgrammeError):
    code = "not_rapporteur"

    def __init__(self):
        super().__init__(_("Only the session's rapporteur or an organiser can write its "
                           "summary and lessons."))
