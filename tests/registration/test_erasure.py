"""Erasure: one service (registration.personal_data.erase_registration) for the page, the API,
the back-office and the retention rule — its rules, its atomicity, and its pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from post_office.models import Email

from safecities.cities.models import MeetingProfile, MeetingRequest
from safecities.cities.services import meetings
from safecities.mailing.delivery import deliver
from safecities.privacy import personal_data
from safecities.privacy.models import DataRequest
from safecities.privacy.personal_data import Provider
from safecities.programme.models import AgendaPick
from safecities.programme.services.agenda import star
from safecities.registration import services, signals
from safecities.registration.models import Answer, CheckIn, Note, Registration
from safecities.registration.personal_data import erase_registration
from tests.factories import (
    AnswerFactory,
    EventFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    ProgrammeFactory,
    SessionFactory,
    UserFactory,
    person,
)

pytestmark = pytest.mark.django_db
Origin = DataRequest.Origin


def register(event, n: int, **overrides) -> Registration:
    return services.register(event=event, **person(n, **overrides)).registration


def erase(registration: Registration, origin: str = Origin.PERSON, **kwargs) -> Registration:
    return erase_registration(registration=registration, origin=origin, **kwargs)


PERSONAL = ("name", "email", "organisation", "position", "city", "country")


def test_erasing_a_confirmed_registration_cancels_it_and_confirms_the_first_in_line():
    event = EventFactory(capacity=1)
    first = register(event, 1)
    second = register(event, 2)
    erase(first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("cancelled", "confirmed")
    assert second.notice_pending is True  # the promoted person is told, as at any cancellation
    assert first.notice_pending is False  # the erased person's address is gone: nothing is sent


def test_the_promoted_person_is_told_and_the_erased_person_gets_nothing(smtp_server):
    event = EventFactory(capacity=1, title="Exchange")
    first = register(event, 1)
    register(event, 2)
    deliver()
    smtp_server.messages.clear()
    erase(first)
    deliver()
    assert [m["To"] for m in smtp_server.messages] == ["participant2@example.org"]
    assert smtp_server.messages[0]["Subject"] == "A place is now yours: Exchange"


def test_erasure_leaves_the_row_its_order_status_and_times_and_nothing_personal():
    event = EventFactory(capacity=0)
    registration = register(event, 1, name="Amina Phiri", organisation="eThekwini")
    before = Registration.objects.get(pk=registration.pk)
    erased = erase(registration)
    assert {field: getattr(erased, field) for field in PERSONAL} == dict.fromkeys(PERSONAL, "")
    assert (erased.pk, erased.registered_at, erased.position_at_registration) == (
        before.pk, before.registered_at, 1)
    assert erased.status == "cancelled"
    assert erased.erased_at is not None
    # Secrets nobody knows any more: the old link, reference and check-in code lead nowhere.
    assert erased.token != before.token
    assert erased.reference != before.reference
    assert erased.checkin_code != before.checkin_code
    assert erased.email_normalised == f"erased:{erased.pk}"
    assert str(erased) == erased.reference


def test_after_the_event_an_erased_registration_keeps_its_status_and_promotes_nobody():
    event = EventFactory(capacity=1)
    first = register(event, 1)
    second = register(event, 2)
    after = event.starts_at + timedelta(days=10)
    erase(first, now=after)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    assert first.name == ""


def test_two_erased_confirmed_registrations_of_one_event_do_not_collide():
    event = EventFactory(capacity=2)
    after = event.starts_at + timedelta(days=10)
    for n in (1, 2):
        erase(register(event, n), now=after)
    assert list(Registration.objects.filter(event=event).values_list("status", "name")) == [
        ("confirmed", ""), ("confirmed", "")]


def test_erasing_twice_changes_nothing_the_second_time():
    event = EventFactory()
    erased = erase(register(event, 1))
    again = erase(erased)
    assert (again.token, again.erased_at) == (erased.token, erased.erased_at)
    assert DataRequest.objects.filter(kind="erasure").count() == 1


def test_erasure_removes_answers_notes_agenda_and_meeting_profile_and_blanks_meeting_messages():
    event = EventFactory(capacity=3)
    ProgrammeFactory(event=event)
    registration = register(event, 1)
    other = register(event, 2)
    AnswerFactory(registration=registration, question__event=event, value="Halal")
    services.add_note(registration=registration, author=UserFactory(), text="Needs a visa")
    star(registration=registration, session=SessionFactory(event=event))
    meetings.opt_in(registration=registration, interests="Policing")
    meetings.opt_in(registration=other)
    MeetingSlotFactory(event=event)
    MeetingTableFactory(event=event)
    asked = meetings.request_meeting(requester=registration, invitee=other, message="Hello")
    meetings.accept(meeting=asked, by=other)
    erase(registration)
    assert Answer.objects.filter(registration=registration).count() == 0
    assert Note.objects.filter(registration=registration).count() == 0
    assert AgendaPick.objects.filter(registration=registration).count() == 0
    assert MeetingProfile.objects.filter(registration=registration).count() == 0
    meeting = MeetingRequest.objects.get()
    # Cancelled by the cancellation (the other person's slot is freed), and nameless.
    assert (meeting.status, meeting.message) == ("cancelled", "")
    assert MeetingProfile.objects.filter(registration=other).count() == 1


def test_the_other_person_of_a_meeting_is_told_without_the_erased_name(smtp_server):
    event = EventFactory(capacity=3)
    registration = register(event, 1, name="Amina Phiri")
    other = register(event, 2)
    meetings.opt_in(registration=registration)
    meetings.opt_in(registration=other)
    MeetingSlotFactory(event=event)
    MeetingTableFactory(event=event)
    meetings.accept(meeting=meetings.request_meeting(requester=registration, invitee=other,
                                                    message="Hello"), by=other)
    deliver()
    smtp_server.messages.clear()
    erase(registration)
    deliver()
    [told] = smtp_server.to("participant2@example.org")
    assert told["Subject"] == "Meeting cancelled"
    text = told.get_body(("plain",)).get_content()
    assert "The meeting with a participant who has left the exchange is cancelled." in text
    assert "Amina" not in text
    assert smtp_server.to("participant1@example.org") == []


def test_stored_messages_about_the_person_are_deleted_others_stay():
    event = EventFactory(capacity=3)
    registration = register(event, 1)
    other = register(event, 2)
    deliver()
    assert Email.objects.count() == 2
    erase(registration)
    assert list(Email.objects.values_list("to", flat=True)) == [[other.email]]


def test_the_audit_trail_keeps_the_status_history_and_loses_the_values():
    event = EventFactory(capacity=1)
    registration = register(event, 1, name="Amina Phiri")
    organiser = UserFactory()
    with set_actor(organiser):
        services.update_details(registration=registration, name="Amina Banda",
                                email="participant1@example.org", organisation="Zuluvale Metro",
                                position="Officer", city="Durban", country="ZA")
        services.add_note(registration=registration, author=organiser, text="Visa for Amina")
        erase(registration, origin=Origin.ORGANISER)
    entries = LogEntry.objects.order_by("id")
    text = " ".join(f"{e.object_repr} {e.changes} {e.changes_text}" for e in entries)
    assert "Amina" not in text and "Zuluvale" not in text and "Visa" not in text
    registration_type = ContentType.objects.get_for_model(Registration)
    trail = [(e.changes, e.changes_text) for e in entries.filter(content_type=registration_type)]
    erased_at = Registration.objects.get(pk=registration.pk).erased_at.isoformat()
    assert trail == [
        ({"name": ["[erased]", "[erased]"], "organisation": ["[erased]", "[erased]"],
          "position": ["[erased]", "[erased]"], "city": ["[erased]", "[erased]"],
          "country": ["[erased]", "[erased]"]}, ""),
        ({"status": ["confirmed", "cancelled"], "cancelled_at": trail[1][0]["cancelled_at"]},
         ""),
        ({"erased_at": [None, erased_at]}, "personal data erased (asked by: organiser)"),
    ]
    assert trail[1][0]["cancelled_at"][0] == "None"
    assert entries.last().actor == organiser


def test_the_data_request_log_records_kind_origin_and_event_only():
    event = EventFactory()
    registration = register(event, 1)
    erase(registration, origin=Origin.ORGANISER)
    [logged] = DataRequest.objects.values("kind", "origin", "event")
    assert logged == {"kind": "erasure", "origin": "organiser", "event": event.pk}


def test_cancelling_or_registering_again_never_erases():
    event = EventFactory(capacity=1)
    registration = register(event, 1, name="Amina Phiri")
    services.register(event=event, **person(1, name="Someone Else"))
    services.cancel(registration=registration)
    registration.refresh_from_db()
    assert (registration.name, registration.erased_at) == ("Amina Phiri", None)


# --- One transaction per person -------------------------------------------------------------


class Interrupted(Exception):
    pass


def everything_about(registration: Registration) -> dict[str, object]:
    return {
        "registration": Registration.objects.filter(pk=registration.pk).values().get(),
        "answers": list(Answer.objects.filter(registration=registration).values()),
        "notes": list(Note.objects.filter(registration=registration).values()),
        "checkins": CheckIn.objects.filter(registration=registration).count(),
        "meetings": list(MeetingRequest.objects.values("status", "message")),
        "line": list(Registration.objects.filter(event=registration.event_id)
                     .values_list("status", flat=True)),
        "emails": Email.objects.count(),
        "requests": DataRequest.objects.count(),
        "log": LogEntry.objects.count(),
    }


@pytest.fixture
def busy_person():
    event = EventFactory(capacity=2)
    registration = register(event, 1)
    other = register(event, 2)
    register(event, 3)
    AnswerFactory(registration=registration, question__event=event, value="Halal")
    services.add_note(registration=registration, author=UserFactory(), text="Needs a visa")
    meetings.opt_in(registration=registration)
    meetings.opt_in(registration=other)
    MeetingSlotFactory(event=event)
    MeetingTableFactory(event=event)
    meetings.accept(meeting=meetings.request_meeting(requester=registration, invitee=other,
                                                    message="Hello"), by=other)
    deliver()
    return registration


def test_a_failure_at_the_last_step_leaves_the_person_untouched(busy_person):
    before = everything_about(busy_person)

    def fail(**kwargs):
        raise Interrupted()

    signals.erased.connect(fail, dispatch_uid="test-fail")
    try:
        with pytest.raises(Interrupted):
            erase(busy_person)
    finally:
        signals.erased.disconnect(dispatch_uid="test-fail")
    assert everything_about(busy_person) == before


def test_a_provider_failing_after_the_others_erased_leaves_the_person_untouched(
        busy_person, monkeypatch):
    before = everything_about(busy_person)

    def fail(person):
        raise Interrupted()

    # Registered first, so it erases last: every other provider has done its part by then.
    monkeypatch.setattr(personal_data, "_providers", [
        Provider(name="failing", export=lambda person: [], erase=fail),
        *personal_data.providers()])
    with pytest.raises(Interrupted):
        erase(busy_person)
    assert everything_about(busy_person) == before


# --- The pages and the API ------------------------------------------------------------------


def test_the_private_page_offers_download_and_delete(client):
    registration = register(EventFactory(), 1)
    page = client.get(f"/registrations/{registration.token}/").content.decode()
    assert f'href="/registrations/{registration.token}/data/"' in page
    assert f'href="/registrations/{registration.token}/erase/"' in page


def test_the_erase_page_says_it_cannot_be_undone_and_what_remains(client):
    registration = register(EventFactory(capacity=1), 1)
    page = client.get(f"/registrations/{registration.token}/erase/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "This cannot be undone." in text
    assert "your place goes to the next person on the waiting list" in text
    assert "Only that a registration existed" in text
    assert page["Cache-Control"].startswith("max-age=0")


def test_erasing_without_ticking_the_confirmation_is_refused_and_changes_nothing(client):
    registration = register(EventFactory(), 1)
    response = client.post(f"/registrations/{registration.token}/erase/", {})
    assert response.status_code == 400
    assert "Please tick this box to confirm that your data should be erased." in (
        response.content.decode())
    registration.refresh_from_db()
    assert (registration.name, registration.status) == ("Participant 1", "confirmed")


def test_erasing_from_the_page_then_the_private_link_is_gone(client):
    registration = register(EventFactory(), 1)
    token = registration.token
    response = client.post(f"/registrations/{token}/erase/", {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/erased/"
    assert "We have erased your personal data." in client.get("/privacy/erased/").content.decode()
    for path in ["", "data/", "data.json", "erase/", "cancel/", "invitation.pdf"]:
        assert client.get(f"/registrations/{token}/{path}").status_code == 404
    assert client.get(f"/api/registrations/{token}/").status_code == 404
    [logged] = DataRequest.objects.values_list("kind", "origin")
    assert logged == ("erasure", "person")


def test_the_api_erases_and_answers_erased_then_404(client):
    registration = register(EventFactory(), 1)
    url = f"/api/registrations/{registration.token}/erase/"
    response = client.post(url)
    assert (response.status_code, response.json()) == (200, {"status": "erased"})
    again = client.post(url)
    assert again.status_code == 404
    assert again.json()["code"] == "not_found"
    assert client.get(url).status_code == 405
    assert Registration.objects.get().erased_at is not None
