"""GET /api/events/<slug>/programme/: the published programme as JSON."""

from __future__ import annotations

import pytest

from tests.factories import SessionFactory, at

pytestmark = pytest.mark.django_db


def test_the_programme_document_has_days_rooms_sessions_and_speakers(client, programme):
    body = client.get("/api/events/durban-2014/programme/").json()
    assert sorted(body) == ["days", "event", "rooms", "sessions", "speakers", "timezone"]
    assert body["days"] == [{"date": "2014-12-03", "number": 1, "title": ""},
                            {"date": "2014-12-04", "number": 2, "title": ""}]
    assert [room["name"] for room in body["rooms"]] == ["Hall 1", "Studio 2"]
    showcase = next(s for s in body["sessions"] if s["id"] == programme.showcase.pk)
    assert showcase == {
        "id": programme.showcase.pk,
        "title": "Markets that are safe",
        "type": "showcase",
        "starts_at": "2014-12-03T11:00:00+02:00",
        "ends_at": "2014-12-03T12:00:00+02:00",
        "day": "2014-12-03",
        "room": programme.hall.pk,
        "location": "",
        "speakers": [programme.officer.pk, programme.researcher.pk],
        "chair": programme.mayor.pk,
        "characteristics": ["C1", "C6"],
        "practices": ["safer-markets"],
        "abstract": "",
        "url": f"http://testserver/events/durban-2014/programme/sessions/"
               f"{programme.showcase.pk}/",
    }
    assert [s["title"] for s in body["sessions"]] == [
        "Opening plenary", "Markets that are safe", "Partnering with communities",
        "Visit to Warwick Junction"]
    assert [s["name"] for s in body["speakers"]] == ["Ana Costa", "Kofi Mensah",
                                                     "Zanele Mkhize"]
    assert body["speakers"][1]["city"] == "Accra"


def test_an_unknown_event_answers_404_with_a_code(client, db):
    response = client.get("/api/events/nowhere/programme/")
    assert response.status_code == 404
    assert response.json() == {"error": "No published programme for that event.",
                               "code": "not_found"}


@pytest.mark.parametrize("sessions", [1, 8])
def test_programme_api_queries_do_not_grow_with_sessions(client, django_assert_num_queries,
                                                         programme, sessions):
    for i in range(sessions):
        SessionFactory(event=programme.event, starts_at=at(programme.event, 2, 14),
                       ends_at=at(programme.event, 2, 15), title=f"Extra {i}")
    # event, sessions + speakers + characteristics + practices, speakers, days, rooms
    with django_assert_num_queries(8):
        assert client.get("/api/events/durban-2014/programme/").status_code == 200
