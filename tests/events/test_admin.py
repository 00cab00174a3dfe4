"""Organisers manage events in the admin; capacity changes go through the engine."""

from __future__ import annotations

import pytest

from safecities.registration import services
from safecities.registration.models import Registration
from tests.factories import EventFactory, person

pytestmark = pytest.mark.django_db


def event_form(event, **changes) -> dict[str, str]:
    data = {
        "title": event.title, "slug": event.slug, "tagline": event.tagline, "host": event.host,
        "description": event.description, "is_published": "on",
        "default_language": event.default_language,
        "starts_on": event.starts_on.isoformat(), "ends_on": event.ends_on.isoformat(),
        "timezone": event.timezone, "venue": str(event.venue_id),
        "capacity": str(event.capacity),
        "registration_opens_at_0": event.registration_opens_at.strftime("%Y-%m-%d"),
        "registration_opens_at_1": event.registration_opens_at.strftime("%H:%M:%S"),
        "registration_closes_at_0": "", "registration_closes_at_1": "",
        "cost_note": event.cost_note, "contact_email": event.contact_email,
    }
    data.update(changes)
    return data


def test_raising_capacity_in_the_admin_promotes_the_waiting_in_order(admin_client):
    event = EventFactory(capacity=1)
    for n in range(1, 5):
        services.register(event=event, **person(n))
    response = admin_client.post(f"/admin/events/event/{event.pk}/change/",
                                 event_form(event, capacity="3"), follow=True)
    assert "2 people were confirmed from the waiting list." in response.content.decode()
    assert list(Registration.objects.order_by("id").values_list("status", flat=True)) == [
        "confirmed", "confirmed", "confirmed", "waitlisted"]


def test_an_impossible_time_zone_is_refused_in_the_admin(admin_client):
    event = EventFactory()
    response = admin_client.post(f"/admin/events/event/{event.pk}/change/",
                                 event_form(event, timezone="Durban/Beach"))
    assert response.status_code == 200
    assert "is not a time zone" in response.content.decode()


def test_cancel_action_in_the_admin_promotes_the_next_in_line(admin_client):
    event = EventFactory(capacity=1)
    first = services.register(event=event, **person(1)).registration
    second = services.register(event=event, **person(2)).registration
    admin_client.post("/admin/registration/registration/", {
        "action": "cancel_selected", "_selected_action": [str(first.pk)]})
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == ("cancelled", "confirmed")


def test_registration_list_in_the_admin_shows_registrants(admin_client):
    event = EventFactory()
    services.register(event=event, **person(1, name="Amina Phiri"))
    page = admin_client.get("/admin/registration/registration/").content.decode()
    assert "Amina Phiri" in page


def test_enquiries_are_erased_in_the_admin_with_their_messages_never_deleted_alone(
        admin_client):
    from post_office.models import Email

    from safecities.events.models import Enquiry
    from safecities.events.services import send_enquiry
    from safecities.privacy.models import DataRequest

    event = EventFactory()
    send_enquiry(event=event, name="Amina", email="amina@example.org", subject="Visa",
                 message="Can the letter name my deputy?")
    enquiry = Enquiry.objects.get()
    assert Email.objects.filter(message__contains="my deputy").count() == 1
    page = admin_client.get(f"/admin/events/enquiry/{enquiry.pk}/delete/")
    assert page.status_code == 403
    admin_client.post("/admin/events/enquiry/", {
        "action": "erase_selected", "_selected_action": [str(enquiry.pk)]})
    assert Enquiry.objects.count() == 0
    assert Email.objects.filter(message__contains="my deputy").count() == 0
    assert list(DataRequest.objects.values_list("kind", "origin", "event_id")) == [
        ("erasure", "organiser", event.pk)]


def test_the_data_request_log_is_read_only_in_the_admin(admin_client):
    from safecities.privacy.models import DataRequest

    item = DataRequest.objects.create(kind="erasure", origin="account")
    assert admin_client.get("/admin/privacy/datarequest/").status_code == 200
    assert admin_client.get(f"/admin/privacy/datarequest/{item.pk}/delete/").status_code == 403


def test_admin_forms_refuse_bidi_overrides_in_single_line_fields(admin_client):
    event = EventFactory()
    response = admin_client.post(f"/admin/events/event/{event.pk}/change/",
                                 event_form(event, title="Exchange \u202eegnahcxE"))
    assert response.status_code == 200
    assert ("Please remove the invisible characters that change the direction of the text."
            in response.content.decode())
    event.refresh_from_db()
    assert "\u202e" not in event.title
