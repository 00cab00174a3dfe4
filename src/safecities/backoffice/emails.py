"""Announcements by email: the mail worker turns pending deliveries into queued messages.

``services.announce`` records the announcement and one pending delivery per recipient in
one transaction; ``queue_pending_announcements`` (a producer of the mail worker, like
registration.emails) renders each message outside any transaction, then claims the
delivery with a conditional update and queues the message only if the claim succeeded —
so each recipient gets it once, even with several workers. Someone who unsubscribed
after the announcement was written is skipped (the delivery shows no message).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from safecities.backoffice.models import Announcement, AnnouncementDelivery
from safecities.mailing.services import RenderedEmail, queue_rendered, render_email
from safecities.privacy.personal_data import mail_key
from safecities.registration.models import Registration

PLACEHOLDERS = ("name", "organisation", "reference", "link")


def personalise(text: str, registration: Registration) -> str:
    """Fill ``{name}``, ``{organisation}``, ``{reference}`` and ``{link}`` (the private
    page) — plain replacement, so nothing else an organiser types is interpreted."""
    values = {
        "name": registration.name,
        "organisation": registration.organisation,
        "reference": registration.reference,
        "link": settings.SITE_URL + registration.get_absolute_url(),
    }
    for key in PLACEHOLDERS:
        text = text.replace("{" + key + "}", values[key])
    return text


def render_announcement(announcement: Announcement, registration: Registration) -> RenderedEmail:
    unsubscribe_url = settings.SITE_URL + reverse("registration:unsubscribe",
                                                  kwargs={"token": registration.token})
    event = announcement.event
    subject, body = announcement.text_in(registration.written_language)
    return render_email(
        to=[registration.email],
        template="backoffice/email/announcement",
        context={
            "subject": personalise(subject, registration),
            "body": personalise(body, registration),
            "event": event,
            "registration": registration,
            "unsubscribe_url": unsubscribe_url,
            # The HTML part links only the message's own *_url values: {link} is one.
            "manage_url": settings.SITE_URL + registration.get_absolute_url(),
        },
        about=[mail_key("registration", registration.pk)],
        reply_to=[event.contact_email],
        language=registration.written_language,
        headers=(("List-Unsubscribe", f"<{unsubscribe_url}>"),
                 ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")),
    )


def queue_pending_announcements(limit: int = 50) -> int:
    """Queue the messages of pending deliveries; returns how many deliveries it handled."""
    pending = list(
        AnnouncementDelivery.objects.filter(pending=True)
        .select_related("announcement__event", "registration").order_by("id")[:limit]
    )
    for delivery in pending:
        registration = delivery.registration
        message = None
        if registration.announcements_opted_out_at is None:
            message = render_announcement(delivery.announcement, registration)
        with transaction.atomic():
            claimed = AnnouncementDelivery.objects.filter(pk=delivery.pk, pending=True).update(
                pending=False)
            if claimed and message is not None:
                # Re-checked inside the claim: an unsubscribe that raced the rendering wins.
                still_subscribed = Registration.objects.filter(
                    pk=registration.pk, announcements_opted_out_at__isnull=True).exists()
                if still_subscribed:
                    email = queue_rendered(message)
                    AnnouncementDelivery.objects.filter(pk=delivery.pk).update(email=email)
    return len(pending)
