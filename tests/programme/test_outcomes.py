"""Rapporteurs, lessons, commitments and the outcomes page and report."""

from __future__ import annotations

import pytest

from safecities.backoffice.models import EventRole, Role
from safecities.programme.errors import NotRapporteur, ProgrammeError
from safecities.programme.models import Lesson, Programme, SessionReport
from safecities.programme.queries import exchange_figures
from safecities.programme.services import outcomes
from safecities.registration.models import Registration
from tests.factories import (
    CommitmentFactory,
    EventFactory,
    EventRoleFactory,
    LessonFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
    characteristic,
)
from tests.programme.test_files import pdf_text
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(programme):
    Programme.objects.filter(event=programme.event).update(
        outcomes_published=True,
        outcomes_introduction="Cities came to **learn**. <script>alert(1)</script>")
    return programme


def lesson(session, statement, codes, *, practices=(), proposed_by="City of Accra"):
    user = UserFactory(username="organiser-for-tests")
    EventRole.objects.get_or_create(event=session.event, user=user, role=Role.ORGANISER)
    return outcomes.save_lesson(
        lesson=Lesson(session=session, statement=statement, proposed_by=proposed_by,
                      explanation="Trust takes *time*."),
        user=user, characteristics=[characteristic(code) for code in codes],
        practices=list(practices))


def test_a_rapporteur_writes_the_summary_of_their_session_only(programme):
    thandi, sipho = UserFactory(username="thandi"), UserFactory(username="sipho")
    outcomes.assign_rapporteur(session=programme.showcase, user=thandi)
    outcomes.write_summary(session=programme.showcase, user=thandi, summary=" Markets! ")
    assert SessionReport.objects.get().summary == "Markets!"
    with pytest.raises(NotRapporteur):
        outcomes.write_summary(session=programme.opening, user=thandi, summary="x")
    with pytest.raises(NotRapporteur):
        outcomes.write_summary(session=programme.showcase, user=sipho, summary="x")


def test_the_rapporteur_role_is_scoped_to_its_event(programme):
    thandi = UserFactory(username="thandi")
    outcomes.assign_rapporteur(session=programme.showcase, user=thandi)
    elsewhere = SessionFactory(event=EventFactory())
    with pytest.raises(NotRapporteur):
        outcomes.write_summary(session=elsewhere, user=thandi, summary="x")
    assert list(thandi.rapporteur_roles.values_list("event__slug", flat=True)) == [
        "durban-2014"]


def test_a_lesson_needs_a_characteristic_and_only_published_practices(programme):
    user = EventRoleFactory(event=programme.showcase.event, role=Role.ORGANISER).user
    with pytest.raises(ProgrammeError):
        outcomes.save_lesson(lesson=Lesson(session=programme.showcase, statement="s",
                                           proposed_by="p"), user=user, characteristics=[])
    with pytest.raises(ProgrammeError):
        outcomes.save_lesson(lesson=Lesson(session=programme.showcase, statement="s",
                                           proposed_by="p"), user=user,
                             characteristics=[characteristic("C1")],
                             practices=[programme.draft_practice])
    assert Lesson.objects.count() == 0


def test_the_rapporteur_pages_let_them_write_a_lesson(client, programme):
    thandi = UserFactory(username="thandi")
    outcomes.assign_rapporteur(session=programme.showcase, user=thandi)
    sign_in(client, thandi)
    home = client.get("/events/durban-2014/rapporteur/").content.decode()
    assert "Markets that are safe" in home and "Opening plenary" not in home
    url = f"/events/durban-2014/rapporteur/sessions/{programme.showcase.pk}/"
    response = client.post(url, {"form": "lesson", "lesson-statement": "Traders are partners.",
                                 "lesson-explanation": "", "lesson-proposed_by": "Kofi Mensah",
                                 "lesson-characteristics": [characteristic("C4").pk],
                                 "lesson-practices": [programme.practice.pk]})
    assert response.status_code == 302
    saved = Lesson.objects.get()
    assert (saved.statement, saved.written_by, list(saved.practices.all())) == (
        "Traders are partners.", thandi, [programme.practice])
    assert client.get(f"/events/durban-2014/rapporteur/sessions/{programme.opening.pk}/"
                      ).status_code == 404


