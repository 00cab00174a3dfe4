"""The public programme pages over HTTP."""

from __future__ import annotations

import pytest
from django.utils import timezone

from safecities.programme.models import Programme
from tests.factories import SessionFactory, SpeakerFactory, at

pytestmark = pytest.mark.django_db


def test_the_timetable_shows_the_first_day_in_one_column_with_times_marked(client,
                                                                           programme):
    page = client.get("/events/durban-2014/programme/").content.decode()
    assert ("All times are local to the exchange: Africa/Johannesburg (SAST, UTC+02:00)."
            in page)
    assert page.count('<li class="session') == 3
    assert page.index("Opening plenary") < page.index("Markets that are safe")
    assert '<time datetime="2014-12-03T09:00:00+02:00">09:00</time>' in page
    assert "Visit to Warwick Junction" not in page


def test_the_timetable_shows_another_day_when_asked(client, programme):
    page = client.get("/events/durban-2014/programme/?day=2014-12-04").content.decode()
    assert page.count('<li class="session') == 1
    assert "Visit to Warwick Junction" in page
    assert "Warwick Junction" in page


def test_the_timetable_filters_by_type(client, programme):
    page = client.get("/events/durban-2014/programme/?day=2014-12-03&type=workshop"
                      ).content.decode()
    assert page.count('<li class="session') == 1
    assert "Partnering with communities" in page


def test_the_timetable_filters_by_characteristic(client, programme):
    page = client.get("/events/durban-2014/programme/?characteristic=C6").content.decode()
    assert page.count('<li class="session') == 1
    assert "Markets that are safe" in page


def test_an_unknown_filter_value_is_ignored(client, programme):
    response = client.get("/events/durban-2014/programme/?type=circus&day=nonsense")
    assert response.status_code == 200
    assert response.content.decode().count('<li class="session') == 3


def test_an_unpublished_programme_is_not_found(client, programme):
    Programme.objects.filter(event=programme.event).update(is_published=False)
    page = client.get("/events/durban-2014/programme/").content.decode()
    assert "The programme is being prepared and will be published here." in page
    assert client.get("/events/durban-2014/programme.ics").status_code == 404
    assert client.get("/api/events/durban-2014/programme/").status_code == 404


@pytest.mark.parametrize("sessions", [1, 8])
def test_timetable_queries_do_not_grow_with_sessions(client, django_assert_num_queries,
                                                     programme, sessions):
    for i in range(sessions):
        SessionFactory(event=programme.event, starts_at=at(programme.event, 1, 14),
                       ends_at=at(programme.event, 1, 15), title=f"Extra {i}")
    # event, days, characteristics, sessions, their speakers, their characteristics
    with django_assert_num_queries(6):
        assert client.get("/events/durban-2014/programme/").status_code == 200


def test_the_session_page_shows_abstract_speakers_published_practices_room_and_calendar(
        client, programme):
    page = client.get(programme.showcase.get_absolute_url()).content.decode()
    assert "Kofi Mensah" in page and "Ana Costa" in page
    assert page.index("Kofi Mensah") < page.index("Ana Costa")
    assert '<a href="/practices/safer-markets/">Safer Markets</a>' in page
    assert "Draft Idea" not in page
    assert "Hall 1" in page
    assert f"/events/durban-2014/programme/sessions/{programme.showcase.pk}.ics" in page
    opening = client.get(programme.opening.get_absolute_url()).content.decode()
    assert "<p>The host city <em>welcomes</em> you.</p>" in opening


def test_a_session_of_another_event_is_not_found(client, programme):
    other = SessionFactory()
    assert client.get(f"/events/durban-2014/programme/sessions/{other.pk}/").status_code == 404


def test_the_speaker_page_lists_their_sessions_including_chairing(client, programme):
    page = client.get(programme.mayor.get_absolute_url()).content.decode()
    assert "Opening plenary" in page and "Markets that are safe" in page
    assert page.count('<li class="session"') == 2


def test_the_speakers_page_lists_only_people_on_the_programme(client, programme):
    SpeakerFactory(event=programme.event, name="Not Yet Placed")
    page = client.get("/events/durban-2014/programme/speakers/").content.decode()
    assert "Not Yet Placed" not in page
    assert page.index("Ana Costa") < page.index("Kofi Mensah") < page.index("Zanele Mkhize")


def test_now_and_next_during_the_exchange(client):
    from tests.programme.conftest import build_programme

    today = timezone.localdate(timezone=timezone.get_current_timezone())
    built = build_programme(starts_on=today, ends_on=today + timezone.timedelta(days=1))
    now = timezone.now()
    built.opening.starts_at = now - timezone.timedelta(minutes=10)
    built.opening.ends_at = now + timezone.timedelta(minutes=20)
    built.opening.save()
    built.workshop.starts_at = now + timezone.timedelta(minutes=30)
    built.workshop.ends_at = now + timezone.timedelta(minutes=90)
    built.workshop.save()
    built.showcase.starts_at = now + timezone.timedelta(hours=2)
    built.showcase.ends_at = now + timezone.timedelta(hours=3)
    built.showcase.save()
    page = client.get("/events/durban-2014/programme/now/").content.decode()
    now_part, next_part = page.split("<h2>Next</h2>")
    assert "Opening plenary" in now_part
    assert "Partnering with communities" in next_part
    assert "Markets that are safe" not in page


def test_now_and_next_after_the_exchange_says_it_is_over(client, programme):
    page = client.get("/events/durban-2014/programme/now/").content.decode()
    assert "The exchange is not on at this moment." in page
    assert "No more sessions: the programme is over." in page
