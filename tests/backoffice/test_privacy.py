"""An organiser erases one registrant (two steps, the one erasure service, an audit entry
without the values) and reads the event's data-request log (no personal data)."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safecities.backoffice.models import Role
from safecities.privacy.models import DataRequest
from safecities.registration import services
from safecities.registration.models import Registration
from safecities.registration.personal_data import export_registration
from tests.factories import EventFactory, EventRoleFactory, UserFactory, person

pytestmark = pytest.mark.django_db
NAME = "Nomvula Dlamini"


@pytest.fixture
def two(event):
    first = services.register(event=event, **person(1, name=NAME)).registration
    services.register(event=event, **person(2))
    services.register(event=event, **person(3))
    waiting = services.register(event=event, **person(4)).registration
    return first, waiting


def url(event, registration) -> str:
    return f"/backoffice/events/{event.slug}/registrants/{registration.reference}/erase/"


def test_the_registrant_page_offers_erasure_to_organisers(organiser_client, event, two):
    first, _waiting = two
    page = organiser_client.get(
        f"/backoffice/events/{event.slug}/registrants/{first.reference}/").content.decode()
    assert url(event, first) in page


def test_step_one_needs_the_reference_and_the_tick(organiser_client, event, two):
    first, _waiting = two
    response = organiser_client.post(url(event, first), {"reference": "SCX-WRONG",
                                                         "confirm": "on"})
    assert response.status_code == 400
    assert "This is not this registration&#x27;s reference" in response.content.decode()
    response = organiser_client.post(url(event, first), {"reference": first.reference})
    assert response.status_code == 400
    assert "Please tick this box to confirm the erasure." in response.content.decode()
    first.refresh_from_db()
    assert first.name == NAME


def test_step_one_only_asks_again_and_erases_nothing(organiser_client, event, two):
    first, _waiting = two
    response = organiser_client.post(url(event, first), {
        "reference": first.reference.lower(), "confirm": "on"})
    assert response.status_code == 200
    assert "Erase for good?" in response.content.decode()
    assert 'name="final" value="yes"' in response.content.decode()
    first.refresh_from_db()
    assert (first.name, first.is_erased) == (NAME, False)


def test_step_two_erases_promotes_and_records_without_the_values(
        organiser_client, organiser, event, two):
    first, waiting = two
    response = organiser_client.post(url(event, first), {
        "reference": first.reference, "confirm": "on", "final": "yes"})
    assert response["Location"] == f"/backoffice/events/{event.slug}/registrants/"
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.name, first.email, first.status, first.is_erased) == (
        "", "", "cancelled", True)
    assert waiting.status == "confirmed"
    assert list(DataRequest.objects.values_list("kind", "origin", "event_id")) == [
        ("erasure", "organiser", event.pk)]
    entry = LogEntry.objects.get_for_object(first).latest("timestamp")
    assert (entry.actor, entry.changes_text) == (organiser,
                                                 "personal data erased (asked by: organiser)")
    assert NAME not in str(list(LogEntry.objects.values_list(
        "changes", "changes_text", "object_repr", "serialized_data")))
    assert organiser_client.get(url(event, first)).status_code == 404


def test_an_organiser_of_another_event_cannot_erase(signed_in, organiser, two, event):
    other = EventRoleFactory(event=EventFactory(), user=UserFactory(),
                             role=Role.ORGANISER).user
    first, _waiting = two
    response = signed_in(other).post(url(event, first), {
        "reference": first.reference, "confirm": "on", "final": "yes"})
    assert response.status_code == 403
    assert Registration.objects.get(pk=first.pk).name == NAME


def test_the_data_request_log_lists_kind_and_origin_and_no_one(organiser_client, event, two):
    first, _waiting = two
    export_registration(registration=first)
    organiser_client.post(url(event, first), {
        "reference": first.reference, "confirm": "on", "final": "yes"})
    DataRequest.objects.create(kind="erasure", origin="retention", event=EventFactory())
    page = organiser_client.get(f"/backoffice/events/{event.slug}/data-requests/")
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count("<td>Erasure</td>") == 1
    assert text.count("<td>Export</td>") == 1
    assert "The retention rule</th><td>0</td><td>0</td>" in text  # the other event's
    assert NAME not in text
    assert "participant1@example.org" not in text


def test_the_data_request_log_takes_the_same_queries_for_one_row_and_many(
        organiser_client, event):
    DataRequest.objects.create(kind="export", origin="person", event=event)
    path = f"/backoffice/events/{event.slug}/data-requests/"
    with CaptureQueriesContext(connection) as one:
        organiser_client.get(path)
    DataRequest.objects.bulk_create(
        DataRequest(kind="erasure", origin="organiser", event=event) for _ in range(30))
    with CaptureQueriesContext(connection) as many:
        organiser_client.get(path)
    assert len(many.captured_queries) == len(one.captured_queries)
