from __future__ import annotations

from django.utils.translation import gettext as _


class BackofficeError(Exception):
    """Base of the back-office's errors. ``code`` is stable; the message is for people."""

    code = "backoffice_error"


class NoRecipients(BackofficeError):
    code = "no_recipients"

    def __init__(self):
        super().__init__(_("Nobody in this group can receive announcements."))


class UnknownPerson(BackofficeError):
    code = "unknown_person"

    def __init__(self):
        super().__init__(_("No account has this user name. Ask the site administrator to "
                           "create it first."))
