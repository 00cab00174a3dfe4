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


class RegistrationCancelled(RegistrationError):
    code = "registration_cancelled"

    def __init__(self):
        super().__init__(_("This registration has been cancelled."))
