"""Everything under one address: a link emailed to the address opens it (export, erasure);
knowing an address alone never does, and a private link covers only its registration."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from post_office.models import Email

from safecities.events.models import Enquiry
from safecities.events.services import send_enquiry
from safecities.privacy import personal_data
from safecities.privacy.models import AddressLink, DataRequest
from safecities.privacy.personal_data import Person, Provider
from safecities.registration import services
from safecities.registration.models import Registration
from safecities.registration.personal_data import erase_person
from tests.factories import EventFactory, person

pytestmark = pytest.mark.django_db
Origin = DataRequest.Origin
ADDRESS = "amina@example.org"
SENT = "If we hold anything under this address, we have sent it a link"


def register(event, n: int, **overrides) -> Registration:
    return services.register(event=event, **person(n, **overrides)).registration


def links_sent_to(address: str) -> list[str]:
    return [re.search(r"/privacy/my-data/([^/\s]+)/", email.message).group(0)
            for email in Email.objects.filter(to__icontains=address).order_by("id")
            if "/privacy/my-data/" in email.message]


@pytest.fixture
def amina():
    """Amina registered for two exchanges (once with her address in capitals), sent a
    question, and shares the first exchange with someone else."""
    first, second = EventFactory(capacity=1), EventFactory(capacity=1)
    mine = [register(first, 1, email=ADDRESS, name="Amina Dlamini"),
            register(second, 1, email="AMINA@example.org ", name="Amina Dlamini")]
    waiting = [register(first, 2), register(second, 3)]
    send_enquiry(event=first, name="Amina Dlamini", email=ADDRESS, subject="Visa letter",
                 message="Can the letter name my deputy?")
    return {"mine": mine, "waiting": waiting, "events": [first, second]}


def test_asking_for_a_link_emails_it_to_the_address(client, amina):
    response = client.post("/privacy/my-data/", {"email": " Amina@Example.org"})
    assert response.status_code == 200
    assert SENT in response.content.decode()
    assert len(links_sent_to(ADDRESS)) == 1
    assert ADDRESS not in response.content.decode()  # the page itself shows nothing held


def test_an_address_with_nothing_gets_the_same_answer_and_no_message(client, amina):
    before = Email.objects.count()
    response = client.post("/privacy/my-data/", {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert SENT in response.content.decode()
    assert Email.objects.count() == before
    assert AddressLink.objects.count() == 0


def test_a_second_request_soon_after_sends_no_second_message(client, amina):
    client.post("/privacy/my-data/", {"email": ADDRESS})
    client.post("/privacy/my-data/", {"email": ADDRESS})
    assert len(links_sent_to(ADDRESS)) == 1


def test_a_bad_address_is_refused_next_to_the_field(client):
    response = client.post("/privacy/my-data/", {"email": "not an address"})
    assert response.status_code == 400
    assert "Please enter an email address such as name@example.org." in response.content.decode()


def test_the_link_opens_every_registration_and_question_under_the_address(client, amina):
    client.post("/privacy/my-data/", {"email": ADDRESS})
    [link] = links_sent_to(ADDRESS)
    data = client.get(link + "data.json").json()["data"]
    assert sorted(r["reference"] for r in data["registrations"]) == sorted(
        r.reference for r in amina["mine"])
    assert [e["subject"] for e in data["enquiries"]] == ["Visa letter"]
    assert "participant2@example.org" not in str(data)  # nobody else's
    page = client.get(link).content.decode()
    assert "Can the letter name my deputy?" in page
    assert sorted(DataRequest.objects.filter(kind="export").values_list(
        "origin", "event_id")) == sorted(
        [(Origin.ADDRESS, event.pk) for event in amina["events"]] * 2)


def test_an_unknown_or_expired_link_answers_404(client, amina):
    client.post("/privacy/my-data/", {"email": ADDRESS})
    [link] = links_sent_to(ADDRESS)
    assert client.get("/privacy/my-data/not-a-link/").status_code == 404
    AddressLink.objects.update(created_at=timezone.now() - timedelta(hours=24, seconds=1))
    assert client.get(link).status_code == 404
    assert client.post(link + "erase/", {"confirm": "on"}).status_code == 404
    assert Registration.objects.filter(erased_at__isnull=True).count() == 4


def test_expired_links_are_removed_by_the_retention_rule(client, amina):
    client.post("/privacy/my-data/", {"email": ADDRESS})
    out = StringIO()
    call_command("purge_expired", "--now",
                 (timezone.now() + timedelta(hours=25)).isoformat(), stdout=out)
    assert "erased 1: expired links to the data under an address" in out.getvalue()
    assert AddressLink.objects.count() == 0


def test_the_private_page_sends_the_link_to_its_own_address_only(client, amina):
    registration = amina["mine"][0]
    response = client.post(f"/registrations/{registration.token}/data/link/")
    assert response.status_code == 200
    assert SENT in response.content.decode()
    assert [email.to for email in Email.objects.filter(message__contains="/privacy/my-data/")
            ] == [[ADDRESS]]


def test_erasing_through_the_link_erases_everything_under_the_address(client, amina):
    client.post("/privacy/my-data/", {"email": ADDRESS})
    [link] = links_sent_to(ADDRESS)
    refused = client.post(link + "erase/", {})
    assert refused.status_code == 400  # the confirmation must be ticked
    response = client.post(link + "erase/", {"confirm": "on"})
    assert response["Location"] == "/privacy/erased/"
    for registration in amina["mine"]:
        registration.refresh_from_db()
        assert (registration.status, registration.email, registration.is_erased) == (
            "cancelled", "", True)
    for waiting in amina["waiting"]:
        waiting.refresh_from_db()
        assert waiting.status == "confirmed"  # each next in line got the place
    assert Enquiry.objects.count() == 0
    assert AddressLink.objects.count() == 0
    assert sorted(DataRequest.objects.filter(kind="erasure").values_list(
        "origin", "event_id")) == sorted((Origin.ADDRESS, e.pk) for e in amina["events"])
    assert client.get(link).status_code == 404  # the link went with the address


def test_a_private_link_erases_its_registration_and_nothing_else(client, amina):
    first, second = amina["mine"]
    client.post(f"/registrations/{first.token}/erase/", {"confirm": "on"})
    second.refresh_from_db()
    assert (second.is_erased, second.email) == (False, "AMINA@example.org")
    assert Enquiry.objects.count() == 1


def test_a_failure_while_erasing_leaves_every_registration_of_the_person_untouched(
        amina, monkeypatch):
    def fail(who: Person) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(personal_data, "_providers", personal_data.providers())
    personal_data.register(Provider(name="failing", export=lambda who: [], erase=fail))
    everything = personal_data.person_at(ADDRESS)
    with pytest.raises(RuntimeError, match="disk full"):
        erase_person(person=everything, origin=Origin.ADDRESS)
    assert Registration.objects.filter(email_normalised=ADDRESS, status="confirmed",
                                       erased_at__isnull=True).count() == 2
    assert Enquiry.objects.count() == 1
    assert DataRequest.objects.count() == 0


def test_erasing_an_erased_person_changes_nothing(amina):
    everything = personal_data.person_at(ADDRESS)
    erase_person(person=everything, origin=Origin.ADDRESS)
    assert not erase_person(person=everything, origin=Origin.ADDRESS)
    assert DataRequest.objects.filter(kind="erasure").count() == 2
