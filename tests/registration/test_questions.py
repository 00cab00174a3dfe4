"""An event's own questions on the public form and in the JSON API."""

from __future__ import annotations

import json

import pytest

from safecities.registration.models import Answer, Registration
from tests.factories import EventFactory, QuestionFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = EventFactory(capacity=5)
    QuestionFactory(event=event, key="city-represented", label="City you represent",
                    kind="short_text", required=True, order=1)
    QuestionFactory(event=event, key="access", label="Accessibility needs", kind="long_text",
                    order=2, help_text="Anything that helps you take part.")
    QuestionFactory(event=event, key="diet", label="Dietary needs", kind="single_choice",
                    required=True, order=3)
    QuestionFactory(event=event, key="days", label="Which days will you attend?",
                    kind="multiple_choice", choices=["3 December", "4 December", "5 December"],
                    required=True, order=4)
    QuestionFactory(event=event, key="visa", label="Do you need a visa letter?", kind="yes_no",
                    required=True, order=5)
    return event


def form(n: int, **answers) -> dict[str, object]:
    data: dict[str, object] = {**person(n), "consent": "on"}
    data.update({f"answer_{key.replace('_', '-')}": value for key, value in answers.items()})
    return data


def test_the_form_asks_the_questions_in_order_with_help(client, event):
    page = client.get(f"/events/{event.slug}/register/").content.decode()
    labels = ["City you represent", "Accessibility needs", "Dietary needs",
              "Which days will you attend?", "Do you need a visa letter?"]
    assert [page.index(label) for label in labels] == sorted(page.index(label)
                                                             for label in labels)
    assert "Anything that helps you take part." in page
    assert '<legend>Which days will you attend?</legend>' in page
    assert page.index("Do you need a visa letter?") < page.index("privacy notice")


def test_answers_are_validated_next_to_the_question_and_kept(client, event):
    response = client.post(f"/events/{event.slug}/register/", form(
        1, city_represented="", diet="Pizza", days=[], access="Step-free access"))
    assert response.status_code == 400
    page = response.content.decode()
    expected = {
        "city-represented": "Please answer this question.",
        "diet": "Please choose one of the options shown.",
        "days": "Please choose at least one option.",
        "visa": "Please choose an answer.",
    }
    for key, message in expected.items():
        assert f'<ul class="errorlist" id="id_answer_{key}_error"><li>{message}</li>' in page
    assert "Step-free access" in page
    assert Registration.objects.count() == 0


def test_the_form_stores_the_answers(client, event):
    response = client.post(f"/events/{event.slug}/register/", form(
        1, city_represented="Kisumu", diet="Halal", days=["3 December", "5 December"],
        visa="yes"))
    assert response.status_code == 302
    assert sorted(Answer.objects.values_list("question__key", "value")) == [
        ("city-represented", "Kisumu"), ("days", "3 December"), ("days", "5 December"),
        ("diet", "Halal"), ("visa", "yes")]


def api(client, event, body):
    return client.post(f"/api/events/{event.slug}/registrations/", data=json.dumps(body),
                       content_type="application/json")


def test_the_api_lists_the_questions(client, event):
    results = client.get(f"/api/events/{event.slug}/questions/").json()["results"]
    assert results[3] == {"key": "days", "label": "Which days will you attend?",
                          "help_text": "", "kind": "multiple_choice", "required": True,
                          "options": ["3 December", "4 December", "5 December"]}
    assert results[0]["options"] is None


def test_the_api_accepts_answers_and_returns_them(client, event):
    response = api(client, event, {**person(1), "answers": {
        "city-represented": "Kisumu", "diet": "Vegetarian", "days": ["4 December"],
        "visa": False}})
    assert response.status_code == 201
    assert response.json()["answers"] == {"city-represented": "Kisumu", "diet": "Vegetarian",
                                          "days": ["4 December"], "visa": False}
    token = Registration.objects.get().token
    assert client.get(f"/api/registrations/{token}/").json()["answers"] == {
        "city-represented": "Kisumu", "diet": "Vegetarian", "days": ["4 December"],
        "visa": False}


def test_the_api_names_each_wrong_answer(client, event):
    response = api(client, event, {**person(1), "answers": {
        "diet": "Pizza", "days": "3 December", "visa": "yes", "colour": "blue"}})
    assert response.status_code == 400
    assert response.json() == {"errors": {
        "answers.colour": ["This event has no question with this key."],
        "answers.days": ["Must be a list of options (text)."],
        "answers.visa": ["Must be true or false."],
        "answers.city-represented": ["Please answer this question."],
        "answers.diet": ["Please choose one of the options shown."],
    }}
    assert Registration.objects.count() == 0


def test_the_api_refuses_answers_that_are_not_an_object(client, event):
    response = api(client, event, {**person(1), "answers": ["Halal"]})
    assert response.json() == {"errors": {"answers": [
        "Must be an object: question key → answer."]}}


def test_an_event_without_questions_needs_no_answers(client):
    event = EventFactory()
    response = api(client, event, person(1))
    assert (response.status_code, response.json()["answers"]) == (201, {})

