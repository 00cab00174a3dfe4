"""The programme in a browser: the timetable with and without JavaScript, a session page,
starring a session and reading the private feed, the outcomes page; axe finds nothing.
"""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from safecities.accounts.demo import give_demo_device
from safecities.events.demo import load_demo
from safecities.practices import vocabularies
from safecities.practices.models import Characteristic
from safecities.programme.demo import DEMO_RAPPORTEUR, load_programme
from safecities.programme.models import Session
from tests.browser.signing_in import enter_code
from tests.browser.test_accessibility import audit
from tests.factories import RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.live]

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT = PROJECT_DIR / "docs" / "images" / "programme-timetable.png"
PHONE = {"width": 412, "height": 915}


@pytest.fixture
def demo(transactional_db):
    """The demo exchange and programme. Live tests run on a flushed database, so the
    seeded vocabulary (the seven characteristics) is put back first, as its migration does.
    """
    for position, (code, label) in enumerate(vocabularies.CHARACTERISTICS, start=1):
        Characteristic.objects.update_or_create(code=code, defaults={"label": label,
                                                                     "position": position})
    event = load_demo()
    load_programme(event)
    # As `load_demo` does: the rapporteur's role needs the demo's authenticator app.
    give_demo_device(get_user_model().objects.get(username=DEMO_RAPPORTEUR["username"]))
    return event


def session_titles(page) -> list[str]:
    return page.locator("ol.timetable li.session h3").all_inner_texts()


def test_the_timetable_filters_at_once_with_javascript(server, new_page, demo):
    page = new_page(viewport=PHONE)
    page.goto(f"{server.url}/events/durban-2014/programme/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme")
    expect(page.locator(".zone")).to_have_text(
        "All times are local to the exchange: Africa/Johannesburg (SAST, UTC+02:00).")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT)
    page.get_by_role("link", name="Day 3").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("Friday 5 December 2014")
    with page.expect_navigation():
        page.get_by_label("Type").select_option("workshop")  # no button pressed
    assert session_titles(page) == [
        "Workshop: partnering with communities",
        "Workshop: partnerships with traders, faith groups and youth",
        "Workshop: from practice to a local plan"]


def test_the_timetable_filters_without_javascript(server, new_page, demo):
    page = new_page(javascript=False)
    page.goto(f"{server.url}/events/durban-2014/programme/?day=2014-12-04")
    page.get_by_label("Safe-city characteristic").select_option("C6")
    page.get_by_role("button", name="Show").click()
    assert session_titles(page) == ["Site visit: Warwick Junction markets",
                                    "Showcase C6: livelihoods and economic equality"]
    page.get_by_role("link", name="Showcase C6: livelihoods and economic equality").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Showcase C6: livelihoods and economic equality")
    expect(page.get_by_role("link", name="Petrus Shikongo")).to_be_visible()
    page.get_by_role("link", name="A market traders' safety committee").click()
    assert page.url == f"{server.url}/practices/demo-lagos-market-safety-committee/"


def test_a_participant_stars_a_session_and_finds_it_in_the_private_feed(server, page, demo):
    registration = RegistrationFactory(event=demo)
    opening = Session.objects.get(event=demo, title__startswith="Opening plenary")
    page.goto(f"{server.url}/registrations/{registration.token}/")
    page.get_by_role("link", name="My agenda").click()
    expect(page.get_by_text("You have not starred any session yet.")).to_be_visible()
    page.get_by_role("link", name="Choose sessions in the programme").click()
    page.get_by_role("button", name=f"Add to my agenda: {opening.title}").click()
    expect(page.get_by_role("button", name=f"In my agenda: {opening.title}")).to_have_attribute(
        "aria-pressed", "true")
    page.get_by_role("link", name="My agenda").first.click()
    expect(page.locator("ol.timetable h3")).to_have_text([opening.title])
    feed = page.request.get(f"{server.url}/registrations/{registration.token}/agenda.ics")
    [entry] = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert str(entry["SUMMARY"]) == opening.title
    assert entry.decoded("DTSTART").isoformat() == "2014-12-03T09:00:00+02:00"


def test_the_outcomes_page_gathers_lessons_by_characteristic(server, page, demo):
    page.goto(f"{server.url}/events/durban-2014/outcomes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes of the exchange")
    page.get_by_role("link", name="C4 Reciprocity and trust").first.click()
    expect(page.locator("#lessons-C4")).to_contain_text(
        "Trust is built in small, regular meetings, not in campaigns.")


def test_no_programme_page_has_an_axe_violation(server, page, demo):
    registration = RegistrationFactory(event=demo)
    session = Session.objects.get(event=demo, title__startswith="Showcase C1")
    speaker = session.speakers.first()
    violations = {}
    for name, url in [
        ("timetable", "/events/durban-2014/programme/"),
        ("timetable, nothing found",
         "/events/durban-2014/programme/?type=panel&day=2014-12-05"),
        ("session", session.get_absolute_url()),
        ("speaker", speaker.get_absolute_url()),
        ("speakers", "/events/durban-2014/programme/speakers/"),
        ("now and next", "/events/durban-2014/programme/now/"),
        ("private programme", f"/registrations/{registration.token}/programme/"),
        ("agenda", f"/registrations/{registration.token}/agenda/"),
        ("outcomes", "/events/durban-2014/outcomes/"),
    ]:
        assert page.goto(server.url + url).status == 200, url
        found = audit(page)
        if found:
            violations[name] = found
    assert violations == {}


def test_the_rapporteur_writes_a_lesson_in_the_browser_and_its_page_passes_axe(server, page,
                                                                               demo):
    session = Session.objects.get(event=demo, title__startswith="Workshop: partnering")
    page.goto(f"{server.url}/events/durban-2014/rapporteur/")
    assert audit(page) == []  # the sign-in page
    page.get_by_label("User name or email address").fill("rapporteur")
    page.get_by_label("Password").fill("exchange-demo-2014")
    page.get_by_role("button", name="Sign in").click()
    enter_code(page, "rapporteur")  # the demo's authenticator app
    page.get_by_role("link", name=session.title).click()
    assert audit(page) == []
    page.get_by_label("Lesson", exact=True).fill("Agree roles in writing.")
    page.get_by_label("Proposed by").fill("Bongani Cele")
    page.get_by_role("group", name="Characteristics it serves", exact=True).get_by_label(
        "Social participation").check()
    page.get_by_role("button", name="Add the lesson").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(page.locator("ol.lessons")).to_contain_text("Agree roles in writing.")
    assert audit(page) == []
