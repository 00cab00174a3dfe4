"""Queue email in the database; the mail worker delivers it.

Every message is written to django-post-office's queue inside the caller's
transaction, so a change and the message that reports it are committed together or
not at all. Delivery happens later, in the worker, with retries while SMTP is down.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe
from post_office import mail
from post_office.models import Attachment, Email

from safecities.mailing.models import MessageConcern, StoredAttachment


@dataclass(frozen=True)
class FileToAttach:
    name: str
    content: bytes
    mimetype: str


def calendar_file(name: str, content: bytes) -> FileToAttach:
    """An iCalendar attachment whose Content-Type names its METHOD, as RFC 6047 asks (mail
    readers show "accept", "update" or "remove from calendar" from it)."""
    method = next((line.split(b":", 1)[1].strip().decode() for line in content.splitlines()
                   if line.upper().startswith(b"METHOD:")), "PUBLISH")
    return FileToAttach(name, content, f"text/calendar; method={method}; charset=utf-8")


def _shared_attachment(file: FileToAttach) -> Attachment:
    """One stored file per distinct content: many messages share the same calendar file."""
    digest = hashlib.sha256(file.name.encode() + b"\0" + file.content).hexdigest()
    stored = StoredAttachment.objects.select_related("attachment").filter(digest=digest).first()
    if stored is not None:
        return stored.attachment
    attachment = Attachment(name=file.name, mimetype=file.mimetype)
    attachment.file.save(file.name, ContentFile(file.content), save=True)
    StoredAttachment.objects.create(digest=digest, attachment=attachment)
    return attachment


@dataclass(frozen=True)
class RenderedEmail:
    """A message ready for the queue: rendering happens before any write transaction."""

    to: tuple[str, ...]
    subject: str
    body: str
    html: str
    # Whom the message concerns: the recipient and anyone it names, as
    # ``privacy.personal_data.mail_key`` makes them (``registration:12``). Erasing one of
    # them removes the stored message (docs/privacy.md).
    about: tuple[str, ...]
    reply_to: tuple[str, ...] = ()
    attachments: tuple[FileToAttach, ...] = ()
    # Extra headers, e.g. List-Unsubscribe on announcements.
    headers: tuple[tuple[str, str], ...] = ()


def render_email(
    *,
    to: list[str],
    template: str,
    context: dict[str, object],
    about: tuple[str, ...] | list[str],
    reply_to: list[str] | None = None,
    attachments: tuple[FileToAttach, ...] = (),
    language: str | None = None,
    headers: tuple[tuple[str, str], ...] = (),
) -> RenderedEmail:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` in the recipient's language.

    Templates are plain text (``autoescape off``); the HTML part is made from that text,
    escaped, with paragraphs, and only the links the message itself gives (the context's
    ``*_url`` values and ``site_url``) become links: nothing a person typed (a name, an
    organisation, a question) can become markup or a link in someone's mail reader.
    ``about`` names every person the message concerns (required, so that no message
    escapes erasure; ``()`` for a message about nobody).
    """
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = _tidy(render_to_string(f"{template}_body.txt", context))
        links = [value for key, value in context.items()
                 if (key == "site_url" or key.endswith("_url")) and isinstance(value, str)]
        html = render_to_string(
            "mailing/email_base.html",
            {"body": html_body(body, links), "LANGUAGE_CODE": language},
        )
    # Content-Language (RFC 3282) says which language the message is written in.
    return RenderedEmail(to=tuple(to), subject=subject, body=body, html=html,
                         about=tuple(about), reply_to=tuple(reply_to or ()),
                         attachments=attachments,
                         headers=(("Content-Language", language), *headers))


# What may follow a link in the text without being part of it (a space, the end, a full
# stop or a parenthesis): a longer address typed by someone is not cut into a link.
_AFTER_LINK = r"(?![^\s.,;:!?)\]])"


def html_body(text: str, links: Iterable[str]) -> str:
    """The plain text as HTML: escaped, paragraphs and line breaks, and ``links`` (the
    message's own addresses, starting with http:// or https://) as links. No other text
    is ever linked."""
    html = escape(text)
    own = sorted({escape(link) for link in links if link.startswith(("http://", "https://"))},
                 key=len, reverse=True)
    if own:
        pattern = re.compile("|".join(re.escape(link) for link in own) + _AFTER_LINK)
        html = pattern.sub(lambda found: f'<a href="{found[0]}">{found[0]}</a>', html)
    # Escaped above; linebreaks only adds <p> and <br>.
    return mark_safe(linebreaks(html, autoescape=False))  # noqa: S308


def queue_rendered(message: RenderedEmail) -> Email:
    """Write a rendered message into the queue (a few short inserts)."""
    # Every message the site sends is automatic (RFC 3834): out-of-office replies and other
    # auto-responders must not answer it.
    headers = {"Auto-Submitted": "auto-generated", **dict(message.headers)}
    if message.reply_to:
        headers["Reply-To"] = ", ".join(message.reply_to)
    email = mail.send(
        recipients=list(message.to),
        sender=settings.DEFAULT_FROM_EMAIL,
        subject=message.subject,
        message=message.body,
        html_message=message.html,
        headers=headers,
        commit=True,
    )
    for file in message.attachments:
        _shared_attachment(file).emails.add(email)
    MessageConcern.objects.bulk_create(
        MessageConcern(email=email, person=person) for person in dict.fromkeys(message.about))
    return email


def queue_email(**kwargs) -> Email:
    """Render and queue in one go (the arguments of ``render_email``)."""
    return queue_rendered(render_email(**kwargs))


def _tidy(text: str) -> str:
    """Trim template whitespace: no trailing spaces, at most one blank line in a row."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"
