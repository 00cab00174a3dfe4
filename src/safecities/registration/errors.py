from __future__ import annotations

from datetime import datetime

from django.utils import formats
from django.utils.translation import gettext as _


class RegistrationError(Exception):
    """Base of the registration app's errors. ``code`` is stable; the message is for people."""

    code = "registration_error"


class RegistrationNotOpen(RegistrationError):
    code = "registration_not_open"

    def __init__(self, *, opens_at: datetime | None = None, closed_at: datetime | None = None):
        self.opens_at = opens_at
        self.closed_at = closed_at
        if opens_at is not None:
            message = _("Registration is not open yet. It opens on %(when)s.") % {
                "when": formats.date_format(opens_at, "DATETIME_FORMAT")
            }
        else:
            message = _("Registration has closed.")
        super().__init__(message)


class EventNotPublished(RegistrationError):
    code = "event_not_published"

    def __init__(self):
        super().__init__(_("This event is not open to the public."))



class EmailAlreadyRegistered(RegistrationError):
    code = "email_already_registered"

    def __init__(self):
        super().__init__(_("This email address already holds a registration for this event."))


class NotOnWaitingList(RegistrationError):
    code = "not_on_waiting_list"

    def __init__(self):
        super().__init__(_("Only a registration on the waiting list can be confirmed from it."))


class NoPlaceFree(RegistrationError):
    code = "no_place_free"

    def __init__(self):
        super().__init__(_("Every place is taken: raise the capacity or wait for a cancellation."))


class NotFirstInLine(RegistrationError):
    code = "not_first_in_line"

    def __init__(self, position: int):
        self.position = position
        super().__init__(
            _("Places go in order of arrival: this person is number %(position)d in line, "
              "so the people before them are confirmed first.") % {"position": position}
        )


class NotConfirmed(RegistrationError):
    code = "not_confirmed"

    def __init__(self, status_label: str):
        super().__init__(
            _("Not admitted: this registration is not confirmed (%(status)s).")
            % {"status": status_label}
        )


class ReconfirmationClosed(RegistrationError):
    code = "reconfirmation_closed"

    def __init__(self):
        super().__init__(_("This question is closed: the registration is no longer confirmed."))


class ReleaseTooEarly(RegistrationError):
    code = "release_too_early"

    def __init__(self, deadline: datetime):
        super().__init__(_("People who have not answered can be released after %(when)s.") % {
            "when": formats.date_format(deadline, "DATETIME_FORMAT")})


class UnknownLanguage(RegistrationError):
    code = "unknown_language"

    def __init__(self, language: str):
        self.language = language
        super().__init__(_("Choose one of the languages offered."))
