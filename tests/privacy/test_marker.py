"""The marker test: after erasure (by the person, or by the retention rule with the clock set
forward), the marker and the address are found nowhere — not in any table, not in a
PostgreSQL dump, not in the raw bytes of the SQLite file or its write-ahead log, not in the
sent-mail folder or the stored attachments. Each test first shows that the same search
finds them everywhere before, so a search that cannot find anything could not pass."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from post_office.models import Email

from safecities.mailing.delivery import deliver
from safecities.privacy.retention import add_months
from safecities.registration.models import Registration
from tests.privacy.marker import everywhere, new_marker, take_part_in_everything
from tests.privacy.snapshot import snapshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _stores(settings, tmp_path):
    settings.EMAIL_FILE_PATH = tmp_path / "sent-mail"
    settings.MEDIA_ROOT = tmp_path / "media"


def assert_found_before(hits: list[str], connection_vendor: str) -> None:
    found = {hit.split(":")[0] for hit in hits}
    for table in ["registration_registration", "registration_answer", "registration_note",
                  "auditlog_logentry", "post_office_email", "cities_meetingprofile",
                  "cities_meetingrequest"]:
        assert f"table {table}" in found
    assert any(hit.startswith("file ") and hit.split(":")[0].endswith(".eml") for hit in hits)
    assert any(hit.startswith("file ") and hit.split(":")[0].endswith(".ics") for hit in hits)
    if connection_vendor == "sqlite":
        assert any(hit.startswith("test-") for hit in hits)  # the file or its log
    else:
        assert "pg_dump" in found


def test_a_person_who_erases_their_data_is_found_nowhere(client):
    from django.db import connection

    story = take_part_in_everything(client, new_marker())
    assert_found_before(everywhere(story.needles), connection.vendor)

    token = story.registration.token
    response = client.post(f"/registrations/{token}/erase/", {"confirm": "on"})
    assert response["Location"] == "/privacy/erased/"
    deliver()  # the cancellation's consequences: the next in line promoted, a meeting freed

    assert everywhere(story.needles) == []
    assert client.get(f"/registrations/{token}/").status_code == 404
    story.next_in_line.refresh_from_db()
    assert story.next_in_line.status == "confirmed"
    assert Email.objects.filter(to__icontains="participant3@example.org",
                                subject__startswith="A place is now yours").count() == 1


def test_the_retention_rule_leaves_nothing_once_the_period_has_passed(client):
    from django.db import connection

    story = take_part_in_everything(client, new_marker(), enquiry=True)
    assert_found_before(everywhere(story.needles), connection.vendor)
    event = story.registration.event
    just_before = add_months(event.ends_on, 24).isoformat()
    due_day = (add_months(event.ends_on, 24) + timedelta(days=1)).isoformat()

    before = snapshot()
    out = StringIO()
    call_command("purge_expired", "--dry-run", "--now", due_day, stdout=out)
    assert f"would erase 3: registrations of {event.slug}" in out.getvalue()
    assert "would erase 1: questions sent about" in out.getvalue()
    assert snapshot() == before  # --dry-run changes nothing

    call_command("purge_expired", "--now", just_before, stdout=StringIO())
    assert Registration.objects.filter(event=event, erased_at__isnull=True).count() == 3

    out = StringIO()
    call_command("purge_expired", "--now", due_day, stdout=out)
    assert f"erased 3: registrations of {event.slug}" in out.getvalue()
    assert everywhere(story.needles) == []
    # Honest counts remain: three registrations, in their order, with their statuses.
    assert list(Registration.objects.filter(event=event).order_by("id")
                .values_list("status", flat=True)) == ["confirmed", "confirmed", "waitlisted"]

    out = StringIO()
    call_command("purge_expired", "--now", due_day, stdout=out)
    assert out.getvalue() == "Nothing has expired.\n"  # idempotent


def test_a_person_who_erases_everything_under_their_address_is_found_nowhere(client):
    """Two registrations (two exchanges), a question, a meeting, mail — erased in one go
    through the link sent to the address; the link's own message goes too."""
    from django.db import connection

    from safecities.registration import services
    from tests.factories import EventFactory

    story = take_part_in_everything(client, new_marker(), enquiry=True)
    services.register(event=EventFactory(title="Second Exchange"),
                      name=f"Amina {story.marker}", email=story.address.upper(),
                      organisation=f"{story.marker} Metro", position="Officer",
                      city="Durban", country="South Africa", consent=True)
    client.post("/privacy/my-data/", {"email": story.address})
    deliver()
    [link_message] = Email.objects.filter(message__contains="/privacy/my-data/")
    link = re.search(r"/privacy/my-data/[^/\s]+/", link_message.message).group(0)
    page = client.get(link).content.decode()
    assert page.count(story.marker) >= 2
    assert_found_before(everywhere(story.needles), connection.vendor)

    response = client.post(link + "erase/", {"confirm": "on"})
    assert response["Location"] == "/privacy/erased/"
    deliver()

    assert everywhere(story.needles) == []
    assert Registration.objects.filter(erased_at__isnull=True,
                                       email_normalised=story.address).count() == 0


def test_an_account_that_erases_its_data_is_found_nowhere_and_its_work_stays(client):
    from django.db import connection

    from safecities.practices.models import Practice, PracticeVersion, Review
    from tests.privacy.marker import take_part_as_an_account

    story = take_part_as_an_account(client, new_marker())
    hits = everywhere(story.needles)
    found = {hit.split(":")[0] for hit in hits}
    for table in ["auth_user", "practices_profile", "practices_practice",
                  "practices_practiceversion", "cities_citycontact", "auditlog_logentry",
                  "post_office_email", "otp_totp_totpdevice"]:
        assert f"table {table}" in found
    assert any(hit.startswith("file ") for hit in hits)  # the verification email
    if connection.vendor == "postgresql":
        assert "pg_dump" in found

    page = client.get("/account/data/").content.decode()
    assert story.marker in page
    response = client.post("/account/data/erase/", {"confirm": "on"})
    assert response["Location"] == "/privacy/erased/"
    deliver()

    assert everywhere(story.needles) == []
    assert client.get("/account/data/").status_code == 302  # signed out
    # The published practice and the review keep their content, naming nobody.
    published = Practice.objects.get(pk=story.published.pk)
    assert (published.status, published.contributor, published.contact_email) == (
        "published", None, "")
    assert PracticeVersion.objects.get(practice=published).record["contact"] is None
    review = Review.objects.get(pk=story.review.pk)
    assert (review.relevance, review.relevance_comment) == (4, "Clear and useful.")
    assert (review.reviewer.get_full_name(), review.reviewer.email,
            review.reviewer.is_active) == ("", "", False)
