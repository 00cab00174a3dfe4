"""The cities app's errors. ``code`` is stable (the API answers with it); the message is
for people."""

from __future__ import annotations

from django.utils.translation import gettext as _


class CitiesError(Exception):
    code = "cities_error"


class NotAllowed(CitiesError):
    code = "not_allowed"

    def __init__(self, message: str | None = None):
        super().__init__(message or _("You may not do this for this city."))


class InstrumentError(CitiesError):
    code = "instrument_error"


class InvalidValues(CitiesError):
    """Values that cannot be stored; ``errors`` maps an indicator code (or a CSV row
    number) to the messages that say what is wrong; ``field_errors`` (for forms) maps an
    indicator code to its messages by field."""

    code = "invalid_values"

    def __init__(self, errors: dict[object, list[str]],
                 field_errors: dict[str, dict[str, list[str]]] | None = None):
        self.errors = errors
        self.field_errors = field_errors or {}
        super().__init__(_("Some values could not be saved; nothing was changed."))


class LearningRequestError(CitiesError):
    code = "learning_request_error"


class MeetingError(CitiesError):
    code = "meeting_error"


class NotConfirmed(MeetingError):
    code = "not_confirmed"

    def __init__(self):
        super().__init__(_("Only confirmed participants can take part in meetings."))


class NotOptedIn(MeetingError):
    code = "not_opted_in"

    def __init__(self):
        super().__init__(_("Both people must be open to meetings."))


class AlreadyAsked(MeetingError):
    code = "already_asked"

    def __init__(self):
        super().__init__(_("There is already a meeting request between you two."))


class NotPending(MeetingError):
    code = "not_pending"

    def __init__(self):
        super().__init__(_("This request has already been answered."))


class NoSlotFree(MeetingError):
    code = "no_slot_free"

    def __init__(self):
        super().__init__(_("No meeting slot has a free table when you are both free. Ask the "
                           "organisers for more slots or tables."))
