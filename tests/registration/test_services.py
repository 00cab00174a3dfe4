"""The capacity engine's rules, through its services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from post_office.models import Email

from safecities.registration import services
from safecities.registration.errors import EventNotPublished, RegistrationNotOpen
from safecities.registration.models import Registration
from safecities.registration.queries import occupancy, waitlist_position
from tests.factories import EventFactory, RegistrationFactory, person

pytestmark = pytest.mark.django_db
Status = Registration.Status


def register(event, n: int, **overrides) -> Registration:
    return services.register(event=event, **person(n, **overrides)).registration


def statuses(event) -> list[tuple[str, str, int | None]]:
    return [
        (r.name, r.status, waitlist_position(r))
        for r in Registration.objects.filter(event=event).order_by("id")
    ]


def test_first_registrations_up_to_capacity_are_confirmed_and_the_rest_wait_in_order():
    event = EventFactory(capacity=2)
    for n in range(1, 6):
        register(event, n)
    assert statuses(event) == [
        ("Participant 1", "confirmed", None),
        ("Participant 2", "confirmed", None),
        ("Participant 3", "waitlisted", 1),
        ("Participant 4", "waitlisted", 2),
        ("Participant 5", "waitlisted", 3),
    ]


def test_zero_capacity_puts_everyone_on_the_waiting_list():
    event = EventFactory(capacity=0)
    register(event, 1)
    assert statuses(event) == [("Participant 1", "waitlisted", 1)]


def test_same_email_returns_the_existing_registration_and_takes_no_place():
    event = EventFactory(capacity=2)
    first = services.register(event=event, **person(1))
    again = services.register(event=event, **person(1, email="  PARTICIPANT1@Example.ORG "))
    assert first.created is True
    assert again.created is False
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.filter(event=event).count() == 1
    assert occupancy(event).confirmed == 1


def test_same_email_may_register_for_two_events():
    first, second = EventFactory(), EventFactory()
    register(first, 1)
    register(second, 1)
    assert Registration.objects.filter(email_normalised="participant1@example.org").count() == 2


def test_cancellation_promotes_first_in_line():
    event = EventFactory(capacity=2)
    registrations = [register(event, n) for n in range(1, 5)]
    services.cancel(registration=registrations[0])
    assert statuses(event) == [
        ("Participant 1", "cancelled", None),
        ("Participant 2", "confirmed", None),
        ("Participant 3", "confirmed", None),
        ("Participant 4", "waitlisted", 1),
    ]


def test_cancelling_a_waiting_registration_renumbers_the_line_without_gaps():
    event = EventFactory(capacity=1)
    registrations = [register(event, n) for n in range(1, 5)]
    services.cancel(registration=registrations[2])
    assert statuses(event) == [
        ("Participant 1", "confirmed", None),
        ("Participant 2", "waitlisted", 1),
        ("Participant 3", "cancelled", None),
        ("Participant 4", "waitlisted", 2),
    ]


def test_cancelling_twice_changes_nothing_the_second_time():
    event = EventFactory(capacity=1)
    first, *_others = [register(event, n) for n in range(1, 4)]
    services.cancel(registration=first)
    services.cancel(registration=first)
    assert statuses(event) == [
        ("Participant 1", "cancelled", None),
        ("Participant 2", "confirmed", None),
        ("Participant 3", "waitlisted", 1),
    ]


def test_after_cancelling_a_person_may_register_again_at_the_back_of_the_line():
    event = EventFactory(capacity=1)
    first = register(event, 1)
    register(event, 2)
    services.cancel(registration=first)
    again = services.register(event=event, **person(1))
    assert again.created is True
    assert again.registration.pk != first.pk
    assert statuses(event) == [
        ("Participant 1", "cancelled", None),
        ("Participant 2", "confirmed", None),
        ("Participant 1", "waitlisted", 1),
    ]


def test_raising_capacity_promotes_from_the_waiting_list_in_order():
    event = EventFactory(capacity=1)
    for n in range(1, 5):
        register(event, n)
    promoted = services.set_capacity(event=event, capacity=3)
    assert [r.name for r in promoted] == ["Participant 2", "Participant 3"]
    assert statuses(event) == [
        ("Participant 1", "confirmed", None),
        ("Participant 2", "confirmed", None),
        ("Participant 3", "confirmed", None),
        ("Participant 4", "waitlisted", 1),
    ]


def test_lowering_capacity_never_removes_anyone_confirmed():
    event = EventFactory(capacity=3)
    registrations = [register(event, n) for n in range(1, 5)]
    assert services.set_capacity(event=event, capacity=1) == []
    assert occupancy(event).confirmed == 3
    # A cancellation does not confirm anyone while the confirmed still exceed capacity.
    services.cancel(registration=registrations[0])
    assert statuses(event) == [
        ("Participant 1", "cancelled", None),
        ("Participant 2", "confirmed", None),
        ("Participant 3", "confirmed", None),
        ("Participant 4", "waitlisted", 1),
    ]


def test_a_new_registration_waits_while_others_are_already_waiting():
    event = EventFactory(capacity=2)
    for n in range(1, 4):
        register(event, n)
    services.set_capacity(event=event, capacity=1)  # over capacity now: 2 confirmed
    registrations = Registration.objects.filter(event=event).order_by("id")
    services.cancel(registration=registrations[0])  # 1 confirmed, capacity 1: full
    register(event, 4)
    assert statuses(event)[-1] == ("Participant 4", "waitlisted", 2)


def test_registration_before_the_window_opens_says_when_it_opens():
    opens = timezone.now() + timedelta(days=2)
    event = EventFactory(registration_opens_at=opens)
    with pytest.raises(RegistrationNotOpen) as raised:
        register(event, 1)
    assert raised.value.opens_at == opens
    assert str(raised.value).startswith("Registration is not open yet. It opens on ")
    assert Registration.objects.count() == 0


def test_registration_after_the_window_closes_is_refused():
    event = EventFactory(registration_opens_at=timezone.now() - timedelta(days=5),
                         registration_closes_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(RegistrationNotOpen) as raised:
        register(event, 1)
    assert str(raised.value) == "Registration has closed."
    assert Registration.objects.count() == 0


def test_without_a_closing_time_registration_closes_when_the_event_begins():
    event = EventFactory(starts_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(RegistrationNotOpen):
        register(event, 1)


def test_unpublished_event_takes_no_registration():
    event = EventFactory(is_published=False)
    with pytest.raises(EventNotPublished):
        register(event, 1)


def test_registration_without_consent_is_refused():
    event = EventFactory()
    with pytest.raises(ValueError, match="consent"):
        register(event, 1, consent=False)
    assert Registration.objects.count() == 0


def test_every_status_change_leaves_a_notice_pending():
    event = EventFactory(capacity=1)
    first, second = register(event, 1), register(event, 2)
    Registration.objects.update(notice_pending=False)
    services.cancel(registration=first)
    assert list(Registration.objects.order_by("id").values_list("status", "notice_pending")) == [
        ("cancelled", True), ("confirmed", True),
    ]
    assert second.pk == Registration.objects.get(status="confirmed").pk


def test_database_refuses_two_live_registrations_for_one_email():
    registration = RegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=registration.event, email=registration.email.upper(),
                            email_normalised=registration.email_normalised)


def test_registered_details_are_trimmed():
    event = EventFactory()
    registration = register(event, 1, name="  Amina Phiri ", city=" Lusaka ")
    assert (registration.name, registration.city) == ("Amina Phiri", "Lusaka")


def test_references_and_tokens_are_distinct_and_unguessable_in_length():
    event = EventFactory(capacity=10)
    registrations = [register(event, n) for n in range(1, 6)]
    assert len({r.reference for r in registrations}) == 5
    assert len({r.token for r in registrations}) == 5
    assert {len(r.token) for r in registrations} == {43}


def test_registering_again_emails_the_private_link_at_most_once_every_ten_minutes():
    event = EventFactory()
    first = register(event, 1)
    outcomes = [services.register(event=event, **person(1)) for _ in range(3)]
    assert [o.created for o in outcomes] == [False, False, False]
    assert list(Email.objects.values_list("to", flat=True)) == [["participant1@example.org"]]
    Registration.objects.filter(pk=first.pk).update(
        link_resent_at=timezone.now() - timedelta(minutes=10, seconds=1))
    services.register(event=event, **person(1))
    assert Email.objects.count() == 2
    assert Registration.objects.filter(event=event).count() == 1
