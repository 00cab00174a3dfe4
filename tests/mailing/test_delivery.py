"""Mail goes through a real SMTP server (aiosmtpd), and survives SMTP being down."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from post_office.models import STATUS, Email

from safecities.events.services import send_enquiry
from safecities.mailing.delivery import deliver
from safecities.registration import services
from tests.conftest import SmtpServer, free_port
from tests.factories import EventFactory, person

pytestmark = pytest.mark.django_db


def calendar_parts(message):
    return [part for part in message.walk() if part.get_content_type() == "text/calendar"]


def test_confirmation_arrives_by_smtp_with_the_calendar_file_and_private_link(smtp_server):
    event = EventFactory(capacity=1, title="Durban Exchange")
    registration = services.register(event=event, **person(1)).registration
    result = deliver()
    assert (result.queued, result.sent, result.failed, result.to_retry) == (1, 1, 0, 0)
    [message] = smtp_server.messages
    assert message["To"] == "participant1@example.org"
    assert message["Subject"] == "Your place is confirmed: Durban Exchange"
    assert message["Reply-To"] == "organisers@example.org"
    text = message.get_body(("plain",)).get_content()
    assert f"http://testserver/registrations/{registration.token}/" in text
    assert registration.reference in text
    [ics] = calendar_parts(message)
    assert ics.get_filename() == "event.ics"
    [entry] = icalendar.Calendar.from_ical(ics.get_content()).walk("VEVENT")
    assert entry.decoded("dtstart") == event.starts_on


def test_waiting_list_email_gives_the_position_and_no_calendar(smtp_server):
    event = EventFactory(capacity=0)
    services.register(event=event, **person(1))
    services.register(event=event, **person(2))
    deliver()
    [message] = smtp_server.to("participant2@example.org")
    assert message["Subject"].startswith("You are on the waiting list")
    assert "waiting list, number 2." in message.get_body(("plain",)).get_content()
    assert calendar_parts(message) == []


def test_cancellation_tells_the_canceller_and_the_promoted_person(smtp_server):
    event = EventFactory(capacity=1, title="Exchange")
    first = services.register(event=event, **person(1)).registration
    services.register(event=event, **person(2))
    deliver()
    smtp_server.messages.clear()
    services.cancel(registration=first)
    result = deliver()
    assert result.sent == 2
    [cancelled] = smtp_server.to("participant1@example.org")
    [promoted] = smtp_server.to("participant2@example.org")
    assert cancelled["Subject"] == "Your registration is cancelled: Exchange"
    assert promoted["Subject"] == "A place is now yours: Exchange"
    assert len(calendar_parts(promoted)) == 1


def test_a_status_told_once_is_not_told_again(smtp_server):
    event = EventFactory(capacity=1)
    services.register(event=event, **person(1))
    deliver()
    assert deliver().queued == 0
    assert len(smtp_server.messages) == 1


def test_smtp_down_then_up_loses_nothing(settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "RETRY_INTERVAL": timedelta(0),
                            "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"}}
    port = free_port()
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    event = EventFactory(capacity=5)
    for n in range(1, 4):
        services.register(event=event, **person(n))

    down = deliver()  # nothing listens on the port: the round stops at the first try
    assert (down.queued, down.sent, down.to_retry, down.unreachable) == (3, 0, 1, True)
    assert Email.objects.filter(status=STATUS.requeued).count() == 1
    assert Email.objects.filter(status=STATUS.queued).count() == 2

    server = SmtpServer(port=port)
    server.start()
    try:
        up = deliver()
    finally:
        server.stop()
    assert (up.sent, up.failed) == (3, 0)
    assert sorted(m["To"] for m in server.messages) == [
        "participant1@example.org", "participant2@example.org", "participant3@example.org"]


def test_enquiry_goes_to_the_organisers_with_reply_to_and_nothing_to_the_sender(smtp_server):
    event = EventFactory(contact_email="organisers@example.org", title="Exchange")
    send_enquiry(event=event, name="Amina Phiri", email="amina@example.org",
                 subject="Visa letter", message="Can the letter name my deputy?")
    deliver()
    [to_organisers] = smtp_server.to("organisers@example.org")
    assert to_organisers["Reply-To"] == "amina@example.org"
    assert to_organisers["Subject"] == "Enquiry about Exchange: Visa letter"
    assert "Can the letter name my deputy?" in to_organisers.get_body(("plain",)).get_content()
    assert smtp_server.to("amina@example.org") == []


def test_what_a_person_types_is_never_markup_in_the_html_part(smtp_server):
    event = EventFactory()
    services.register(event=event, **person(1, name='<script>alert("x")</script> Amina'))
    deliver()
    [message] = smtp_server.messages
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Amina" in html
    text = message.get_body(("plain",)).get_content()
    assert 'Dear <script>alert("x")</script> Amina,' in text
