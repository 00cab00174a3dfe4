"""The public event pages, over HTTP."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
from django.utils import timezone
from post_office.models import Email

from safecities.events.demo import load_demo
from safecities.events.models import Enquiry
from safecities.registration import services
from tests.factories import EventFactory, person

pytestmark = pytest.mark.django_db


def test_event_page_shows_every_fact_of_the_announcement(client):
    event = load_demo()
    page = client.get(f"/events/{event.slug}/").content.decode()
    for fact in [
        "Urban Safety and Crime Prevention Learning Exchange",
        "Positioning the City as a Centre of Learning",
        "eThekwini Municipality",
        "3–5 December 2014",
        "Durban International Convention Centre",
        "45 Bram Fischer Road",
        "Durban, South Africa",
        "Participation is free. Participants arrange and pay for their own accommodation "
        "and transport.",
        "Space is limited. Attendance is confirmed first come, first served.",
        "300 places left",
        "learning-exchange@example.org",
        f"/events/{event.slug}/invitation.pdf",
        f"/events/{event.slug}/contact/",
    ]:
        assert fact in page, fact


def test_places_left_counts_confirmed_registrations(client, settings):
    settings.EVENT_PAGE_CACHE_SECONDS = 0
    event = EventFactory(capacity=2)
    services.register(event=event, **person(1))
    assert "1 place left" in client.get(f"/events/{event.slug}/").content.decode()
    services.register(event=event, **person(2))
    services.register(event=event, **person(3))
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert "0 places left" in page
    assert "(1 person on the waiting list)" in page
    assert "Join the waiting list" in page


def test_cached_event_page_is_at_most_a_few_seconds_stale(client, settings):
    settings.EVENT_PAGE_CACHE_SECONDS = 3
    event = EventFactory(capacity=2)
    client.get(f"/events/{event.slug}/")
    services.register(event=event, **person(1))
    cached = client.get(f"/events/{event.slug}/")
    assert "2 places left" in cached.content.decode()
    assert cached["Cache-Control"] == "public, max-age=3"


def test_unpublished_or_unknown_event_page_is_404(client):
    event = EventFactory(is_published=False)
    assert client.get(f"/events/{event.slug}/").status_code == 404
    assert client.get("/events/nope/").status_code == 404


def test_home_lists_upcoming_open_and_past_events(client):
    EventFactory(title="Coming soon")
    EventFactory(title="Long ago", starts_on=date(2010, 5, 1), ends_on=date(2010, 5, 2),
                 registration_opens_at=timezone.now() - timedelta(days=5000),
                 registration_closes_at=timezone.now() - timedelta(days=4000))
    EventFactory(title="Hidden", is_published=False)
    page = client.get("/").content.decode()
    upcoming, past = page.split("Past exchanges")
    assert "Coming soon" in upcoming
    assert "Long ago" in past
    assert "Hidden" not in page


def test_event_calendar_file_is_valid_icalendar_with_a_stable_uid(client):
    event = load_demo()
    response = client.get(f"/events/{event.slug}/event.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["uid"]) == "event-durban-2014@safecities-exchange"
    assert entry.decoded("dtstart") == date(2014, 12, 3)
    assert entry.decoded("dtend") == date(2014, 12, 6)
    assert str(entry["summary"]) == "Urban Safety and Crime Prevention Learning Exchange"
    assert str(entry["location"]) == (
        "Durban International Convention Centre, 45 Bram Fischer Road, Durban, South Africa")


def test_enquiry_is_kept_and_confirmed(client):
    event = EventFactory()
    response = client.post(f"/events/{event.slug}/contact/", {
        "name": "Amina Phiri", "email": "amina@example.org", "subject": "Visa",
        "message": "Which documents does the embassy need?"})
    assert response["Location"] == f"/events/{event.slug}/contact/sent/"
    enquiry = Enquiry.objects.get()
    assert (enquiry.subject, enquiry.message) == ("Visa", "Which documents does the embassy need?")


def test_an_enquiry_mails_the_organisers_only_never_the_address_typed_in(client):
    event = EventFactory(contact_email="team@example.org")
    client.post(f"/events/{event.slug}/contact/", {
        "name": "Spam King", "email": "victim@example.org", "subject": "Cheap pills",
        "message": "Buy at http://evil.example/"})
    mail = Email.objects.get()
    assert mail.to == ["team@example.org"]
    assert "Buy at http://evil.example/" in mail.message
    assert mail.headers == {"Auto-Submitted": "auto-generated", "Content-Language": "en",
                            "Reply-To": "victim@example.org"}


def test_enquiry_with_errors_keeps_the_text_and_sends_nothing(client):
    event = EventFactory()
    response = client.post(f"/events/{event.slug}/contact/", {
        "name": "Amina", "email": "nope", "subject": "a\r\nBcc: x@example.org", "message": "Hi"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address." in page
    assert "Please use a single line of text, without control characters." in page
    assert "Hi</textarea>" in page
    assert Enquiry.objects.count() == 0


def test_enquiries_past_the_limit_are_refused_with_429(client, settings):
    settings.RATELIMIT_ENQUIRIES = "2/m"
    event = EventFactory()
    answers = [client.post(f"/events/{event.slug}/contact/", {
        "name": "Amina", "email": "amina@example.org", "subject": f"Question {n}",
        "message": "Hello"}).status_code for n in range(3)]
    assert answers == [302, 302, 429]
    assert Enquiry.objects.count() == 2
