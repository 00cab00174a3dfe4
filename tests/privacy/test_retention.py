"""The retention rule: periods from settings or the event, the sweeps, `purge_expired`."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from post_office.models import STATUS, Email, Log

from safecities.events.models import Enquiry
from safecities.events.services import send_enquiry
from safecities.mailing import folder
from safecities.mailing.delivery import deliver
from safecities.privacy.models import DataRequest
from safecities.privacy.retention import add_months
from safecities.registration import services
from safecities.registration.models import Registration
from tests.factories import EventFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sent_mail(settings, tmp_path):
    settings.EMAIL_FILE_PATH = tmp_path / "sent-mail"
    settings.MEDIA_ROOT = tmp_path / "media"


def purge(*args: str) -> str:
    out = StringIO()
    call_command("purge_expired", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2014, 12, 5), 24, date(2016, 12, 5)),
    (date(2014, 8, 31), 6, date(2015, 2, 28)),
    (date(2015, 8, 31), 6, date(2016, 2, 29)),
    (date(2014, 1, 31), -1, date(2013, 12, 31)),
    (date(2014, 3, 31), -1, date(2014, 2, 28)),
    (date(2014, 12, 5), 0, date(2014, 12, 5)),
])
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_an_events_registrations_are_erased_the_day_after_its_period_ends(settings):
    settings.PRIVACY_REGISTRATION_RETENTION_MONTHS = 24
    event = EventFactory(starts_on=date(2014, 12, 3), ends_on=date(2014, 12, 5),
                         registration_opens_at=timezone.now() - timedelta(days=1))
    assert event.registrations_erased_on == date(2016, 12, 6)
    event.registration_retention_months = 6
    assert event.registrations_erased_on == date(2015, 6, 6)


def test_purge_erases_registrations_of_expired_events_only(settings):
    settings.PRIVACY_REGISTRATION_RETENTION_MONTHS = 24
    old = EventFactory(capacity=1)
    recent = EventFactory(capacity=1, starts_on=old.starts_on + timedelta(days=400),
                          ends_on=old.ends_on + timedelta(days=400))
    for event in (old, recent):
        services.register(event=event, **person(1))
        services.register(event=event, **person(2))
    out = purge("--now", old.registrations_erased_on.isoformat())
    assert out == (f"erased 2: registrations of {old.slug} (ended {old.ends_on:%Y-%m-%d}, "
                   "kept 24 months)\n")
    assert list(Registration.objects.filter(event=old).values_list("name", "status")) == [
        ("", "confirmed"), ("", "waitlisted")]  # after the event: statuses stay, nobody moves
    assert Registration.objects.filter(event=recent, erased_at__isnull=True).count() == 2
    assert list(DataRequest.objects.values_list("kind", "origin", "event")) == [
        ("erasure", "retention", old.pk)] * 2


def test_an_events_own_period_overrides_the_default(settings):
    settings.PRIVACY_REGISTRATION_RETENTION_MONTHS = 24
    event = EventFactory(registration_retention_months=3)
    services.register(event=event, **person(1))
    day = add_months(event.ends_on, 3) + timedelta(days=1)
    assert purge("--dry-run", "--now", (day - timedelta(days=1)).isoformat()) == (
        "Nothing has expired.\n")
    assert "erased 1: registrations" in purge("--now", day.isoformat())


def test_dry_run_prints_what_is_due_and_changes_nothing():
    event = EventFactory()
    registration = services.register(event=event, **person(1)).registration
    day = event.registrations_erased_on.isoformat()
    assert purge("--dry-run", "--now", day) == (
        f"would erase 1: registrations of {event.slug} (ended {event.ends_on:%Y-%m-%d}, "
        "kept 24 months)\n")
    registration.refresh_from_db()
    assert (registration.name, registration.erased_at) == ("Participant 1", None)
    assert DataRequest.objects.count() == 0


def test_enquiries_are_erased_with_their_messages_after_their_period(settings):
    settings.PRIVACY_ENQUIRY_RETENTION_MONTHS = 12
    event = EventFactory(enquiry_retention_months=None)
    send_enquiry(event=event, name="Amina Phiri", email="amina@example.org",
                 subject="Visa", message="Which documents?")
    assert Email.objects.count() == 1  # to the organisers (the sender gets no copy)
    sent = Enquiry.objects.get().created_at
    almost = timezone.localtime(sent) + timedelta(days=364)
    assert "questions" not in purge("--now", almost.isoformat())
    later = timezone.localtime(sent).replace(year=sent.year + 1) + timedelta(minutes=1)
    assert f"erased 1: questions sent about {event.slug} more than 12 months ago" in purge(
        "--now", later.isoformat())
    assert (Enquiry.objects.count(), Email.objects.count()) == (0, 0)


def test_email_texts_are_blanked_after_their_period_and_the_subject_stays(
        settings, django_capture_on_commit_callbacks):
    settings.PRIVACY_EMAIL_BODY_RETENTION_DAYS = 30
    event = EventFactory(title="Exchange")
    services.register(event=event, **person(1))
    deliver()
    [email] = Email.objects.all()
    # An earlier attempt that failed is logged (with the server's answer, which may quote
    # the address); a success is not.
    Log.objects.create(email=email, status=STATUS.failed, message="550 participant1@example.org")
    assert (email.status, Log.objects.count(), email.attachments.count()) == (STATUS.sent, 1, 1)
    [sent_file] = list(folder.folder().glob("*.eml"))
    attachment_file = email.attachments.get().file.path

    assert "texts of emails" not in purge("--now", (timezone.now() + timedelta(days=29))
                                          .isoformat())
    with django_capture_on_commit_callbacks(execute=True):  # files go once the change is kept
        out = purge("--now", (timezone.now() + timedelta(days=31)).isoformat())
    assert "erased 1: texts of emails delivered more than 30 days ago" in out
    email.refresh_from_db()
    assert (email.subject, email.message, email.html_message, email.headers) == (
        "Your place is confirmed: Exchange", "", "", None)
    assert email.to == ["participant1@example.org"]
    assert (Log.objects.count(), email.attachments.count()) == (0, 0)
    assert not sent_file.exists()
    assert not Path(attachment_file).exists()


def test_a_message_not_yet_delivered_keeps_its_text(settings):
    settings.PRIVACY_EMAIL_BODY_RETENTION_DAYS = 30
    services.register(event=EventFactory(), **person(1))
    from safecities.mailing.outbox import run_producers

    run_producers()  # queued, never sent (SMTP down, say)
    purge("--now", (timezone.now() + timedelta(days=90)).isoformat())
    assert Email.objects.get().message != ""


def test_purge_runs_again_without_finding_anything():
    event = EventFactory()
    services.register(event=event, **person(1))
    day = event.registrations_erased_on.isoformat()
    purge("--now", day)
    assert purge("--now", day) == "Nothing has expired.\n"


def test_now_must_be_a_date_or_a_date_time():
    with pytest.raises(CommandError, match="is neither a date"):
        purge("--now", "next tuesday")
    assert purge("--dry-run", "--now", "2030-01-31T09:00:00+02:00") == "Nothing has expired.\n"


@pytest.mark.django_db(transaction=True)  # the worker closes connections between rounds
def test_the_mail_worker_applies_the_retention_rule(settings):
    settings.PRIVACY_REGISTRATION_RETENTION_MONTHS = 0
    event = EventFactory(starts_on=date(2014, 12, 3), ends_on=date(2014, 12, 5),
                         registration_opens_at=datetime(2014, 1, 1, tzinfo=UTC))
    registration = Registration.objects.create(
        event=event, name="Amina Phiri", email="amina@example.org",
        email_normalised="amina@example.org", organisation="x", position="x", city="x",
        country="x", status="confirmed", registered_at=timezone.now(),
        consented_at=timezone.now(), notice_pending=False)
    out = StringIO()
    call_command("mailworker", "--once", stdout=out)
    assert f"erased 1: registrations of {event.slug}" in out.getvalue()
    registration.refresh_from_db()
    assert registration.name == ""


@pytest.mark.django_db(transaction=True)
def test_the_mail_worker_leaves_retention_to_cron_when_told(settings):
    settings.PRIVACY_REGISTRATION_RETENTION_MONTHS = 0
    settings.PRIVACY_PURGE_INTERVAL_HOURS = 0
    event = EventFactory(starts_on=date(2014, 12, 3), ends_on=date(2014, 12, 5),
                         registration_opens_at=datetime(2014, 1, 1, tzinfo=UTC))
    registration = Registration.objects.create(
        event=event, name="Amina Phiri", email="amina@example.org",
        email_normalised="amina@example.org", organisation="x", position="x", city="x",
        country="x", status="confirmed", registered_at=timezone.now(),
        consented_at=timezone.now(), notice_pending=False)
    call_command("mailworker", "--once", stdout=StringIO())
    registration.refresh_from_db()
    assert registration.name == "Amina Phiri"
