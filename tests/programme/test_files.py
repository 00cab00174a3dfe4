"""The programme as iCalendar and as a PDF booklet."""

from __future__ import annotations

import io

import icalendar
import pytest
from pypdf import PdfReader

from safecities.programme.services import timetable

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def events_of(content: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


def test_the_programme_calendar_parses_and_has_one_event_per_session(client, programme):
    response = client.get("/events/durban-2014/programme.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    entries = events_of(response.content)
    assert [str(e["SUMMARY"]) for e in entries] == [
        "Opening plenary", "Markets that are safe", "Partnering with communities",
        "Visit to Warwick Junction"]
    opening = entries[0]
    assert str(opening["UID"]) == f"session-{programme.opening.pk}-durban-2014@safecities-exchange"
    assert opening.decoded("DTSTART").isoformat() == "2014-12-03T09:00:00+02:00"
    assert str(opening["LOCATION"]) == "Hall 1, Durban International Convention Centre, Durban"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Africa/Johannesburg"]


def test_a_moved_session_keeps_its_uid_so_calendars_replace_it(client, programme):
    before = {str(e["UID"]): e for e in events_of(
        client.get("/events/durban-2014/programme.ics").content)}
    session = programme.workshop
    session.title = "Partnering with communities (moved)"
    session.room = programme.hall
    session.starts_at = programme.showcase.ends_at
    session.ends_at = programme.showcase.ends_at.replace(minute=45)
    timetable.save_session(session=session)
    after = {str(e["UID"]): e for e in events_of(
        client.get("/events/durban-2014/programme.ics").content)}
    assert sorted(after) == sorted(before)
    uid = f"session-{session.pk}-durban-2014@safecities-exchange"
    assert str(after[uid]["SUMMARY"]) == "Partnering with communities (moved)"
    assert after[uid]["SEQUENCE"] >= before[uid]["SEQUENCE"]


def test_a_session_calendar_file_has_that_session_only(client, programme):
    response = client.get(f"/events/durban-2014/programme/sessions/{programme.visit.pk}.ics")
    entries = events_of(response.content)
    assert [str(e["SUMMARY"]) for e in entries] == ["Visit to Warwick Junction"]
    assert str(entries[0]["LOCATION"]) == ("Warwick Junction, Durban International Convention "
                                           "Centre, Durban")


def test_the_booklet_has_cover_timetable_abstracts_speakers_and_venue(client, programme):
    response = client.get("/events/durban-2014/programme.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for fact in ["Day 1: Wednesday 3 December 2014", "09:00–10:30", "Opening plenary",
                 "The host city welcomes you.", "Zanele Mkhize", "Kofi Mensah, City of Accra",
                 "Durban International Convention Centre", "Safer Markets (Durban)",
                 "Step-free access; hearing loop."]:
        assert fact in text, fact
    assert "Draft Idea" not in text


def test_the_booklet_is_rebuilt_when_the_programme_changes(client, programme):
    first = pdf_text(client.get("/events/durban-2014/programme.pdf").content)
    programme.visit.title = "Walk through Warwick Junction"
    timetable.save_session(session=programme.visit)
    second = pdf_text(client.get("/events/durban-2014/programme.pdf").content)
    assert "Visit to Warwick Junction" in first
    assert "Walk through Warwick Junction" in second
