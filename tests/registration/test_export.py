""" "Download my data": everything about the person, from every app, and nobody else's data."""

from __future__ import annotations

import pytest

from safecities.cities.services import meetings
from safecities.mailing.delivery import deliver
from safecities.privacy.models import DataRequest, NoticeVersion
from safecities.programme.services.agenda import star
from safecities.registration import services
from safecities.registration.models import Question, Registration
from tests.factories import (
    AnswerFactory,
    CityFactory,
    EventFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    ProgrammeFactory,
    QuestionFactory,
    SessionFactory,
    UserFactory,
    person,
)

pytestmark = pytest.mark.django_db


def register(event, n: int, **overrides) -> Registration:
    return services.register(event=event, **person(n, **overrides)).registration


def export_of(client, registration: Registration) -> dict:
    response = client.get(f"/registrations/{registration.token}/data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="my-data-{registration.reference}.json"')
    assert response["Cache-Control"].startswith("max-age=0")
    return response.json()


@pytest.fixture
def met():
    """Two participants who met; the first is the one exporting."""
    event = EventFactory(capacity=3, title="Durban Exchange")
    ProgrammeFactory(event=event)
    mine = register(event, 1, name="Amina Phiri", organisation="Lusaka City Council")
    theirs = register(event, 2, name="Kofi Mensah", organisation="Accra Metro",
                      position="Head of community safety")
    AnswerFactory(registration=mine, question__event=event, question__label="Dietary needs",
                  question__kind=Question.Kind.SHORT_TEXT, value="Halal")
    services.add_note(registration=mine, author=UserFactory(), text="Needs a visa letter")
    star(registration=mine, session=SessionFactory(event=event, title="Safety audits"))
    meetings.opt_in(registration=mine, interests="Street lighting")
    meetings.opt_in(registration=theirs, interests="Youth clubs", city=CityFactory(name="Accra"))
    MeetingSlotFactory(event=event)
    MeetingTableFactory(event=event, name="Table 1")
    asked = meetings.request_meeting(requester=theirs, invitee=mine,
                                     message="Kofi here: shall we talk about lighting?")
    meetings.accept(meeting=asked, by=mine)
    deliver()
    return mine, theirs


def test_the_export_holds_every_part_of_the_person(client, met):
    mine, _theirs = met
    data = export_of(client, mine)["data"]
    assert sorted(data) == ["agenda", "answers", "changes", "consent", "emails",
                            "meeting_profile", "meetings", "notes", "registrations"]
    [details] = data["registrations"]
    assert {k: details[k] for k in ["reference", "event", "status", "name", "email",
                                     "organisation"]} == {
        "reference": mine.reference, "event": "Durban Exchange", "status": "confirmed",
        "name": "Amina Phiri", "email": "participant1@example.org",
        "organisation": "Lusaka City Council"}
    assert data["answers"] == [{"registration": mine.reference, "question": "Dietary needs",
                                "answer": "Halal"}]
    assert [note["note"] for note in data["notes"]] == ["Needs a visa letter"]
    assert [pick["session"] for pick in data["agenda"]] == ["Safety audits"]
    assert data["meeting_profile"][0]["interests"] == "Street lighting"
    # The meeting message names the other person: listed, without its subject.
    assert [(email["subject"], email["names_someone_else"]) for email in data["emails"]] == [
        ("Your place is confirmed: Durban Exchange", False), (None, True)]
    assert all(email["status"] == "sent" and email["sent_at"] for email in data["emails"])
    assert [change["record"] for change in data["changes"]] == ["note"]


def test_the_consent_record_says_what_when_and_which_version(client, met):
    mine, _theirs = met
    [consent] = export_of(client, mine)["data"]["consent"]
    version = NoticeVersion.objects.get()
    assert consent == {
        "registration": mine.reference,
        "agreed_to": "The privacy notice: the organisers keep these details to run the "
                     "exchange.",
        "agreed_at": mine.consented_at.isoformat(),
        "notice_version": version.version,
        "notice_url": f"http://testserver/privacy/versions/{version.version}/",
    }


def test_the_export_shows_of_the_other_person_only_what_they_agreed_to_show(client, met):
    mine, _theirs = met
    document = export_of(client, mine)
    [meeting] = document["data"]["meetings"]
    assert {k: meeting[k] for k in ["direction", "status", "other_city", "other_role",
                                     "your_message", "table"]} == {
        "direction": "was_asked", "status": "accepted", "other_city": "Accra",
        "other_role": "Head of community safety", "your_message": None, "table": "Table 1"}
    text = str(document)
    for theirs_only in ["Kofi", "Mensah", "Accra Metro", "participant2@example.org",
                        "Youth clubs", "lighting?"]:
        assert theirs_only not in text


def test_the_other_persons_city_and_role_are_hidden_once_they_opt_out(client, met):
    mine, theirs = met
    meetings.opt_out(registration=theirs)
    [meeting] = export_of(client, mine)["data"]["meetings"]
    assert (meeting["other_city"], meeting["other_role"]) == (None, None)


def test_the_other_persons_export_has_their_message_and_not_mine(client, met):
    _mine, theirs = met
    document = export_of(client, theirs)
    [meeting] = document["data"]["meetings"]
    assert (meeting["direction"], meeting["your_message"]) == (
        "asked", "Kofi here: shall we talk about lighting?")
    assert "Amina" not in str(document) and "Needs a visa" not in str(document)
    assert "Street lighting" not in str(document)


def test_exports_are_logged_without_personal_data(client, met):
    mine, _theirs = met
    export_of(client, mine)
    client.get(f"/registrations/{mine.token}/data/")
    assert list(DataRequest.objects.values_list("kind", "origin", "event")) == [
        ("export", "person", mine.event_id)] * 2


def test_the_readable_export_lists_each_part_with_labels_and_escapes_text(client):
    event = EventFactory()
    registration = register(event, 1, name="<script>alert(1)</script>")
    QuestionFactory(event=event)
    page = client.get(f"/registrations/{registration.token}/data/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert '<h2 id="section-registrations">Registrations</h2>' in text
    assert "<dt>Organisation</dt><dd>City of Example</dd>" in text
    assert f'href="/registrations/{registration.token}/data.json"' in text


def test_no_export_for_an_unknown_link(client):
    assert client.get("/registrations/not-a-token/data.json").status_code == 404
    assert client.get("/registrations/not-a-token/data/").status_code == 404
