"""The demo's "sent mail": each message written to its own file, never sent.

Django's file backend writes every message of a connection into one file; this one writes
one ``.eml`` file per message (a mail program opens it), named after its Message-ID, so
that erasing a person or the retention rule can remove exactly the messages concerned
(``remove_messages``, ``remove_older_than``).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


def folder() -> Path:
    return Path(settings.EMAIL_FILE_PATH)


def file_name(message_id: str) -> str:
    return hashlib.sha256(message_id.strip().encode()).hexdigest()[:32] + ".eml"


class MailFolderBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        target = folder()
        target.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            mime = message.message()
            path = target / file_name(str(mime["Message-ID"]))
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(mime.as_bytes(linesep="\r\n"))
            os.replace(temporary, path)
            sent += 1
        return sent


def remove_messages(message_ids: Iterable[str]) -> int:
    """Delete the files of these messages; returns how many there were."""
    removed = 0
    for message_id in message_ids:
        path = folder() / file_name(message_id)
        if path.exists():
            path.unlink()
            removed += 1
    return removed


def remove_older_than(seconds: float, now: float | None = None) -> int:
    """Delete the files written more than ``seconds`` ago (the retention of bodies)."""
    now = time.time() if now is None else now
    removed = 0
    if not folder().is_dir():
        return 0
    for path in folder().glob("*.eml"):
        if path.stat().st_mtime < now - seconds:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def count_older_than(seconds: float, now: float | None = None) -> int:
    now = time.time() if now is None else now
    if not folder().is_dir():
        return 0
    return sum(1 for path in folder().glob("*.eml") if path.stat().st_mtime < now - seconds)
