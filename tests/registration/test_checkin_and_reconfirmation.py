"""Check-in at the door and reconfirmation before the event."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecities.mailing.delivery import deliver
from safecities.registration import reconfirmation, services
from safecities.registration.checkin import check_in
from safecities.registration.errors import NotConfirmed, ReconfirmationClosed, ReleaseTooEarly
from safecities.registration.models import (
    CheckIn,
    Reconfirmation,
    ReconfirmationRequest,
    Registration,
)
from tests.factories import EventFactory, UserFactory, person

pytestmark = pytest.mark.django_db
Status = Registration.Status


def register(event, n: int) -> Registration:
    return services.register(event=event, **person(n)).registration


def statuses(event) -> list[tuple[str, str]]:
    return list(Registration.objects.filter(event=event).order_by("id")
                .values_list("name", "status"))


def test_check_in_records_time_and_staff_once():
    registration = register(EventFactory(), 1)
    door = UserFactory(username="door")
    first = check_in(registration=registration, staff=door)
    again = check_in(registration=registration, staff=UserFactory(username="other"))
    assert first.first_time is True
    assert again.first_time is False
    assert again.checkin.pk == first.checkin.pk
    assert again.checkin.checked_in_by == door
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize("cancel", [False, True], ids=["waiting", "cancelled"])
def test_check_in_refuses_anyone_not_confirmed(cancel):
    event = EventFactory(capacity=0)
    registration = register(event, 1)
    if cancel:
        services.cancel(registration=registration)
    with pytest.raises(NotConfirmed):
        check_in(registration=registration, staff=None)
    assert CheckIn.objects.count() == 0


def ask(event, days: int = 7) -> ReconfirmationRequest:
    return reconfirmation.ask(event=event, deadline=timezone.now() + timedelta(days=days),
                              asked_by=None)


def test_asking_reaches_everyone_confirmed_and_nobody_else(smtp_server):
    event = EventFactory(capacity=2)
    for n in range(1, 4):
        register(event, n)
    deliver()
    smtp_server.messages.clear()
    request = ask(event)
    assert sorted(request.reconfirmations.values_list("registration__name", flat=True)) == [
        "Participant 1", "Participant 2"]
    deliver()
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "participant1@example.org", "participant2@example.org"]
    body = smtp_server.messages[0].get_body(("plain",)).get_content()
    assert "/still-coming/" in body
    assert smtp_server.messages[0]["Subject"] == f"Are you still coming? {event.title}"


def test_a_deadline_in_the_past_is_refused():
    with pytest.raises(ValueError):
        ask(EventFactory(), days=-1)


def test_answering_no_cancels_and_promotes_the_first_in_line():
    event = EventFactory(capacity=1)
    register(event, 1)
    register(event, 2)
    register(event, 3)
    asked = ask(event)
    answer = reconfirmation.reply(reconfirmation=asked.reconfirmations.get(), answer="no")
    assert answer.answer == "no"
    assert statuses(event) == [("Participant 1", "cancelled"), ("Participant 2", "confirmed"),
                               ("Participant 3", "waitlisted")]


def test_answering_yes_keeps_the_place():
    event = EventFactory(capacity=1)
    register(event, 1)
    asked = ask(event)
    reconfirmation.reply(reconfirmation=asked.reconfirmations.get(), answer="yes")
    assert statuses(event) == [("Participant 1", "confirmed")]


def test_a_cancelled_registration_cannot_answer_yes_later():
    event = EventFactory(capacity=1)
    registration = register(event, 1)
    asked = ask(event)
    item = asked.reconfirmations.get()
    reconfirmation.reply(reconfirmation=item, answer="no")
    with pytest.raises(ReconfirmationClosed):
        reconfirmation.reply(reconfirmation=item, answer="yes")
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_releasing_before_the_deadline_is_refused():
    event = EventFactory(capacity=1)
    register(event, 1)
    with pytest.raises(ReleaseTooEarly):
        reconfirmation.release_non_responders(request=ask(event))


def test_the_release_plan_matches_what_releasing_does():
    event = EventFactory(capacity=3)
    people = [register(event, n) for n in range(1, 7)]  # 1–3 confirmed, 4–6 waiting
    asked = ask(event)
    reconfirmation.reply(reconfirmation=asked.reconfirmations.get(registration=people[0]),
                         answer="yes")
    # Participant 2 says no: 4 is promoted now, and was never asked.
    reconfirmation.reply(reconfirmation=asked.reconfirmations.get(registration=people[1]),
                         answer="no")
    ReconfirmationRequest.objects.filter(pk=asked.pk).update(
        deadline=timezone.now() - timedelta(minutes=1))
    asked.refresh_from_db()
    plan = reconfirmation.release_plan(request=asked)
    assert [r.name for r in plan.released] == ["Participant 3"]
    assert [r.name for r in plan.promoted] == ["Participant 5"]
    done = reconfirmation.release_non_responders(request=asked)
    assert [r.name for r in done.released] == ["Participant 3"]
    assert [r.name for r in done.promoted] == ["Participant 5"]
    assert statuses(event) == [
        ("Participant 1", "confirmed"), ("Participant 2", "cancelled"),
        ("Participant 3", "cancelled"), ("Participant 4", "confirmed"),
        ("Participant 5", "confirmed"), ("Participant 6", "waitlisted"),
    ]
    asked.refresh_from_db()
    assert asked.released_at is not None


def test_a_participant_answers_on_the_still_coming_page(client):
    event = EventFactory(capacity=1)
    registration = register(event, 1)
    register(event, 2)
    ask(event)
    page = client.get(f"/registrations/{registration.token}/").content.decode()
    assert "Are you still coming?" in page
    response = client.post(f"/registrations/{registration.token}/still-coming/",
                           {"answer": "no"})
    assert response["Location"] == f"/registrations/{registration.token}/?cancelled=1"
    assert statuses(event) == [("Participant 1", "cancelled"), ("Participant 2", "confirmed")]
    assert Reconfirmation.objects.get().answer == "no"
