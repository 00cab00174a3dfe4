"""The messages that tell participants about their meeting requests.

Services only mark a request's notice as pending; ``queue_meeting_notices`` (run by the
mail worker) renders the messages for the status the request has *now*, then in one
short transaction records it as told only if the status is still the one it rendered,
and queues the messages — the same pattern as registration notices
(``registration.emails``): nothing is rendered while the event's lock is held, a notice
is queued once even with several workers, and never for a status that changed meanwhile.

Who is told: a new request → the person asked; accepted → both, each with a calendar
file; declined → the person who asked; cancelled → both.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from safecities.cities.calendar import meeting_cancellation, meetings_calendar
from safecities.cities.models import MeetingRequest
from safecities.mailing.services import (
    FileToAttach,
    RenderedEmail,
    calendar_file,
    queue_rendered,
    render_email,
)
from safecities.privacy.personal_data import mail_key
from safecities.registration.models import Registration

Status = MeetingRequest.Status
RECIPIENTS = {
    Status.PENDING: ("invitee",),
    Status.ACCEPTED: ("requester", "invitee"),
    Status.DECLINED: ("requester",),
    Status.CANCELLED: ("requester", "invitee"),
}


def render_notices(meeting: MeetingRequest) -> list[RenderedEmail]:
    messages = []
    for role in RECIPIENTS.get(meeting.status, ()):
        person: Registration = getattr(meeting, role)
        if person.is_erased:
            continue  # their address is gone; the other person is still told
        other = meeting.invitee if role == "requester" else meeting.requester
        attachments: tuple[FileToAttach, ...] = ()
        if meeting.status == Status.ACCEPTED:
            attachments = (calendar_file(f"meeting-{meeting.pk}.ics", meetings_calendar(
                [meeting], person, event=meeting.event)),)
        elif meeting.status == Status.CANCELLED and meeting.notified_status == Status.ACCEPTED:
            # Both were sent the meeting's calendar file: take it out of their calendars.
            attachments = (calendar_file(f"meeting-{meeting.pk}.ics",
                                         meeting_cancellation(meeting, person)),)
        messages.append(render_email(
            to=[person.email], template=f"cities/email/meeting_{meeting.status}",
            context={"meeting": meeting, "person": person, "other": other,
                     "event": meeting.event,
                     "meetings_url": settings.SITE_URL + reverse("cities:meetings",
                                                                 args=[person.token])},
            about=[mail_key("registration", meeting.requester_id),
                   mail_key("registration", meeting.invitee_id)],
            reply_to=[meeting.event.contact_email], attachments=attachments,
            language=person.language,
        ))
    return messages


def queue_meeting_notices(limit: int = 50) -> int:
    """Queue the messages for meeting requests whose status changed since they were told.

    Returns how many requests it handled; 0 means nothing is pending.
    """
    pending = list(
        MeetingRequest.objects.filter(notice_pending=True)
        .select_related("requester", "invitee", "event__venue", "slot", "table")
        .order_by("id")[:limit]
    )
    for meeting in pending:
        messages = render_notices(meeting)
        with transaction.atomic():
            # Also as rendered for both people: an erasure that raced the rendering wins
            # (the next round renders again, without the erased person's details).
            claimed = MeetingRequest.objects.filter(
                pk=meeting.pk, status=meeting.status, notice_pending=True,
                requester__erased_at__isnull=not meeting.requester.is_erased,
                invitee__erased_at__isnull=not meeting.invitee.is_erased,
            ).update(notice_pending=False, notified_status=meeting.status)
            if claimed:
                for message in messages:
                    queue_rendered(message)
    return len(pending)