def test_a_lesson_without_characteristic_is_refused_next_to_the_field(client, programme):
    thandi = UserFactory(username="thandi")
    outcomes.assign_rapporteur(session=programme.showcase, user=thandi)
    sign_in(client, thandi)
    response = client.post(
        f"/events/durban-2014/rapporteur/sessions/{programme.showcase.pk}/",
        {"form": "lesson", "lesson-statement": "Kept as typed", "lesson-proposed_by": "Me"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose at least one of the seven characteristics." in page
    assert 'value="Kept as typed"' in page


def test_the_rapporteur_pages_need_a_login(client, programme):
    response = client.get("/events/durban-2014/rapporteur/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/events/durban-2014/rapporteur/"


def test_the_outcomes_wait_until_published(client, programme):
    page = client.get("/events/durban-2014/outcomes/").content.decode()
    assert "will be published here after the exchange" in page
    assert client.get("/events/durban-2014/outcomes.pdf").status_code == 404


def test_the_outcomes_page_groups_lessons_by_characteristic(client, published):
    lesson(published.showcase, "Traders are partners.", ["C4", "C6"],
           practices=[published.practice])
    lesson(published.workshop, "Start with the residents.", ["C3"])
    CommitmentFactory(event=published.event, city="Maputo", country="Mozambique",
                      statement="Open a safety forum in every district.")
    page = client.get("/events/durban-2014/outcomes/").content.decode()
    c3, c4, c6 = (page.index(f'id="lessons-{code}"') for code in ("C3", "C4", "C6"))
    assert c3 < c4 < c6
    assert page.count("Traders are partners.") == 2
    assert "Open a safety forum in every district." in page
    assert '<a href="/practices/safer-markets/">Safer Markets</a>' in page
    assert "<p>Cities came to <strong>learn</strong>. &lt;script&gt;" in page
    assert "<script>alert" not in page


def test_the_figures_are_counted_from_the_rows(published):
    event = published.event
    RegistrationFactory(event=event, city="Accra", country="Ghana")
    RegistrationFactory(event=event, city="accra ", country="Ghana")
    RegistrationFactory(event=event, city="Kumasi", country="Ghana")
    RegistrationFactory(event=event, city="Durban", country="South Africa")
    RegistrationFactory(event=event, city="Paris", country="France",
                        status=Registration.Status.WAITLISTED)
    figures = exchange_figures(event)
    assert (figures.participants, figures.cities, figures.countries, figures.sessions,
            figures.practices) == (4, 3, 2, 4, 1)


@pytest.mark.parametrize("lessons", [1, 6])
def test_outcomes_page_queries_do_not_grow_with_lessons(client, django_assert_num_queries,
                                                        published, lessons):
    for i in range(lessons):
        LessonFactory(session=published.showcase, statement=f"Lesson {i}")
        CommitmentFactory(event=published.event, statement=f"Commitment {i}")
    with django_assert_num_queries(14):
        assert client.get("/events/durban-2014/outcomes/").status_code == 200


def test_the_report_has_contents_and_is_rebuilt_when_a_lesson_changes(client, published):
    made = lesson(published.showcase, "Traders are partners.", ["C4"])
    RegistrationFactory(event=published.event, city="Accra", country="Ghana")
    first = pdf_text(client.get("/events/durban-2014/outcomes.pdf").content)
    for fact in ["Contents", "Introduction", "Lessons learned, by characteristic",
                 "C4 Reciprocity and trust", "Traders are partners.", "Participating cities",
                 "Ghana", "Accra", "Safer Markets"]:
        assert fact in first, fact
    made.statement = "Traders are the first partners."
    outcomes.save_lesson(lesson=made, user=made.written_by,
                         characteristics=[characteristic("C4")])
    second = pdf_text(client.get("/events/durban-2014/outcomes.pdf").content)
    assert "Traders are the first partners." in second
