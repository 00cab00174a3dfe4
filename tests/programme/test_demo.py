"""The demo programme of the Durban exchange: complete, consistent, loaded idempotently."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from safecities.events.models import Event
from safecities.programme.models import Commitment, Lesson, Session, Speaker
from safecities.programme.queries import programme_days
from safecities.programme.services.timetable import find_clashes

pytestmark = pytest.mark.django_db


def counts():
    return (Session.objects.count(), Speaker.objects.count(), Lesson.objects.count(),
            Commitment.objects.count())


def test_the_demo_loads_twice_without_duplicating_anything(capsys):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first == (28, 16, 6, 4)
    assert "Demo rapporteur login: rapporteur / exchange-demo-2014" in capsys.readouterr().out


def test_the_demo_programme_has_the_announced_shape_and_no_clash():
    call_command("load_demo")
    event = Event.objects.get(slug="durban-2014")
    sessions = list(Session.objects.filter(event=event).prefetch_related(
        "speaker_links", "characteristics"))
    assert [d.title for d in programme_days(event)] == [
        "Opening and showcases", "Site visits and showcases",
        "Partnerships, lessons and commitments"]
    first = min(sessions, key=lambda s: s.starts_at)
    opening = next(s for s in sessions if s.type == "plenary")
    assert opening.title == "Opening plenary: the city as a centre of learning"
    assert opening.chair.organisation == "eThekwini Municipality"
    assert first.local_starts_at().isoformat() == "2014-12-03T08:00:00+02:00"
    showcased = sorted({c.code for s in sessions if s.type == "showcase"
                        for c in s.characteristics.all()})
    assert showcased == ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]
    assert sum(1 for s in sessions if s.type == "site_visit") == 3
    assert sum(1 for s in sessions if s.type == "workshop") == 4
    last_plenary = max((s for s in sessions if s.type == "plenary"), key=lambda s: s.starts_at)
    assert last_plenary.title == "Closing plenary: lessons learned and commitments"
    for session in sessions:
        speakers = [link.speaker_id for link in session.speaker_links.all()]
        assert find_clashes(session=session, speaker_ids=speakers) == [], session.title


def test_each_demo_session_title_is_unique_within_its_day():
    from safecities.programme.demo import SESSIONS

    keys = [(row[0], row[3]) for row in SESSIONS]
    assert len(set(keys)) == len(keys) == 28
