"""The contributor's, reviewer's and organiser's pages, through the test client."""

from __future__ import annotations

import pytest

from safecities.practices.models import Practice, Review
from safecities.practices.services import drafting
from tests.factories import OutcomeFactory, PracticeFactory, UserFactory
from tests.practices.test_workflow import complete_draft, rate, submitted
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


def test_signing_up_asks_to_check_the_email(client):
    response = client.post("/contribute/sign-up/", {
        "name": "Amina Phiri", "email": "amina@example.org", "password": "a-long-password-1",
        "organisation": "Lusaka City Council", "city": "Lusaka", "country": "ZM"})
    assert response.status_code == 200
    assert "We sent a message to amina@example.org" in response.content.decode()


def test_signing_up_with_an_address_that_has_an_account_answers_the_same(client):
    UserFactory(username="amina@example.org", email="amina@example.org")
    response = client.post("/contribute/sign-up/", {
        "name": "Mallory", "email": "amina@example.org", "password": "a-long-password-1",
        "organisation": "Nowhere", "city": "Lusaka", "country": "ZM"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "We sent a message to amina@example.org" in page
    assert "exists" not in page


def test_a_sign_up_form_with_mistakes_says_so_and_keeps_the_input(client):
    response = client.post("/contribute/sign-up/", {
        "name": "Amina Phiri", "email": "amina@example.org", "password": "123",
        "organisation": "Lusaka City Council", "city": "Lusaka", "country": "Zambia"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Use two letters, e.g. ZA." in html
    assert 'value="Lusaka City Council"' in html


def test_the_contributor_area_needs_a_login(client):
    response = client.get("/contribute/")
    assert (response.status_code, response["Location"]) == (
        302, "/sign-in/?next=/contribute/")


def test_a_step_saves_on_the_server_and_moves_on(client):
    user = UserFactory()
    practice = PracticeFactory(contributor=user)
    sign_in(client, user)
    response = client.post(f"/contribute/practices/{practice.pk}/implementation/", {
        "p-lessons_learned": "Pay the marshals on time.",
        "partners-TOTAL_FORMS": "1", "partners-INITIAL_FORMS": "0",
        "partners-0-name": "Taxi association", "partners-0-kind": "business",
        "partners-0-role": "Marshals", "next": "1"})
    assert (response.status_code, response["Location"]) == (
        302, f"/contribute/practices/{practice.pk}/impact/")
    practice.refresh_from_db()
    assert practice.lessons_learned == "Pay the marshals on time."
    assert list(practice.partners.values_list("name", flat=True)) == ["Taxi association"]


def test_a_step_with_mistakes_is_not_saved_and_keeps_the_input(client):
    user = UserFactory()
    practice = PracticeFactory(contributor=user, lessons_learned="Old")
    sign_in(client, user)
    response = client.post(f"/contribute/practices/{practice.pk}/implementation/", {
        "p-lessons_learned": "New lesson", "p-budget_currency": "r4d",
        "partners-TOTAL_FORMS": "0", "partners-INITIAL_FORMS": "0"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Use the three-letter code, e.g. ZAR." in html
    assert "New lesson" in html
    practice.refresh_from_db()
    assert practice.lessons_learned == "Old"


def test_nobody_else_sees_a_draft(client):
    practice = PracticeFactory()
    sign_in(client, UserFactory())
    assert client.get(f"/contribute/practices/{practice.pk}/").status_code == 404
    assert client.get(f"/contribute/practices/{practice.pk}/identity/").status_code == 404


def test_the_overview_lists_what_is_missing_then_offers_to_submit(client):
    user = UserFactory()
    practice = PracticeFactory(contributor=user, lead_organisation="")
    sign_in(client, user)
    html = client.get(f"/contribute/practices/{practice.pk}/").content.decode()
    assert "The lead organisation" in html and "Submit for review" not in html
    complete = complete_draft(user)
    html = client.get(f"/contribute/practices/{complete.pk}/").content.decode()
    assert "Submit for review" in html
    response = client.post(f"/contribute/practices/{complete.pk}/submit/")
    assert response["Location"] == f"/contribute/practices/{complete.pk}/?submitted=1"
    complete.refresh_from_db()
    assert complete.status == Practice.Status.SUBMITTED


def test_reviews_are_blind_until_the_reviewer_submits(client, reviewer_from, organiser):
    practice = submitted()
    first, second = reviewer_from("Nairobi", "KE"), reviewer_from("Recife", "BR")
    rate(practice, first, organiser, score=5)
    from safecities.practices.services import review as review_services

    own = review_services.assign_reviewer(practice=practice, reviewer=second,
                                          assigned_by=organiser)
    sign_in(client, second)
    before = client.get(f"/review/{own.pk}/").content.decode()
    assert "Clearly relevant." not in before and "5/5" not in before
    outcome = practice.outcomes.get()
    response = client.post(f"/review/{own.pk}/", {
        "relevance": "3", "evidence": "3", "transferability": "3", "clarity": "3",
        "relevance_comment": "Useful.", f"strength_{outcome.pk}": "2",
        f"effect_{outcome.pk}": "positive"})
    assert response.status_code == 302
    after = client.get(f"/review/{own.pk}/").content.decode()
    assert "Clearly relevant." in after and "5/5" in after and "Useful." in after
    assert "Reviewers disagree" in after


def test_a_reviewer_cannot_open_another_reviewers_review(client, reviewer_from, organiser):
    practice = submitted()
    own = rate(practice, reviewer_from("Nairobi", "KE"), organiser)
    sign_in(client, reviewer_from("Recife", "BR"))
    assert client.get(f"/review/{own.pk}/").status_code == 404


def test_organisers_assign_and_decide_on_their_page(client, reviewer_from, organiser):
    practice = submitted(city="Durban", country="ZA")
    local, visiting = reviewer_from("Durban", "ZA"), reviewer_from("Nairobi", "KE")
    sign_in(client, organiser)
    html = client.get(f"/organisers/practices/{practice.pk}/").content.decode()
    assert visiting.username in html and local.username not in html
    client.post(f"/organisers/practices/{practice.pk}/",
                {"assign": "1", "reviewer": visiting.pk})
    assert list(Review.objects.filter(practice=practice).values_list("reviewer", flat=True)) \
        == [visiting.pk]
    response = client.post(f"/organisers/practices/{practice.pk}/",
                           {"decide": "1", "kind": "changes", "comments": ""})
    assert "Say which changes you ask for." in response.content.decode()
    client.post(f"/organisers/practices/{practice.pk}/",
                {"decide": "1", "kind": "changes", "comments": "Add the source."})
    practice.refresh_from_db()
    assert practice.status == Practice.Status.CHANGES_REQUESTED


def test_the_organisers_pages_need_the_permission(client, reviewer_from):
    sign_in(client, reviewer_from())
    assert client.get("/organisers/practices/").status_code == 403


@pytest.mark.parametrize("rows", [1, 5])
def test_the_organisers_list_queries_do_not_grow(client, organiser, rows,
                                                 django_assert_num_queries):
    for _ in range(rows):
        practice = PracticeFactory()
        OutcomeFactory(practice=practice)
        drafting.submit(practice=complete_draft(practice.contributor),
                        user=practice.contributor)
    sign_in(client, organiser)
    # session, user, the session's OTP device, the rule's roles (event roles, rapporteurs,
    # city contacts), the list
    with django_assert_num_queries(7):
        assert client.get("/organisers/practices/").status_code == 200


def test_after_changes_are_asked_the_contributor_reads_the_reviews_without_names(
        client, reviewer_from, organiser):
    from safecities.practices.models import Decision
    from safecities.practices.services import review as review_services

    practice = submitted()
    reviewer = reviewer_from("Nairobi", "KE")
    rate(practice, reviewer, organiser)
    review_services.decide(practice=practice, kind=Decision.Kind.CHANGES,
                           comments="Add the source.", decided_by=organiser)
    sign_in(client, practice.contributor)
    html = client.get(f"/contribute/practices/{practice.pk}/").content.decode()
    assert "Add the source." in html and "Clearly relevant." in html
    assert reviewer.username not in html


def test_organisers_withdraw_a_practice_in_the_admin(admin_client, published):
    practice = published(title="Street lighting")
    admin_client.post("/admin/practices/practice/", {
        "action": "withdraw_practices", "_selected_action": [practice.pk]})
    practice.refresh_from_db()
    assert practice.status == Practice.Status.DRAFT
    from safecities.practices.search import SearchQuery, search

    assert search(SearchQuery(text="lighting")).count == 0


def test_a_contributor_proposes_an_update_from_their_page(client, published):
    practice = published(title="Street lighting")
    sign_in(client, practice.contributor)
    dashboard = client.get("/contribute/").content.decode()
    assert f'action="/practices/{practice.slug}/propose-update/"' in dashboard
    response = client.post(f"/practices/{practice.slug}/propose-update/")
    update = Practice.objects.get(update_of=practice)
    assert response["Location"] == f"/contribute/practices/{update.pk}/"
    overview = client.get(response["Location"]).content.decode()
    assert "a proposed update of “Street lighting”" in overview
    assert client.get(practice.get_absolute_url()).status_code == 200


def test_nobody_else_proposes_an_update(client, published):
    practice = published(title="Street lighting")
    sign_in(client, UserFactory())
    assert client.post(f"/practices/{practice.slug}/propose-update/").status_code == 404


def test_a_version_page_shows_the_record_as_published(client, published):
    from tests.factories import PracticeVersionFactory

    practice = published(title="Street lighting")
    PracticeVersionFactory(practice=practice, number=1,
                           record={"title": "Street lighting, first", "summary": "Then.",
                                   "label": "emerging"})
    html = client.get(f"/practices/{practice.slug}/versions/1/").content.decode()
    assert "Street lighting, first" in html and "emerging" in html
    assert client.get(f"/practices/{practice.slug}/versions/2/").status_code == 404
