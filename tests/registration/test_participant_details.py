"""What a participant reads on the way through: the details issue 13 found."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from post_office.models import Email
from pypdf import PdfReader

from safecities.events.services import create_event
from safecities.registration.certificates import certificates_pdf
from safecities.registration.emails import queue_pending_notices
from safecities.registration.models import CheckIn, Question, Registration
from safecities.registration.queries import answers_by_key
from tests.factories import (
    EventFactory,
    ProgrammeFactory,
    QuestionFactory,
    RegistrationFactory,
    person,
)

pytestmark = pytest.mark.django_db


def form(n: int) -> dict[str, str]:
    data = person(n)
    data["consent"] = "on"
    return data


def test_full_event_says_before_submitting_which_waiting_list_number_the_person_gets(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    page = client.get(f"/events/{event.slug}/register/").content.decode()
    assert ("Every place is taken: if you register now, you join the waiting list as "
            "number 3.") in page
    assert "0 places left" not in page
    assert '<button type="submit">Join the waiting list</button>' in page


def test_event_with_places_says_how_many_and_offers_to_register(client):
    event = EventFactory(capacity=2)
    page = client.get(f"/events/{event.slug}/register/").content.decode()
    assert "2 places left." in page
    assert '<button type="submit">Register</button>' in page


def test_just_cancelled_registration_says_cancelled_once(client):
    event = EventFactory()
    client.post(f"/events/{event.slug}/register/", form(1))
    registration = Registration.objects.get()
    response = client.post(f"/registrations/{registration.token}/cancel/")
    page = client.get(response["Location"]).content.decode()
    assert page.count("registration is cancelled.") == 1
    assert "Register again" in page


def test_event_without_a_venue_says_it_is_to_be_announced(client):
    event = create_event(slug="later", title="Later Exchange", starts_on=date(2031, 3, 3),
                         ends_on=date(2031, 3, 5), capacity=10,
                         contact_email="organisers@example.org")
    for path in (event.get_absolute_url(), f"/events/{event.slug}/register/"):
        page = client.get(path).content.decode()
        assert "Venue to be announced" in page
        assert ", -" not in page
        assert "-, -" not in page
        assert "To be announced," not in page


def test_venue_created_before_it_was_known_leaves_out_the_placeholder(client):
    event = EventFactory(venue__name="To be announced", venue__address="", venue__city="-",
                         venue__country="-")
    page = client.get(f"/events/{event.slug}/register/").content.decode()
    assert "To be announced</p>" in page
    assert "-, -" not in page


def diet_question(event):
    return QuestionFactory(event=event, key="diet", label="Dietary needs",
                           kind=Question.Kind.SINGLE_CHOICE,
                           choices=["None", "Halal", "Other (tell us below)"],
                           detail_choice="Other (tell us below)")


def test_option_that_asks_for_more_has_its_text_field_on_the_form(client):
    event = EventFactory()
    diet_question(event)
    page = client.get(f"/events/{event.slug}/register/").content.decode()
    assert 'value="Other (tell us below)" id="id_answer_diet_2" data-asks-detail="true"' in page
    assert '<fieldset class="field field-choices">\n<legend>Dietary needs' in page
    assert '</fieldset>\n<div class="field field-detail">' in page
    assert 'name="answer_diet_detail"' in page
    assert "If you chose “Other (tell us below)”, please tell us more" in page


def test_option_that_asks_for_more_requires_its_text_and_keeps_it_with_the_answer(client):
    event = EventFactory()
    diet_question(event)
    data = {**form(1), "answer_diet": "Other (tell us below)"}
    refused = client.post(f"/events/{event.slug}/register/", data)
    assert refused.status_code == 400
    assert ("You chose “Other (tell us below)”: please tell us more here."
            in refused.content.decode())
    assert Registration.objects.count() == 0
    client.post(f"/events/{event.slug}/register/", {**data, "answer_diet_detail": "No nuts"})
    registration = Registration.objects.get()
    assert answers_by_key(registration) == {"diet": "Other (tell us below): No nuts"}


def test_other_options_need_no_detail(client):
    event = EventFactory()
    diet_question(event)
    client.post(f"/events/{event.slug}/register/", {**form(1), "answer_diet": "Halal"})
    assert answers_by_key(Registration.objects.get()) == {"diet": "Halal"}


def test_api_takes_the_detail_after_the_option_and_a_colon(client):
    event = EventFactory()
    diet_question(event)
    body = {**person(1), "consent": True, "answers": {"diet": "Other (tell us below): No nuts"}}
    response = client.post(f"/api/events/{event.slug}/registrations/", body,
                           content_type="application/json")
    assert response.status_code == 201
    assert response.json()["answers"] == {"diet": "Other (tell us below): No nuts"}
    bare = {**person(2), "consent": True, "answers": {"diet": "Other (tell us below)"}}
    refused = client.post(f"/api/events/{event.slug}/registrations/", bare,
                          content_type="application/json")
    assert refused.json()["errors"] == {"answers.diet_detail": [
        "You chose “Other (tell us below)”: please tell us more here."]}


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(content)).pages)


def test_letter_is_dated_the_day_the_place_was_confirmed_in_the_event_time_zone(client):
    event = EventFactory(starts_on=date(2014, 12, 3), ends_on=date(2014, 12, 5))
    # 23:30 UTC on 20 November is already 21 November in Durban.
    confirmed = datetime(2014, 11, 20, 23, 30, tzinfo=UTC)
    registration = RegistrationFactory(event=event, status=Registration.Status.CONFIRMED,
                                       registered_at=confirmed, confirmed_at=confirmed)
    text = pdf_text(client.get(f"/registrations/{registration.token}/invitation.pdf").content)
    assert "Date: 21 November 2014" in text


def test_certificate_is_dated_the_last_day_of_the_event():
    event = EventFactory(starts_on=date(2014, 12, 3), ends_on=date(2014, 12, 5))
    registration = RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    CheckIn.objects.create(registration=registration)
    text = pdf_text(certificates_pdf(event, [registration]))
    assert "Issued: 5 December 2014" in text


@pytest.mark.parametrize("published", [True, False])
def test_private_page_and_agenda_link_to_the_bilateral_meetings(client, published):
    event = EventFactory()
    ProgrammeFactory(event=event, is_published=published)
    client.post(f"/events/{event.slug}/register/", form(1))
    registration = Registration.objects.get()
    meetings = f'href="/registrations/{registration.token}/meetings/">Bilateral meetings</a>'
    assert meetings in client.get(f"/registrations/{registration.token}/").content.decode()
    agenda = client.get(f"/registrations/{registration.token}/agenda/")
    assert meetings in agenda.content.decode()


def test_confirmation_email_links_to_the_bilateral_meetings(client, mailoutbox):
    event = EventFactory()
    client.post(f"/events/{event.slug}/register/", form(1))
    registration = Registration.objects.get()
    queue_pending_notices()
    body = Email.objects.get(to=registration.email).message
    assert (f"ask for bilateral meetings here: http://testserver/registrations/"
            f"{registration.token}/meetings/") in " ".join(body.split())
