"""Organisers manage an event's registration questions."""

from __future__ import annotations

import pytest

from safecities.registration.models import Question
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_organisers_add_a_choice_question(organiser_client, event):
    response = organiser_client.post(f"/backoffice/events/{event.slug}/questions/new/", {
        "label": "Dietary needs", "key": "diet", "kind": "single_choice", "order": 1,
        "choices_text": "Vegetarian\nHalal\n\nNone", "help_text": ""})
    assert response.status_code == 302
    question = Question.objects.get(event=event)
    assert (question.label, question.choices, question.required) == (
        "Dietary needs", ["Vegetarian", "Halal", "None"], False)


def test_a_choice_question_needs_two_options_and_a_free_key(organiser_client, event):
    QuestionFactory(event=event, key="diet")
    response = organiser_client.post(f"/backoffice/events/{event.slug}/questions/new/", {
        "label": "Diet", "key": "diet", "kind": "multiple_choice", "order": 1,
        "choices_text": "Only one"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give at least two options, one per line." in page
    assert "Another question of this event has this key." in page
    assert Question.objects.filter(event=event).count() == 1


def test_removing_a_question_removes_its_answers(organiser_client, event):
    from tests.factories import AnswerFactory

    answer = AnswerFactory(question__event=event)
    organiser_client.post(f"/backoffice/events/{event.slug}/questions/{answer.question.pk}/delete/")
    assert Question.objects.filter(event=event).count() == 0
    assert answer.registration.answers.count() == 0
