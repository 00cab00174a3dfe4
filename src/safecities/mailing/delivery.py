"""One delivery round: turn pending changes into queued mail, then send the queue."""

from __future__ import annotations

from dataclasses import dataclass

from post_office.mail import send_queued

from safecities.mailing.outbox import run_producers


@dataclass(frozen=True)
class Round:
    queued: int
    sent: int
    failed: int
    to_retry: int


def deliver() -> Round:
    """Queue what the apps have pending, then try to send every due message over SMTP.

    A message that fails while SMTP is unreachable is requeued for a later round
    (``MAIL_RETRY_SECONDS``); nothing is dropped.
    """
    queued = run_producers()
    sent, failed, to_retry = send_queued(processes=1, log_level=0)
    return Round(queued=queued, sent=sent, failed=failed, to_retry=to_retry)
