"""A participant's own agenda through their private link."""

from __future__ import annotations

import icalendar
import pytest

from safecities.programme.errors import RegistrationNotLive, SessionNotInEvent
from safecities.programme.models import AgendaPick
from safecities.programme.services import agenda, timetable
from safecities.registration.models import Registration
from tests.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(programme):
    return RegistrationFactory(event=programme.event)


def star(client, registration, session, action="star", next_url=""):
    return client.post(f"/registrations/{registration.token}/agenda/sessions/{session.pk}/",
                       {"action": action, "next": next_url})


def test_starring_a_session_from_the_private_programme_returns_to_it(client, registration,
                                                                     programme):
    page = client.get(f"/registrations/{registration.token}/programme/").content.decode()
    assert page.count('aria-pressed="false"') == 3
    back = f"/registrations/{registration.token}/programme/?day=2014-12-03"
    response = star(client, registration, programme.opening, next_url=back)
    assert response.status_code == 302
    assert response["Location"] == back
    page = client.get(back).content.decode()
    assert page.count('aria-pressed="true"') == 1
    assert list(AgendaPick.objects.values_list("session__title", flat=True)) == [
        "Opening plenary"]


def test_starring_twice_keeps_one_pick_and_unstarring_removes_it(client, registration,
                                                                 programme):
    star(client, registration, programme.opening)
    star(client, registration, programme.opening)
    assert AgendaPick.objects.count() == 1
    star(client, registration, programme.opening, action="unstar")
    assert AgendaPick.objects.count() == 0


def test_a_foreign_next_address_is_ignored(client, registration, programme):
    response = star(client, registration, programme.opening, next_url="https://evil.example/")
    assert response["Location"] == f"/registrations/{registration.token}/agenda/"


def test_the_agenda_page_shows_picks_and_their_clashes(client, registration, programme):
    for session in (programme.showcase, programme.workshop, programme.visit):
        agenda.star(registration=registration, session=session)
    page = client.get(f"/registrations/{registration.token}/agenda/").content.decode()
    assert "“Markets that are safe” and “Partnering with communities” overlap." in page
    assert page.count("Overlaps another session in your agenda.") == 2
    assert page.count('<li class="session') == 3


def test_the_private_feed_follows_the_programme(client, registration, programme):
    agenda.star(registration=registration, session=programme.visit)
    url = f"/registrations/{registration.token}/agenda.ics"
    first = client.get(url)
    assert first["Cache-Control"] == "private, no-store, max-age=0, no-cache, must-revalidate"
    [entry] = icalendar.Calendar.from_ical(first.content).walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Visit to Warwick Junction"
    programme.visit.starts_at = programme.visit.starts_at.replace(hour=8)
    programme.visit.title = "Visit to Warwick Junction (earlier)"
    timetable.save_session(session=programme.visit)
    [moved] = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert str(moved["UID"]) == str(entry["UID"])
    assert str(moved["SUMMARY"]) == "Visit to Warwick Junction (earlier)"
    assert moved.decoded("DTSTART").isoformat() == "2014-12-04T08:00:00+02:00"


def test_a_cancelled_registration_cannot_star(client, programme):
    cancelled = RegistrationFactory(event=programme.event,
                                    status=Registration.Status.CANCELLED)
    with pytest.raises(RegistrationNotLive):
        agenda.star(registration=cancelled, session=programme.opening)
    response = star(client, cancelled, programme.opening)
    assert response.status_code == 409
    assert "This registration is cancelled" in response.content.decode()


def test_a_session_of_another_event_cannot_be_starred(registration):
    with pytest.raises(SessionNotInEvent):
        agenda.star(registration=registration, session=SessionFactory())


def test_an_unknown_token_is_not_found(client, programme):
    assert client.get("/registrations/nope/agenda/").status_code == 404


@pytest.mark.parametrize("picks", [1, 3])
def test_agenda_page_queries_do_not_grow_with_picks(client, django_assert_num_queries,
                                                    registration, programme, picks):
    for session in [programme.opening, programme.showcase, programme.visit][:picks]:
        agenda.star(registration=registration, session=session)
    # registration, sessions + speakers + characteristics, other appointments (meetings)
    with django_assert_num_queries(5):
        assert client.get(f"/registrations/{registration.token}/agenda/").status_code == 200


def test_the_registration_page_links_to_the_agenda(client, registration):
    page = client.get(registration.get_absolute_url()).content.decode()
    assert f'href="/registrations/{registration.token}/agenda/"' in page


def test_before_the_programme_is_published_the_agenda_says_so(client, registration):
    from safecities.programme.services.timetable import publish_programme

    publish_programme(event=registration.event, published=False)
    response = client.get(f"/registrations/{registration.token}/agenda/")
    assert response.status_code == 200
    assert "The programme is not published yet." in response.content.decode()
    assert client.get(f"/registrations/{registration.token}/agenda.ics").status_code == 404
