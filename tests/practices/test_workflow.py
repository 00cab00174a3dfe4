"""From an account to a published practice: drafting, review, decisions, updates."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from post_office.models import Email

from safecities.mailing.delivery import deliver
from safecities.practices.errors import (
    CallClosed,
    Incomplete,
    InvalidLink,
    NotEditable,
    NotEnoughReviews,
    ReviewClosed,
    ReviewerNotAllowed,
)
from safecities.practices.models import (
    Characteristic,
    Decision,
    InterventionType,
    Practice,
    PracticeFacet,
    Setting,
    TargetGroup,
    Theme,
)
from safecities.practices.queries import round_picture
from safecities.practices.search import SearchQuery, search
from safecities.practices.search.index import rebuild
from safecities.practices.services import accounts, drafting, publication, review
from tests.factories import CallFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Practice.Status


# --- Accounts ----------------------------------------------------------------------------


def sign_up(email="amina@example.org"):
    return accounts.sign_up(name="Amina Phiri", email=email, password="a-long-password-1",
                            organisation="Lusaka City Council", city="Lusaka", country="zm")


def test_a_new_account_waits_for_its_email_to_be_verified(smtp_server):
    user = sign_up()
    assert (user.is_active, user.library_profile.country) == (False, "ZM")
    deliver()
    [message] = smtp_server.to("amina@example.org")
    link = next(line for line in message.get_body(("plain",)).get_content().splitlines()
                if "/contribute/verify/" in line)
    token = link.rsplit("/verify/", 1)[1].strip("/")
    accounts.verify_email(token=token)
    user.refresh_from_db()
    assert user.is_active is True
    assert user.library_profile.email_verified_at is not None


def test_a_forged_verification_link_is_refused():
    user = sign_up()
    forged = signing.dumps({"user": user.pk, "email": user.email}, salt="another-salt")
    with pytest.raises(InvalidLink):
        accounts.verify_email(token=forged)


def test_signing_up_again_creates_nothing_and_emails_the_address_at_most_every_ten_minutes():
    user = sign_up()
    Email.objects.all().delete()
    assert [sign_up(email="AMINA@example.org") for _ in range(3)] == [None, None, None]
    assert get_user_model().objects.count() == 1
    [mail] = Email.objects.all()
    assert mail.to == [user.email]
    assert "You already have an account" in mail.message
    assert "http://testserver/contribute/log-in/" in mail.message


# --- Drafting ----------------------------------------------------------------------------


def complete_draft(contributor, *, city="Durban", country="ZA", outcomes=1) -> Practice:
    practice = drafting.start_draft(contributor=contributor, title="Safer taxi ranks",
                                    summary="Lights, marshals and a forum.", city=city,
                                    country=country)
    drafting.save_step(practice=practice, user=contributor, values={
        "lead_organisation": "eThekwini Municipality", "problem": "Robberies at night.",
        "objectives": "Fewer robberies.", "mechanism": "Guardianship.",
        "components": "Marshals.", "lessons_learned": "Pay the marshals on time.",
        "preconditions": "A taxi association willing to help.",
        "main_characteristic": Characteristic.objects.get(code="C1"),
    }, terms={
        "settings": Setting.objects.filter(code="transport-node"),
        "intervention_types": InterventionType.objects.filter(code="situational"),
        "target_groups": TargetGroup.objects.filter(code="general-population"),
        "themes": Theme.objects.filter(code="safety-public-space-transport"),
        "characteristics": Characteristic.objects.filter(code="C4"),
    }, rows={
        "partners": [{"name": "Taxi association", "kind": "business", "role": "Marshals"}],
        "outcomes": [{"indicator": f"Robberies {n}", "design_strength": 1,
                      "effect": "positive"} for n in range(outcomes)],
    })
    return practice


def test_a_draft_lists_what_is_missing_and_cannot_be_submitted_until_complete():
    user = UserFactory()
    practice = drafting.start_draft(contributor=user, title="T", summary="S", city="Durban",
                                    country="za")
    assert practice.country == "ZA"
    assert [step for step, _ in drafting.missing_items(practice)] == [
        "identity", "context", "context", "intervention", "intervention", "intervention",
        "intervention", "intervention", "intervention", "intervention", "implementation",
        "implementation", "impact", "transfer"]
    with pytest.raises(Incomplete):
        drafting.submit(practice=practice, user=user)


def test_a_complete_draft_is_submitted_for_its_first_round():
    user = UserFactory()
    practice = drafting.submit(practice=complete_draft(user), user=user)
    assert (practice.status, practice.review_round) == (Status.SUBMITTED, 1)


def test_saving_a_step_replaces_its_rows_and_keeps_the_others():
    user = UserFactory()
    practice = complete_draft(user)
    kept = practice.partners.get()
    drafting.save_step(practice=practice, user=user, values={}, rows={"partners": [
        {"id": kept, "name": "Taxi association", "kind": "business", "role": "Marshals, paid"},
        {"name": "SAPS Durban Central", "kind": "police", "role": "Patrols"}]})
    assert list(practice.partners.values_list("id", "role")) == [
        (kept.pk, "Marshals, paid"), (kept.pk + 1, "Patrols")]
    assert practice.outcomes.count() == 1


def test_only_the_contributor_edits_and_only_before_submission():
    user = UserFactory()
    practice = complete_draft(user)
    with pytest.raises(NotEditable):
        drafting.save_step(practice=practice, user=UserFactory(), values={"title": "Mine"})
    drafting.submit(practice=practice, user=user)
    with pytest.raises(NotEditable):
        drafting.save_step(practice=practice, user=user, values={"title": "Changed"})


def test_a_closed_call_takes_no_new_practice():
    from datetime import timedelta

    from django.utils import timezone

    call = CallFactory(deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(CallClosed):
        drafting.start_draft(contributor=UserFactory(), title="T", summary="S", city="X",
                             country="ZA", call=call)


# --- Review ------------------------------------------------------------------------------


def submitted(contributor=None, **kwargs) -> Practice:
    contributor = contributor or UserFactory()
    practice = complete_draft(contributor, **kwargs)
    return drafting.submit(practice=practice, user=contributor)


def rate(practice, reviewer, organiser, strength=2, effect="positive", score=4):
    own = review.assign_reviewer(practice=practice, reviewer=reviewer, assigned_by=organiser)
    return review.submit_review(
        review=own, scores=dict.fromkeys(("relevance", "evidence", "transferability",
                                          "clarity"), score),
        comments={"relevance": "Clearly relevant."},
        ratings={o.pk: (strength, effect) for o in practice.outcomes.all()})


def test_reviewers_never_review_their_own_citys_practices(reviewer_from, organiser):
    practice = submitted(city="Durban", country="ZA")
    with pytest.raises(ReviewerNotAllowed, match="own city"):
        review.assign_reviewer(practice=practice, reviewer=reviewer_from(" durban", "ZA"),
                               assigned_by=organiser)


def test_a_contributor_never_reviews_their_own_practice(reviewer_from, organiser):
    contributor = reviewer_from("Nairobi", "KE")
    practice = submitted(contributor)
    with pytest.raises(ReviewerNotAllowed, match="own practice"):
        review.assign_reviewer(practice=practice, reviewer=contributor, assigned_by=organiser)


def test_only_people_with_the_reviewer_permission_review(organiser):
    with pytest.raises(ReviewerNotAllowed, match="not a reviewer"):
        review.assign_reviewer(practice=submitted(), reviewer=UserFactory(),
                               assigned_by=organiser)


def test_assigning_puts_the_practice_in_review_and_tells_the_reviewer(reviewer_from, organiser):
    practice = submitted()
    reviewer = reviewer_from()
    review.assign_reviewer(practice=practice, reviewer=reviewer, assigned_by=organiser)
    review.assign_reviewer(practice=practice, reviewer=reviewer, assigned_by=organiser)
    practice.refresh_from_db()
    assert practice.status == Status.IN_REVIEW
    assert list(Email.objects.filter(to=reviewer.email).values_list("subject", flat=True)) == [
        "Please review: Safer taxi ranks"]


def test_a_review_is_final_once_submitted(reviewer_from, organiser):
    practice = submitted()
    own = rate(practice, reviewer_from(), organiser)
    with pytest.raises(ReviewClosed):
        review.submit_review(review=own, scores=dict.fromkeys(own.CRITERIA, 1), comments={},
                             ratings={})


def test_publishing_needs_two_submitted_reviews(reviewer_from, organiser):
    practice = submitted()
    rate(practice, reviewer_from(), organiser)
    with pytest.raises(NotEnoughReviews):
        review.decide(practice=practice, kind=Decision.Kind.PUBLISH, comments="",
                      decided_by=organiser)


def test_two_agreeing_reviewers_set_the_label_on_publication(reviewer_from, organiser):
    practice = submitted()
    rate(practice, reviewer_from("Nairobi", "KE"), organiser, strength=2)
    rate(practice, reviewer_from("Recife", "BR"), organiser, strength=2)
    review.decide(practice=practice, kind=Decision.Kind.PUBLISH, comments="Well done.",
                  decided_by=organiser)
    practice.refresh_from_db()
    outcome = practice.outcomes.get()
    assert (practice.status, practice.label, practice.evidence_strength) == (
        Status.PUBLISHED, "promising", 2)
    assert (outcome.agreed_strength, outcome.agreed_effect) == (2, "positive")
    assert list(practice.versions.values_list("number", "record__label")) == [(1, "promising")]
    assert [h.practice.pk for h in search(SearchQuery(text="marshals")).hits] == [practice.pk]
    assert Email.objects.filter(to=practice.contributor.email,
                                subject="Published: Safer taxi ranks").count() == 1


def test_disagreeing_reviewers_leave_it_self_reported_and_are_flagged(reviewer_from, organiser):
    practice = submitted()
    rate(practice, reviewer_from("Nairobi", "KE"), organiser, strength=3, score=5)
    rate(practice, reviewer_from("Recife", "BR"), organiser, strength=1, score=2)
    assert round_picture(practice).disagreements == [
        "relevance: scores from 2 to 5", "evidence: scores from 2 to 5",
        "transferability: scores from 2 to 5", "clarity: scores from 2 to 5",
        "Robberies 0: E1 positive, E3 positive"]
    review.decide(practice=practice, kind=Decision.Kind.PUBLISH, comments="",
                  decided_by=organiser)
    practice.refresh_from_db()
    assert (practice.label, practice.evidence_strength) == ("self_reported", -1)


def test_asking_for_changes_reopens_the_draft_and_the_next_round_goes_to_the_same_reviewers(
        reviewer_from, organiser):
    practice = submitted()
    first, second = reviewer_from("Nairobi", "KE"), reviewer_from("Recife", "BR")
    rate(practice, first, organiser)
    rate(practice, second, organiser)
    review.decide(practice=practice, kind=Decision.Kind.CHANGES,
                  comments="Name the data source.", decided_by=organiser)
    contributor = practice.contributor
    assert Email.objects.get(to=contributor.email).subject == (
        "Changes requested: Safer taxi ranks")
    drafting.save_step(practice=practice, user=contributor, values={"title": "Safer ranks"})
    practice = drafting.submit(practice=practice, user=contributor)
    assert (practice.status, practice.review_round) == (Status.IN_REVIEW, 2)
    assert sorted(practice.reviews.filter(round=2).values_list("reviewer", flat=True)) == sorted(
        [first.pk, second.pk])


def test_a_declined_practice_is_never_public(reviewer_from, organiser):
    practice = submitted()
    review.decide(practice=practice, kind=Decision.Kind.DECLINE, comments="Out of scope.",
                  decided_by=organiser)
    practice.refresh_from_db()
    assert practice.status == Status.DECLINED
    assert search(SearchQuery()).count == 0


# --- Updates -----------------------------------------------------------------------------


def publish_reviewed(practice, reviewer_from, organiser, strength=2):
    rate(practice, reviewer_from("Nairobi", "KE"), organiser, strength=strength)
    rate(practice, reviewer_from("Recife", "BR"), organiser, strength=strength)
    review.decide(practice=practice, kind=Decision.Kind.PUBLISH, comments="",
                  decided_by=organiser)
    practice.refresh_from_db()
    return practice


def test_an_update_is_reviewed_while_the_published_version_stays_up(reviewer_from, organiser):
    practice = publish_reviewed(submitted(), reviewer_from, organiser)
    contributor = practice.contributor
    update = publication.propose_update(practice=practice, contributor=contributor)
    assert publication.propose_update(practice=practice, contributor=contributor) == update
    drafting.save_step(practice=update, user=contributor,
                       values={"summary": "Marshals, lights and a trader patrol."})
    drafting.submit(practice=update, user=contributor)
    practice.refresh_from_db()
    assert (practice.status, practice.summary) == (Status.PUBLISHED,
                                                   "Lights, marshals and a forum.")
    assert search(SearchQuery(text="patrol")).count == 0

    publish_reviewed(update, reviewer_from, organiser, strength=4)
    practice.refresh_from_db()
    update.refresh_from_db()
    assert (practice.summary, practice.label, update.status) == (
        "Marshals, lights and a trader patrol.", "effective", Status.MERGED)
    assert list(practice.versions.values_list("number", flat=True)) == [2, 1]
    assert [h.practice.pk for h in search(SearchQuery(text="patrol")).hits] == [practice.pk]
    assert search(SearchQuery()).count == 1


def test_the_index_written_along_the_way_equals_a_rebuild(reviewer_from, organiser):
    practice = publish_reviewed(submitted(), reviewer_from, organiser)
    update = publication.propose_update(practice=practice, contributor=practice.contributor)
    drafting.save_step(practice=update, user=practice.contributor, values={}, terms={
        "themes": Theme.objects.filter(code="youth-at-risk")})
    drafting.submit(practice=update, user=practice.contributor)
    publish_reviewed(update, reviewer_from, organiser)
    before = sorted(PracticeFacet.objects.values_list("practice", "dimension", "value"))
    found = [h.practice.pk for h in search(SearchQuery(text="marshals")).hits]
    assert rebuild() == 1
    assert sorted(PracticeFacet.objects.values_list("practice", "dimension", "value")) == before
    assert [h.practice.pk for h in search(SearchQuery(text="marshals")).hits] == found
    assert ("theme", "youth-at-risk") in {(d, v) for _, d, v in before}
