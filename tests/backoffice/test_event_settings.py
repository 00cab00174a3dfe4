"""Organisers change their event's public details and registration settings in the
back-office (the admin is for site administrators only)."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from safecities.backoffice import services
from safecities.backoffice.models import Role
from safecities.events.models import Event
from safecities.registration import services as registration
from safecities.registration.models import Registration
from tests.factories import EventFactory, EventRoleFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db


def url(event) -> str:
    return f"/backoffice/events/{event.slug}/settings/"


def register(event, n: int) -> Registration:
    return registration.register(
        event=event, name=f"Participant {n}", email=f"p{n}@example.org", organisation="City",
        position="Officer", city="Lusaka", country="Zambia", consent=True).registration


def settings_data(event, **changes) -> dict[str, object]:
    data = {
        "title": event.title, "tagline": event.tagline, "description": event.description,
        "venue": event.venue_id, "starts_on": event.starts_on.isoformat(),
        "ends_on": event.ends_on.isoformat(), "cost_note": event.cost_note,
        "capacity": event.capacity,
        "registration_opens_at": "2014-01-01T09:00", "registration_closes_at": "",
    }
    return {**data, **changes}


def test_an_organiser_changes_the_public_details_and_a_translation(organiser_client, event):
    other_venue = VenueFactory(name="Moses Mabhida Stadium")
    response = organiser_client.post(url(event), settings_data(
        event, title="Durban Exchange", tagline="Cities learning", venue=other_venue.pk,
        cost_note="Free of charge.", **{"title__fr": "Échange de Durban"}))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.tagline, event.venue, event.cost_note) == (
        "Durban Exchange", "Cities learning", other_venue, "Free of charge.")
    assert event.translations == {"fr": {"title": "Échange de Durban"}}
    # In the event's time zone (Africa/Johannesburg, UTC+2).
    assert event.registration_opens_at.isoformat() == "2014-01-01T07:00:00+00:00"
    entry = LogEntry.objects.get_for_object(event).order_by("-id").first()
    assert entry.actor.username == "organiser"
    assert entry.changes_dict["title"][1] == "Durban Exchange"


def test_raising_the_capacity_confirms_people_from_the_waiting_list(organiser_client, event):
    people = [register(event, n) for n in range(1, 6)]  # capacity 3: two waiting
    response = organiser_client.post(url(event), settings_data(event, capacity=4), follow=True)
    assert "1 person was confirmed from the waiting list." in response.content.decode()
    statuses = [r.status for r in Registration.objects.filter(
        pk__in=[p.pk for p in people]).order_by("id")]
    assert statuses == ["confirmed"] * 4 + ["waitlisted"]
    promotion = LogEntry.objects.filter(changes_text="promoted from the waiting list").get()
    assert promotion.object_pk == str(people[3].pk)


def test_the_service_saves_details_and_leaves_capacity_to_the_engine(event):
    people = [register(event, n) for n in range(1, 5)]
    event.title = "New title"
    assert [p.pk for p in services.save_event_settings(event=event, capacity=5)] == [
        people[3].pk]
    assert Event.objects.values_list("title", "capacity").get(pk=event.pk) == ("New title", 5)
    # Lowering it removes nobody.
    assert services.save_event_settings(event=event, capacity=1) == []
    assert Registration.objects.filter(event=event, status="confirmed").count() == 4


@pytest.mark.parametrize("changes, message", [
    ({"title": "\u202eevil"}, "change the direction of the text"),
    ({"ends_on": "2000-01-01"}, "The last day cannot be before the first day."),
    ({"capacity": "-1"}, "greater than or equal to 0"),
    ({"registration_closes_at": "2013-12-31T09:00"}, "Registration must close after it opens."),
    ({"tagline__pt": "a\x07b"}, "without control characters"),
])
def test_bad_settings_are_refused_with_a_clear_message(organiser_client, event, changes,
                                                       message):
    before = Event.objects.values_list("title", "ends_on", "capacity").get(pk=event.pk)
    response = organiser_client.post(url(event), settings_data(event, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Event.objects.values_list("title", "ends_on", "capacity").get(pk=event.pk) == before


def test_the_page_shows_the_current_settings(organiser_client, event):
    page = organiser_client.get(url(event)).content.decode()
    assert f'value="{event.title}"' in page
    assert "In French" in page


def test_only_this_events_organisers_may_change_it(client, signed_in, event, door_staff):
    other = EventFactory()
    outsider = EventRoleFactory(event=other, user=UserFactory(username="other-organiser"),
                                role=Role.ORGANISER).user
    assert signed_in(outsider).post(url(event), settings_data(event, title="X")).status_code \
        == 403
    assert signed_in(door_staff).get(url(event)).status_code == 403
    client.logout()
    organiser = EventRoleFactory(event=event, user=UserFactory(username="pw-only"),
                                 role=Role.ORGANISER).user
    from tests.signing_in import give_device, sign_in

    give_device(organiser)
    assert sign_in(client, organiser, second_factor=False).get(url(event)).status_code == 403
    assert Event.objects.get(pk=event.pk).title != "X"
