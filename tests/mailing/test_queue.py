"""The queue's promises: claimed once, marked sent per message, 5xx stops, 4xx backs off,
every message automatic (RFC 3834)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from post_office.models import STATUS, Email, Log

from safecities.backoffice import queries
from safecities.mailing.delivery import _claim, deliver
from safecities.registration import services
from tests.conftest import SmtpServer, free_port
from tests.factories import EventFactory, person

pytestmark = pytest.mark.django_db


class RefusingSmtpServer(SmtpServer):
    """Answers RCPT TO for the addresses in ``refuse`` with the reply given there."""

    def __init__(self, port: int, refuse: dict[str, str]):
        super().__init__(port=port)
        self.refuse = refuse

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        server = self

        class Handler:
            async def handle_RCPT(self, smtp, session, envelope, address, rcpt_options):
                if address in server.refuse:
                    return server.refuse[address]
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, smtp, session, envelope):
                from email import message_from_bytes, policy

                server.messages.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


@pytest.fixture
def refusing_smtp(smtp_server, settings):
    smtp_server.stop()

    def start(refuse: dict[str, str]) -> RefusingSmtpServer:
        server = RefusingSmtpServer(port=smtp_server.port, refuse=refuse)
        server.start()
        servers.append(server)
        return server

    servers: list[RefusingSmtpServer] = []
    yield start
    for server in servers:
        server.stop()


def test_every_message_says_it_is_automatic(smtp_server):
    services.register(event=EventFactory(capacity=1), **person(1))
    deliver()
    [message] = smtp_server.messages
    assert message["Auto-Submitted"] == "auto-generated"


def test_a_permanent_refusal_stops_at_once_and_is_shown_to_the_organisers(refusing_smtp):
    server = refusing_smtp({"participant2@example.org": "550 5.1.1 No such mailbox"})
    event = EventFactory(capacity=5, title="Exchange")
    services.register(event=event, **person(1))
    refused = services.register(event=event, **person(2)).registration

    result = deliver()

    assert (result.sent, result.failed, result.to_retry) == (1, 1, 0)
    failed = Email.objects.get(to="participant2@example.org")
    assert failed.status == STATUS.failed
    assert [log.message for log in Log.objects.filter(email=failed)] == [
        "550 5.1.1 No such mailbox"]
    assert deliver().sent == 0  # never tried again
    assert [m["To"] for m in server.messages] == ["participant1@example.org"]
    [shown] = queries.undelivered_mail(event)
    assert (shown.registration, shown.subject, shown.reply) == (
        refused, "Your place is confirmed: Exchange", "550 5.1.1 No such mailbox")


def test_a_temporary_refusal_is_retried_later_with_a_growing_wait(refusing_smtp, settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "RETRY_INTERVAL": timedelta(seconds=30)}
    refusing_smtp({"participant1@example.org": "451 4.3.0 Try again later"})
    services.register(event=EventFactory(capacity=5), **person(1))

    before = timezone.now()
    first = deliver()
    email = Email.objects.get()
    assert (first.sent, first.failed, first.to_retry, first.unreachable) == (0, 0, 1, False)
    assert (email.status, email.number_of_retries) == (STATUS.requeued, 1)
    assert timedelta(seconds=30) <= email.scheduled_time - before < timedelta(seconds=40)

    Email.objects.update(scheduled_time=timezone.now())
    before = timezone.now()
    deliver()
    email.refresh_from_db()
    assert (email.status, email.number_of_retries) == (STATUS.requeued, 2)
    assert timedelta(seconds=60) <= email.scheduled_time - before < timedelta(seconds=70)


def test_smtp_unreachable_requeues_the_message_and_ends_the_round(settings):
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.POST_OFFICE = {**settings.POST_OFFICE,
                            "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"}}
    services.register(event=EventFactory(capacity=5), **person(1))
    result = deliver()
    assert (result.sent, result.to_retry, result.unreachable) == (0, 1, True)
    assert Email.objects.get().status == STATUS.requeued


def test_a_claimed_message_is_nobody_elses_until_its_claim_runs_out(settings):
    settings.MAIL_CLAIM_BATCH = 2
    for n in range(1, 4):
        services.register(event=EventFactory(capacity=5), **person(n))
    from safecities.mailing.outbox import run_producers

    assert run_producers() == 3
    first = _claim(exclude=set())
    second = _claim(exclude=set())  # as another worker would
    assert (len(first), len(second)) == (2, 1)
    assert {email.pk for email in first}.isdisjoint({email.pk for email in second})
    assert _claim(exclude=set()) == []  # all claimed
    Email.objects.filter(pk=first[0].pk).update(scheduled_time=timezone.now())  # ran out
    assert [email.pk for email in _claim(exclude=set())] == [first[0].pk]
