"""Registration rules the back-office uses: edit, confirm from the waiting list, bulk
cancel, resend, notes, unsubscribe — each keeps the engine's rules."""

from __future__ import annotations

import pytest

from safecities.mailing.delivery import deliver
from safecities.registration import services
from safecities.registration.errors import (
    EmailAlreadyRegistered,
    NoPlaceFree,
    NotFirstInLine,
    NotOnWaitingList,
)
from safecities.registration.models import Answer, Registration
from safecities.registration.queries import answers_by_key, waitlist_position
from tests.factories import EventFactory, QuestionFactory, UserFactory, person

pytestmark = pytest.mark.django_db
Status = Registration.Status


def register(event, n: int, **overrides) -> Registration:
    return services.register(event=event, **person(n, **overrides)).registration


def details(registration: Registration, **changes) -> dict[str, str]:
    fields = ("name", "email", "organisation", "position", "city", "country")
    return {**{name: getattr(registration, name) for name in fields}, **changes}


def statuses(event) -> list[tuple[str, str]]:
    return list(Registration.objects.filter(event=event).order_by("id")
                .values_list("name", "status"))


def test_editing_details_keeps_status_and_place_in_line():
    event = EventFactory(capacity=1)
    register(event, 1)
    waiting = register(event, 2)
    services.update_details(registration=waiting, **details(
        waiting, name="Thandi Mokoena", organisation="City of Tshwane", email="thandi@example.org"))
    waiting.refresh_from_db()
    assert (waiting.name, waiting.organisation, waiting.email, waiting.email_normalised,
            waiting.status, waitlist_position(waiting)) == (
        "Thandi Mokoena", "City of Tshwane", "thandi@example.org", "thandi@example.org",
        Status.WAITLISTED, 1)


def test_editing_an_email_to_one_already_registered_is_refused():
    event = EventFactory(capacity=3)
    first = register(event, 1)
    second = register(event, 2)
    with pytest.raises(EmailAlreadyRegistered):
        services.update_details(registration=second,
                                **details(second, email=" PARTICIPANT1@example.org"))
    second.refresh_from_db()
    assert second.email == "participant2@example.org"
    assert first.email == "participant1@example.org"


def test_an_email_held_only_by_a_cancelled_registration_can_be_taken():
    event = EventFactory(capacity=3)
    services.cancel(registration=register(event, 1))
    second = register(event, 2)
    services.update_details(registration=second,
                            **details(second, email="participant1@example.org"))
    second.refresh_from_db()
    assert second.email_normalised == "participant1@example.org"


def test_confirming_from_the_waiting_list_needs_a_free_place():
    event = EventFactory(capacity=1)
    register(event, 1)
    waiting = register(event, 2)
    with pytest.raises(NoPlaceFree):
        services.confirm_from_waiting_list(registration=waiting)
    assert statuses(event) == [("Participant 1", "confirmed"), ("Participant 2", "waitlisted")]


def test_confirming_from_the_waiting_list_never_jumps_the_line():
    event = EventFactory(capacity=1)
    register(event, 1)
    register(event, 2)
    third = register(event, 3)
    # A place frees without promotion only if the capacity was raised outside the engine.
    type(event).objects.filter(pk=event.pk).update(capacity=2)
    with pytest.raises(NotFirstInLine) as refused:
        services.confirm_from_waiting_list(registration=third)
    assert refused.value.position == 2
    assert str(refused.value) == (
        "Places go in order of arrival: this person is number 2 in line, so the people before "
        "them are confirmed first.")


def test_confirming_the_first_in_line_when_a_place_is_free_confirms_them():
    event = EventFactory(capacity=1)
    register(event, 1)
    second = register(event, 2)
    register(event, 3)
    type(event).objects.filter(pk=event.pk).update(capacity=2)
    promoted = services.confirm_from_waiting_list(registration=second)
    assert [r.name for r in promoted] == ["Participant 2"]
    assert statuses(event) == [("Participant 1", "confirmed"), ("Participant 2", "confirmed"),
                               ("Participant 3", "waitlisted")]


