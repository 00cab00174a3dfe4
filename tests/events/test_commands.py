"""The `safecities` command line: create_event and load_demo."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from safecities.events.models import Event, Venue
from safecities.registration.models import Registration

pytestmark = pytest.mark.django_db


def test_create_event_makes_a_published_event_open_for_registration_now():
    call_command("create_event", "--slug", "kigali-2027", "--title", "Kigali Exchange",
                 "--starts", "2027-03-02", "--ends", "2027-03-04", "--capacity", "150",
                 "--venue", "Kigali Convention Centre", "--timezone", "Africa/Kigali")
    event = Event.objects.get(slug="kigali-2027")
    assert (event.title, event.starts_on, event.ends_on, event.capacity, event.timezone) == (
        "Kigali Exchange", date(2027, 3, 2), date(2027, 3, 4), 150, "Africa/Kigali")
    assert event.venue.name == "Kigali Convention Centre"
    assert event.is_published is True
    assert event.registration_is_open(timezone.now()) is True


@pytest.mark.parametrize(("args", "message"), [
    (["--starts", "2027-13-01"], "'2027-13-01' is not a date: use YYYY-MM-DD."),
    (["--ends", "2027-03-01"], "The last day cannot be before the first day."),
    (["--timezone", "Mars/Olympus"], "is not a time zone"),
    (["--capacity", "-1"], "--capacity cannot be negative."),
])
def test_create_event_reports_bad_input_and_creates_nothing(args, message):
    base = {"--slug": "x", "--title": "X", "--starts": "2027-03-02", "--ends": "2027-03-04",
            "--capacity": "10"}
    for i in range(0, len(args), 2):
        base[args[i]] = args[i + 1]
    argv = [item for pair in base.items() for item in pair]
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("create_event", *argv)
    assert Event.objects.count() == 0


def test_load_demo_twice_duplicates_nothing():
    call_command("load_demo")
    registrations = Registration.objects.count()  # the demo meetings' participants
    call_command("load_demo")
    assert Event.objects.filter(slug="durban-2014").count() == 1
    assert Venue.objects.count() == 1
    event = Event.objects.get()
    assert (event.capacity, event.starts_on, event.contact_email) == (
        300, date(2014, 12, 3), "learning-exchange@example.org")
    # 12 invented delegates (back-office demo) and 5 participants of the demo meetings.
    assert Registration.objects.count() == 17
    assert sorted(event.roles.values_list("user__username", "role")) == [
        ("door", "checkin"), ("organiser", "organiser"),
        ("reviewer.one@example.org", "reviewer"), ("reviewer.two@example.org", "reviewer")]
    assert event.questions.count() == 5
    assert Registration.objects.count() == registrations


def test_the_console_script_runs_django_commands():
    result = subprocess.run([sys.executable, "-m", "safecities.cli", "help", "create_event"],
                            capture_output=True, text=True, check=True)
    assert "Create a published event whose registration opens now." in result.stdout
