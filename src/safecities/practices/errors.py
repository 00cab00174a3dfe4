"""The library's errors. ``code`` is stable (the API answers with it); the message is for people."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class PracticeError(Exception):
    code = "practice_error"
    message = _("This cannot be done.")

    def __init__(self, message: str | None = None):
        super().__init__(str(message or self.message))


class NotEditable(PracticeError):
    code = "not_editable"
    message = _("This practice is with the reviewers and cannot be changed now.")


class Incomplete(PracticeError):
    code = "incomplete"
    message = _("Some required parts of the practice are still missing.")

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__()


class NotSubmitted(PracticeError):
    code = "not_submitted"
    message = _("The practice has not been submitted for review.")


class ReviewerNotAllowed(PracticeError):
    code = "reviewer_not_allowed"


class ReviewClosed(PracticeError):
    code = "review_closed"
    message = _("This review has already been submitted.")


class NotEnoughReviews(PracticeError):
    code = "not_enough_reviews"
    message = _("Publishing needs at least two submitted reviews in this round.")


class CallClosed(PracticeError):
    code = "call_closed"
    message = _("This call for practices is closed.")


class UpdatePending(PracticeError):
    code = "update_pending"
    message = _("An update of this practice is already being written or reviewed.")


class InvalidLink(PracticeError):
    code = "invalid_link"
    message = _("This link is not valid or has expired. Ask for a new one.")


class AttachmentRefused(PracticeError):
    code = "attachment_refused"