def test_only_a_waiting_registration_can_be_confirmed_from_the_line():
    event = EventFactory(capacity=1)
    confirmed = register(event, 1)
    with pytest.raises(NotOnWaitingList):
        services.confirm_from_waiting_list(registration=confirmed)


def test_cancelling_several_promotes_the_same_people_as_one_by_one():
    event = EventFactory(capacity=2)
    people = [register(event, n) for n in range(1, 7)]
    cancelled = services.cancel_many(registrations=[people[0], people[3], people[1]])
    assert [r.name for r in cancelled] == ["Participant 1", "Participant 2", "Participant 4"]
    assert statuses(event) == [
        ("Participant 1", "cancelled"), ("Participant 2", "cancelled"),
        ("Participant 3", "confirmed"), ("Participant 4", "cancelled"),
        ("Participant 5", "confirmed"), ("Participant 6", "waitlisted"),
    ]


def test_cancelling_several_skips_those_already_cancelled():
    event = EventFactory(capacity=2)
    first = register(event, 1)
    services.cancel(registration=first)
    assert services.cancel_many(registrations=[first]) == []


def test_cancelling_several_refuses_two_events():
    one, two = register(EventFactory(), 1), register(EventFactory(), 2)
    with pytest.raises(ValueError, match="one event"):
        services.cancel_many(registrations=[one, two])


def test_resending_marks_the_current_status_message_to_be_sent_again(smtp_server):
    event = EventFactory(capacity=1)
    confirmed = register(event, 1)
    waiting = register(event, 2)
    deliver()
    smtp_server.messages.clear()
    assert Registration.objects.filter(notice_pending=True).count() == 0
    assert services.resend_status_notice(registrations=[confirmed, waiting]) == 2
    deliver()
    subjects = sorted(m["Subject"] for m in smtp_server.messages)
    assert subjects == [f"You are on the waiting list: {event.title}",
                        f"Your place is confirmed: {event.title}"]
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.notified_status) == (Status.CONFIRMED, Status.CONFIRMED)


def test_a_note_is_kept_with_its_author():
    registration = register(EventFactory(), 1)
    author = UserFactory(username="thandi")
    note = services.add_note(registration=registration, author=author,
                             text="  Needs a visa letter by Friday. ")
    assert (note.text, note.author, note.registration) == (
        "Needs a visa letter by Friday.", author, registration)


def test_an_empty_note_is_refused():
    with pytest.raises(ValueError):
        services.add_note(registration=register(EventFactory(), 1), author=None, text="  ")


def test_unsubscribing_keeps_the_registration_and_the_first_time():
    registration = register(EventFactory(capacity=1), 1)
    services.unsubscribe_from_announcements(registration=registration)
    first = registration.announcements_opted_out_at
    services.unsubscribe_from_announcements(registration=registration)
    registration.refresh_from_db()
    assert registration.announcements_opted_out_at == first
    assert registration.status == Status.CONFIRMED


def test_answers_are_stored_with_a_new_registration():
    event = EventFactory()
    diet = QuestionFactory(event=event, key="diet", kind="single_choice")
    days = QuestionFactory(event=event, key="days", kind="multiple_choice",
                           choices=["3 December", "4 December", "5 December"])
    visa = QuestionFactory(event=event, key="visa", kind="yes_no")
    registration = services.register(event=event, answers={
        diet.id: ["Halal"], days.id: ["3 December", "5 December"], visa.id: ["no"],
    }, **person(1)).registration
    assert answers_by_key(registration) == {"diet": "Halal",
                                            "days": ["3 December", "5 December"],
                                            "visa": False}


def test_registering_again_does_not_add_answers():
    event = EventFactory()
    diet = QuestionFactory(event=event, key="diet")
    services.register(event=event, answers={diet.id: ["Vegetarian"]}, **person(1))
    services.register(event=event, answers={diet.id: ["Halal"]}, **person(1))
    assert list(Answer.objects.values_list("value", flat=True)) == ["Vegetarian"]
