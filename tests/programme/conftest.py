"""A small published programme: two days, two rooms, three speakers, a practice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from safecities.events.models import Event
from safecities.practices.models import Practice
from safecities.programme.models import Room, Session, Speaker
from safecities.programme.services import timetable
from tests.factories import (
    EventFactory,
    ProgrammeFactory,
    PublishedPracticeFactory,
    RoomFactory,
    SpeakerFactory,
    at,
    characteristic,
)


@dataclass
class SmallProgramme:
    event: Event
    hall: Room
    studio: Room
    mayor: Speaker
    officer: Speaker
    researcher: Speaker
    practice: Practice
    draft_practice: Practice
    opening: Session
    showcase: Session
    workshop: Session
    visit: Session


def session(event, title, start, end, kind=Session.Type.SHOWCASE, *, speakers=(),
            practices=(), characteristics=(), **fields):
    return timetable.save_session(
        session=Session(event=event, title=title, type=kind, starts_at=start, ends_at=end,
                        **fields),
        speakers=list(speakers), practices=list(practices),
        characteristics=[characteristic(code) for code in characteristics])


def build_programme(**event_fields) -> SmallProgramme:
    event = EventFactory(**{"slug": "durban-2014", "starts_on": date(2014, 12, 3),
                            "ends_on": date(2014, 12, 4), **event_fields})
    ProgrammeFactory(event=event)
    hall = RoomFactory(event=event, name="Hall 1", position=1)
    studio = RoomFactory(event=event, name="Studio 2", position=2)
    mayor = SpeakerFactory(event=event, name="Zanele Mkhize", organisation="eThekwini")
    officer = SpeakerFactory(event=event, name="Kofi Mensah", organisation="City of Accra",
                             city="Accra", country="Ghana")
    researcher = SpeakerFactory(event=event, name="Ana Costa", organisation="Maputo City",
                                city="Maputo", country="Mozambique")
    practice = PublishedPracticeFactory(slug="safer-markets", title="Safer Markets", city="Durban")
    draft = PublishedPracticeFactory(slug="draft-idea", title="Draft Idea",
                            status=Practice.Status.DRAFT)
    opening = session(event, "Opening plenary", at(event, 1, 9), at(event, 1, 10, 30),
                      Session.Type.PLENARY, room=hall, speakers=[mayor],
                      characteristics=["C2"], abstract="The host city *welcomes* you.")
    showcase = session(event, "Markets that are safe", at(event, 1, 11), at(event, 1, 12),
                       room=hall, chair=mayor, speakers=[officer, researcher],
                       practices=[practice, draft], characteristics=["C1", "C6"])
    workshop = session(event, "Partnering with communities", at(event, 1, 11),
                       at(event, 1, 12, 30), Session.Type.WORKSHOP, room=studio,
                       characteristics=["C3"])
    visit = session(event, "Visit to Warwick Junction", at(event, 2, 9), at(event, 2, 12),
                    Session.Type.SITE_VISIT, location="Warwick Junction",
                    speakers=[officer])
    return SmallProgramme(event, hall, studio, mayor, officer, researcher, practice, draft,
                          opening, showcase, workshop, visit)


@pytest.fixture
def programme(db) -> SmallProgramme:
    return build_programme()
