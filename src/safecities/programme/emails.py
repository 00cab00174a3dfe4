"""The messages that tell participants a session they starred moved (with its new
version: METHOD:PUBLISH, same UID, next SEQUENCE) or was removed (with its cancellation:
METHOD:CANCEL, same UID, next SEQUENCE)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from safecities.mailing.services import RenderedEmail, calendar_file, render_email
from safecities.privacy.personal_data import mail_key
from safecities.programme.calendar import programme_calendar, session_cancellation
from safecities.programme.models import Session
from safecities.registration.models import Registration


def render_session_removed(session: Session, registration: Registration) -> RenderedEmail:
    return _render_session_change(
        session, registration, "programme/email/session_removed",
        calendar=lambda event: session_cancellation(session, event, attendee=registration.email))


def render_session_moved(session: Session, registration: Registration) -> RenderedEmail:
    return _render_session_change(
        session, registration, "programme/email/session_moved",
        calendar=lambda event: programme_calendar(event, [session], name=session.local.title),
        place=session.place)


def _render_session_change(session: Session, registration: Registration, template: str, *,
                           calendar, **context) -> RenderedEmail:
    """One message about a starred session, with its calendar part (built inside the
    participant's language: dates, titles and the calendar file follow the text)."""
    with translation.override(registration.written_language):
        event = session.event
        when = formats.date_format(session.local_starts_at(), "DATETIME_FORMAT")
        return render_email(
            to=[registration.email],
            template=template,
            context={
                "registration": registration, "session": session, "event": event, "when": when,
                "agenda_url": settings.SITE_URL + reverse("programme:agenda",
                                                          kwargs={"token": registration.token}),
                "manage_url": settings.SITE_URL + registration.get_absolute_url(),
                **context,
            },
            about=[mail_key("registration", registration.pk)],
            reply_to=[event.contact_email],
            attachments=(calendar_file(f"session-{session.pk}.ics", calendar(event)),),
            language=registration.written_language,
        )
