"""One delivery round: turn pending changes into queued mail, then send the queue.

The rules (docs/architecture.md, "The mail queue"):

* **Claimed in small batches.** A worker claims up to ``MAIL_CLAIM_BATCH`` due messages
  by moving their ``scheduled_time`` past the claim's lease (``MAIL_CLAIM_SECONDS``) in
  one short transaction; on PostgreSQL the candidate rows are picked with ``SKIP LOCKED``,
  so several workers on several machines never take the same message and never wait for
  each other. No transaction stays open while SMTP talks.
* **Marked sent the moment SMTP accepts it.** A worker killed at any moment leaves at most
  the one message it was sending unmarked: its claim runs out and it is sent again (at
  most one duplicate per crash); nothing is lost.
* **Permanent failures stop.** An address or a message the server refuses for good (a
  5xx reply to the recipient or the data) is marked failed at once, with the server's
  reply kept in the delivery log, and listed to the organisers (``undelivered``).
* **Temporary failures back off.** A 4xx reply, a refused or broken connection, a
  time-out: the message is tried again after ``MAIL_RETRY_SECONDS``, doubling with each
  try up to an hour, until ``MAIL_MAX_RETRIES``.
"""

from __future__ import annotations

import contextlib
import secrets
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from post_office.models import STATUS, Email, Log
from post_office.settings import get_backend

from safecities.mailing.outbox import run_producers

LONGEST_RETRY_WAIT = timedelta(hours=1)


@dataclass(frozen=True)
class Round:
    queued: int
    sent: int
    failed: int
    to_retry: int
    # The round stopped early: the SMTP server could not be reached (the worker waits
    # longer before the next round, and the rest of the queue waits untouched).
    unreachable: bool = False


def deliver() -> Round:
    """Queue what the apps have pending, then send every due message, one by one.

    A message that fails for a while (SMTP unreachable, 4xx) is requeued for a later round
    with a growing wait; one refused for good (5xx) is marked failed; nothing is dropped.
    """
    queued = run_producers()
    sent = failed = to_retry = 0
    unreachable = False
    tried: set[int] = set()
    sender = _Sender()
    try:
        while batch := _claim(exclude=tried):
            for position, email in enumerate(batch):
                outcome = sender.send(email)
                if outcome == STATUS.requeued:
                    tried.add(email.pk)  # due again at once only with no retry wait
                sent += outcome == STATUS.sent
                failed += outcome == STATUS.failed
                to_retry += outcome == STATUS.requeued
                if sender.unreachable:
                    _release(batch[position + 1:])
                    unreachable = True
                    break
            if unreachable:
                break
    finally:
        sender.close()
    return Round(queued=queued, sent=sent, failed=failed, to_retry=to_retry,
                 unreachable=unreachable)


def _due(now):
    return Email.objects.filter(
        Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now),
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        status__in=[STATUS.queued, STATUS.requeued],
    )


def _claim(*, exclude: set[int]) -> list[Email]:
    """Claim up to ``MAIL_CLAIM_BATCH`` due messages for ``MAIL_CLAIM_SECONDS``, in the
    order they were queued (highest priority first); [] when none is due.

    The conditional update makes the claim safe on any database (two workers that picked
    the same rows: each row is updated by one of them only; the other sends only what its
    update took); SKIP LOCKED spares PostgreSQL workers from queueing behind each other's
    row locks. A batch saves write transactions; each message is still marked sent on
    its own, so a crash duplicates at most the one being sent (the rest of the batch waits
    for its claim to run out).
    """
    now = timezone.now()
    with transaction.atomic():
        candidates = list(_due(now).exclude(pk__in=exclude)
                          .order_by("-priority", "pk")
                          .select_for_update(skip_locked=True)
                          .values_list("pk", flat=True)[:settings.MAIL_CLAIM_BATCH])
        if not candidates:
            return []
        lease = now + timedelta(seconds=settings.MAIL_CLAIM_SECONDS)
        # Marked by the lease itself: the rows this update took are the ones now at it.
        token = lease.replace(microsecond=secrets.randbelow(1_000_000))
        _due(now).filter(pk__in=candidates).update(scheduled_time=token)
        claimed = set(Email.objects.filter(pk__in=candidates, scheduled_time=token)
                      .values_list("pk", flat=True))
    exclude.update(set(candidates) - claimed)  # another worker's: not ours this round
    return list(Email.objects.filter(pk__in=claimed).prefetch_related("attachments")
                .order_by("-priority", "pk"))


def _release(emails: list[Email]) -> None:
    """Give back claimed messages not tried (the server went away): due at once again."""
    Email.objects.filter(pk__in=[email.pk for email in emails],
                         status__in=[STATUS.queued, STATUS.requeued]).update(
        scheduled_time=timezone.now())


def _permanent(error: Exception) -> bool:
    """A reply that no retry will change: the recipient or the message refused with 5xx.

    A refused sender or sign-in is the site's configuration, not the message: those are
    retried (and logged) until someone fixes the settings.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600
    return False


def _describe(error: Exception) -> str:
    """The server's reply, for the organisers' list of undelivered mail."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{code} {reply.decode(errors='replace')}"
                         for code, reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error
        text = message.decode(errors="replace") if isinstance(message, bytes) else str(message)
        return f"{error.smtp_code} {text}"
    return type(error).__name__


class _Sender:
    """One SMTP connection kept open across messages, opened again after any error."""

    def __init__(self) -> None:
        self.connection = None
        self.unreachable = False

    def send(self, email: Email) -> int:
        try:
            message = email.prepare_email_message()
            if message.recipients():
                if self.connection is None:
                    self.connection = get_connection(get_backend(email.backend_alias or "default"))
                    self.connection.open()
                self.connection.send_messages([message])
        except Exception as error:  # SMTP, socket and rendering errors alike
            self.close()
            # No server to talk to (refused, reset, timed out): the next message would fare
            # no better in this round.
            self.unreachable = isinstance(
                error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError
            ) or (isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException))
            return _record_failure(email, error)
        Email.objects.filter(pk=email.pk).update(
            status=STATUS.sent, scheduled_time=None, last_updated=timezone.now())
        return STATUS.sent

    def close(self) -> None:
        if self.connection is not None:
            # A connection that already broke cannot be closed politely.
            with contextlib.suppress(Exception):
                self.connection.close()
            self.connection = None


def _record_failure(email: Email, error: Exception) -> int:
    now = timezone.now()
    retries = (email.number_of_retries or 0) + 1
    if _permanent(error) or retries > settings.POST_OFFICE["MAX_RETRIES"]:
        status, scheduled = STATUS.failed, None
    else:
        wait = settings.POST_OFFICE["RETRY_INTERVAL"] * 2 ** min(retries - 1, 16)
        status, scheduled = STATUS.requeued, now + min(wait, LONGEST_RETRY_WAIT)
    with transaction.atomic():
        Email.objects.filter(pk=email.pk).update(
            status=status, scheduled_time=scheduled, number_of_retries=retries,
            last_updated=now)
        Log.objects.create(email_id=email.pk, status=STATUS.failed, message=_describe(error),
                           exception_type=type(error).__name__)
    return status
