"""The mail store's part of the privacy rules.

* Export: the messages sent to the person (subject, when, whether delivered).
* Erasure: every stored message that concerns the person (``MessageConcern``) — sent to
  them, or sent to someone else and naming them — with its delivery log, the attachments
  no other message uses, and its file in the demo's sent-mail folder. A message still
  queued for the person is never sent.
* Retention: the text of a message (and its attachments and delivery log) is kept
  ``PRIVACY_EMAIL_BODY_RETENTION_DAYS`` after delivery; then only the recipient, the
  subject and the dates remain, until the person's data is erased.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS, Attachment, Email, Log

from safecities.mailing import folder
from safecities.privacy.personal_data import Person, Provider, Section, json_value
from safecities.privacy.retention import Due, default_periods

STATUS_NAMES = {STATUS.sent: "sent", STATUS.failed: "failed", STATUS.queued: "queued",
                STATUS.requeued: "queued"}


def _messages_about(person: Person):
    return Email.objects.filter(concerns__person__in=person.mail_keys).distinct()


def export(person: Person) -> list[Section]:
    """Messages sent to the person. A message that also concerns someone else (a meeting
    request names the other person) keeps its subject back: the export holds nobody
    else's data; its date and status are still listed."""
    addresses = {address.lower() for address in person.addresses}
    own = set(person.mail_keys)
    rows = []
    for email in (_messages_about(person).prefetch_related("concerns")
                  .order_by("created", "id")):
        if not addresses & {address.lower() for address in email.to}:
            continue  # sent to someone else: theirs, not part of this person's copy
        others = {concern.person for concern in email.concerns.all()} - own
        rows.append({
            "subject": None if others else email.subject,
            "names_someone_else": bool(others),
            "queued_at": json_value(email.created),
            "status": STATUS_NAMES.get(email.status, "queued"),
            "sent_at": json_value(email.last_updated) if email.status == STATUS.sent else None,
        })
    return [Section(key="emails", title=_("Emails we sent you"), labels={
        "subject": _("Subject"),
        "names_someone_else": _("Names someone else (subject not shown)"),
        "queued_at": _("Written"), "status": _("Status"), "sent_at": _("Delivered"),
    }, records=rows)]


def erase(person: Person) -> int:
    emails = list(_messages_about(person).values_list("pk", "message_id"))
    if not emails:
        return 0
    ids = [pk for pk, _message_id in emails]
    attachments = set(Attachment.objects.filter(emails__in=ids).values_list("pk", flat=True))
    Email.objects.filter(pk__in=ids).delete()  # logs, concerns and attachment links go too
    _remove_unused_attachments(attachments)
    message_ids = [message_id for _pk, message_id in emails if message_id]
    transaction.on_commit(lambda: folder.remove_messages(message_ids))
    return len(ids)


def _remove_unused_attachments(candidates: set[int]) -> None:
    """Attachments no message uses any more, with their files (after the commit, so that a
    rolled-back erasure keeps them)."""
    unused = list(Attachment.objects.filter(pk__in=candidates, emails__isnull=True))
    files = [attachment.file for attachment in unused if attachment.file]
    Attachment.objects.filter(pk__in=[attachment.pk for attachment in unused]).delete()

    def remove_files():
        for file in files:
            file.storage.delete(file.name)

    transaction.on_commit(remove_files)


provider = Provider(name="mailing", export=export, erase=erase)


# --- Retention of message bodies ----------------------------------------------------------


def _delivered_before(cutoff: datetime):
    """Messages delivered (or given up on) before ``cutoff`` whose text is still kept."""
    return Email.objects.filter(status__in=[STATUS.sent, STATUS.failed],
                                last_updated__lt=cutoff).filter(
        ~Q(message="") | ~Q(html_message="") | Q(headers__isnull=False)
        | Q(context__isnull=False) | Q(attachments__isnull=False) | Q(logs__isnull=False)
    ).distinct()


def purge_bodies(cutoff: datetime) -> int:
    """Blank the text, headers and context of messages delivered before ``cutoff``; drop
    their attachments and delivery logs. The recipient, subject and dates stay."""
    purged = 0
    while True:
        batch = list(_delivered_before(cutoff).values_list("pk", flat=True)[:500])
        if not batch:
            return purged
        with transaction.atomic():
            attachments = set(Attachment.objects.filter(emails__in=batch)
                              .values_list("pk", flat=True))
            Attachment.emails.through.objects.filter(email_id__in=batch).delete()
            Log.objects.filter(email_id__in=batch).delete()
            # update() keeps last_updated (auto_now applies to save() only): the date stays.
            Email.objects.filter(pk__in=batch).update(message="", html_message="", headers=None,
                                                      context=None)
            _remove_unused_attachments(attachments)
        purged += len(batch)


def body_sweep(now: datetime) -> list[Due]:
    days = default_periods().email_body_days
    cutoff = now - timedelta(days=days)
    count = _delivered_before(cutoff).count()
    files = folder.count_older_than(days * 86400, now=now.timestamp())

    def erase_bodies() -> int:
        purged = purge_bodies(cutoff)
        folder.remove_older_than(days * 86400, now=now.timestamp())
        return purged

    return [Due(description=f"texts of emails delivered more than {days} days ago "
                            f"(and {files} files in the sent-mail folder)",
                count=count + files, erase=erase_bodies)]

