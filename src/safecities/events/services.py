"""Rules that create and change events."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from safecities.events.models import Enquiry, Event, Venue
from safecities.mailing.services import queue_email
from safecities.privacy.personal_data import mail_key


def create_event(
    *,
    slug: str,
    title: str,
    starts_on: date,
    ends_on: date,
    capacity: int,
    contact_email: str,
    venue_name: str = "",
    venue_city: str = "",
    venue_country: str = "",
    timezone_name: str = "Africa/Johannesburg",
    tagline: str = "",
    registration_opens_at: datetime | None = None,
    registration_closes_at: datetime | None = None,
    is_published: bool = True,
) -> Event:
    """Create a published event whose registration opens now unless told otherwise.

    The event is validated like a form would (time zone, dates, slug) before it is saved,
    so a command line typo is reported instead of stored.
    """
    with transaction.atomic():
        venue, _ = Venue.objects.get_or_create(
            name=venue_name, defaults={"city": venue_city, "country": venue_country}
        )
        event = Event(
            slug=slug,
            title=title,
            tagline=tagline,
            starts_on=starts_on,
            ends_on=ends_on,
            timezone=timezone_name,
            venue=venue,
            capacity=capacity,
            contact_email=contact_email,
            registration_opens_at=registration_opens_at or timezone.now(),
            registration_closes_at=registration_closes_at,
            is_published=is_published,
        )
        event.full_clean()
        event.save()
        return event


def send_enquiry(*, event: Event, name: str, email: str, subject: str, message: str) -> Enquiry:
    """Keep the question and queue it to the organisers (reply goes to the sender), in one
    transaction: the question is never lost, even if mail is down.

    The sender gets no email from the site: any address can be typed into the form, and an
    acknowledgement would let a stranger send what they wrote to anyone, from our address.
    The page after sending says it was sent; the organisers' reply is the answer.
    """
    with transaction.atomic():
        enquiry = Enquiry.objects.create(
            event=event, name=name.strip(), email=email.strip(), subject=subject.strip(),
            message=message.strip(),
        )
        context = {"enquiry": enquiry, "event": event}
        about = [mail_key("enquiry", enquiry.pk)]
        queue_email(to=[event.contact_email], template="events/email/enquiry",
                    context=context, about=about, reply_to=[enquiry.email])
        return enquiry
