"""Safe-city learning in a real browser: the self-assessment, comparison, meetings, and an
axe-core audit of every cities page."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import pytest
from playwright.sync_api import Page, expect

from safecities.cities.models import MeetingRequest
from safecities.cities.services import meetings as meeting_services
from safecities.cities.services.assessment import ValueEntry, save_values
from safecities.practices.models import Characteristic
from tests.browser.signing_in import sign_in as one_sign_in
from tests.browser.test_accessibility import audit
from tests.factories import (
    EPOCH,
    CityContactFactory,
    CityFactory,
    EventFactory,
    LearningRequestFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    PublishedPracticeFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.live]


@pytest.fixture(autouse=True)
def seeded(transactional_db):
    """The server needs a transactional database, and the flush after each transactional
    test wipes what the data migrations seeded: seed the vocabularies and the instrument
    again (both seeds are idempotent)."""
    from django.apps import apps

    for module in ("safecities.practices.migrations.0002_seed_vocabularies",
                   "safecities.cities.migrations.0002_seed_instrument"):
        import_module(module).seed(apps, None)


def cities_with_practices():
    """Durban (to assess), a peer strong on C1 and C3, and practices for both."""
    contact = CityContactFactory(city=CityFactory(slug="durban", name="Durban"),
                                 user=UserFactory(username="thandi"))
    peer = CityFactory(slug="kigali", name="Kigali", country="RW", region="eastern-africa",
                       offers_study_visits=True)
    save_values(city=peer, entries=[
        ValueEntry("c1-homicide", 2022, 2, "Police"), ValueEntry("c1-robbery", 2022, 50, "Police"),
        ValueEntry("c3-turnout", 2022, 75, "NEC"),
        ValueEntry("c3-civic-engagement", 2022, 80, "Survey")])
    PublishedPracticeFactory(title="Night markets with lighting", city="Kigali", country="RW",
                    main_characteristic=Characteristic.objects.get(code="C1"), label="promising")
    PublishedPracticeFactory(title="Ward participation forums", city="Lima", country="PE",
                    main_characteristic=Characteristic.objects.get(code="C3"), label="effective")
    PublishedPracticeFactory(title="Police and residents trust panels", city="Lima", country="PE",
                    main_characteristic=Characteristic.objects.get(code="C4"), label="effective")
    return contact


def sign_in(page: Page, base: str, username: str, next_path: str) -> None:
    one_sign_in(page, base, username, next_path=next_path)


def fill(page: Page, legend: str, value: str, year: str, source: str) -> None:
    indicator = page.locator("fieldset.indicator", has=page.locator("legend", has_text=legend))
    indicator.get_by_label("Value").fill(value)
    indicator.get_by_label("Year").fill(year)
    indicator.get_by_label("Source").fill(source)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_representative_enters_figures_and_sees_the_chart_and_recommendations_change(
        server, new_page, javascript):
    cities_with_practices()
    page = new_page(javascript=javascript)
    sign_in(page, server.url, "thandi", "/cities/durban/")
    expect(page).to_have_url(f"{server.url}/cities/durban/")
    expect(page.get_by_text("This city has not entered any figures yet.")).to_be_visible()

    page.get_by_role("link", name="Enter the self-assessment").click()
    fill(page, "Intentional homicide", "30", "2022", "SAPS annual report")
    fill(page, "Robbery, including aggravated robbery", "800", "2022", "SAPS annual report")
    fill(page, "Feel safe walking alone after dark", "120", "2022", "City survey")
    page.get_by_role("button", name="Save and recompute the scores").click()
    # The mistake is named next to the field; what was typed is kept.
    expect(page.locator("#id_c1-safe-after-dark-value_error")).to_have_text(
        "Enter a percentage from 0 to 100.")
    expect(page.locator("#id_c1-homicide-value")).to_have_value("30")
    fill(page, "Feel safe walking alone after dark", "35", "2022", "City survey")
    fill(page, "Turnout in local elections", "50", "2021", "Electoral commission")
    fill(page, "Attended a community meeting or joined a group", "40", "2021", "City survey")
    page.get_by_role("button", name="Save and recompute the scores").click()
    expect(page.get_by_role("status")).to_contain_text("Saved: 5 new figures")
    # homicide 18.27, robbery 17.64, safe after dark 35 → 23.6
    expect(page.locator("#C1 .score-now strong")).to_have_text("23.6")

    page.goto(f"{server.url}/cities/durban/")
    table = page.get_by_role("table", name="Scores 0–100 by characteristic")
    expect(table.get_by_role("row", name="C1 Low incidence of violence and crime")
           ).to_contain_text("23.6")
    # 2022: C1 and C3 (the 2021 figures still count); the 2021 history: C3.
    expect(page.locator("svg.radar circle")).to_have_count(3)
    recommendations = page.locator("ol.recommendations")
    expect(recommendations.get_by_role("link")).to_have_text(
        ["Ward participation forums", "Night markets with lighting"])
    expect(page.locator("ul.recommendations")).to_contain_text("offers study visits")

    # Figures for trust (C4) and better ones for participation (C3): now C1 and C4 are the
    # weakest, and the recommendations follow.
    page.goto(f"{server.url}/cities/durban/self-assessment/")
    fill(page, "Trust the police", "45", "2022", "City survey")
    fill(page, "Victims who reported violence to the police", "45", "2022", "City survey")
    fill(page, "Turnout in local elections", "80", "2021", "Electoral commission")
    page.get_by_role("button", name="Save and recompute the scores").click()
    page.goto(f"{server.url}/cities/durban/")
    expect(page.locator("ol.recommendations").get_by_role("link")).to_have_text(
        ["Police and residents trust panels", "Night markets with lighting"])


def test_the_chart_has_an_accessible_table_of_the_same_figures(server, page):
    city = CityFactory(slug="durban", name="Durban")
    save_values(city=city, entries=[ValueEntry("c3-turnout", 2022, 50, "IEC"),
                                    ValueEntry("c3-civic-engagement", 2022, 30, "Survey")])
    page.goto(f"{server.url}/cities/durban/")
    chart = page.get_by_role("img", name="Self-assessment")
    expect(chart).to_have_count(1)
    expect(chart).to_have_accessible_description(
        "Radar chart of the seven characteristics, 0 at the centre and 100 at the edge. "
        "The table beside it gives the same figures.")
    row = page.get_by_role("table", name="Scores 0–100 by characteristic").get_by_role(
        "row", name="C3 Social participation")
    expect(row.get_by_role("cell")).to_have_text(["40.0", "2 of 3"])


def test_comparing_cities_on_one_chart_and_in_one_table(server, page):
    for slug, name, turnout in [("durban", "Durban", 50), ("nairobi", "Nairobi", 80)]:
        city = CityFactory(slug=slug, name=name)
        save_values(city=city, entries=[ValueEntry("c3-turnout", 2022, turnout, "IEC"),
                                        ValueEntry("c3-civic-engagement", 2022, 50, "Survey")])
    page.goto(f"{server.url}/cities/durban/")
    page.get_by_role("link", name="Compare with other cities").click()
    expect(page.get_by_label("City 1")).to_have_value("Durban")
    page.get_by_label("City 2").fill("nairobi")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(f"{server.url}/cities/compare/?c=Durban&c=nairobi&c=&c=&c=")
    table = page.get_by_role("table", name="Scores 0–100 by characteristic")
    expect(table.get_by_role("row", name="C3 Social participation").get_by_role("cell")
           ).to_have_text(["50.0 (2/3)", "75.0 (2/3)"])
    expect(page.locator("ul.legend li")).to_have_text(["Durban (2022)", "Nairobi (2022)"])


def test_two_participants_request_and_accept_a_meeting_and_both_see_it(server, new_page):
    event = EventFactory(slug="durban-2014")
    MeetingSlotFactory(event=event, label="Tea break, day 1",
                       starts_at=EPOCH + timedelta(hours=8))
    MeetingTableFactory(event=event, name="Table 1")
    amina = RegistrationFactory(event=event, name="Amina Phiri", organisation="Lusaka CC",
                                notice_pending=False)
    ben = RegistrationFactory(event=event, name="Ben Okafor", organisation="Lagos State",
                              notice_pending=False)
    meeting_services.opt_in(registration=ben, interests="Market safety")

    page = new_page(javascript=False)
    page.goto(f"{server.url}/registrations/{amina.token}/meetings/")
    page.get_by_label("What would you like to discuss?").fill("Youth violence")
    page.get_by_role("button", name="Open me to meetings").click()
    expect(page.get_by_role("status")).to_have_text(
        "You are open to meetings. Others who opted in can now ask you.")
    expect(page.get_by_text("@example.org")).to_have_count(0)  # no email addresses shown
    page.get_by_role("link", name="Ask Ben Okafor for a meeting").click()
    page.get_by_label("Message").fill("Shall we talk about market safety?")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status")).to_contain_text("Your request is sent.")

    other = new_page()
    other.goto(f"{server.url}/registrations/{ben.token}/meetings/")
    expect(other.get_by_text("Shall we talk about market safety?")).to_be_visible()
    other.get_by_role("button", name="Accept the meeting with Amina Phiri").click()
    expect(other.get_by_role("status")).to_contain_text("Accepted: the meeting is booked.")
    for viewer, who in [(other, "Amina Phiri"), (page, "Ben Okafor")]:
        viewer.goto(viewer.url.split("?")[0])
        agenda = viewer.locator("#agenda + table")
        expect(agenda.get_by_role("cell", name="Table 1")).to_have_count(1)
        expect(agenda).to_contain_text(who)
    assert MeetingRequest.objects.get().status == "accepted"


def test_no_cities_page_has_an_axe_violation(server, page):
    contact = cities_with_practices()
    save_values(city=contact.city, entries=[
        ValueEntry("c1-homicide", 2019, 30, "SAPS"), ValueEntry("c1-robbery", 2019, 800, "SAPS"),
        ValueEntry("c1-homicide", 2022, 25, "SAPS")])
    request = LearningRequestFactory(from_city=contact.city,
                                     to_city=contact.city.__class__.objects.get(slug="kigali"))
    event = EventFactory(slug="durban-2014")
    MeetingSlotFactory(event=event)
    MeetingTableFactory(event=event)
    amina = RegistrationFactory(event=event, name="Amina", notice_pending=False)
    ben = RegistrationFactory(event=event, name="Ben", notice_pending=False)
    for person in (amina, ben):
        meeting_services.opt_in(registration=person, interests="Audits")
    meeting_services.request_meeting(requester=ben, invitee=amina, message="Hello")
    site = server.url
    violations: dict[str, list[str]] = {}

    def check(path: str, name: str) -> None:
        page.goto(site + path)
        found = audit(page)
        if found:
            violations[name] = found

    check("/cities/", "list")
    check("/cities/kigali/", "profile")
    check("/cities/compare/?c=durban&c=kigali", "compare")
    check("/cities/self-assessment/", "instrument")
    check("/sign-in/", "sign in")
    check(f"/registrations/{amina.token}/meetings/", "meetings")
    sign_in(page, site, "thandi", "/cities/durban/")
    check("/cities/durban/", "own profile with history and recommendations")
    check("/cities/durban/self-assessment/", "self-assessment form")
    page.get_by_role("button", name="Save and recompute the scores").click()
    check("/cities/durban/self-assessment/import/", "import")
    check("/cities/durban/edit/", "edit profile")
    check("/cities/kigali/learn/", "ask to learn")
    check(f"/cities/requests/{request.pk}/", "request")
    assert violations == {}


def test_the_chart_labels_are_readable_on_a_phone(server, page):
    city = CityFactory(slug="durban", name="Durban")
    save_values(city=city, entries=[ValueEntry("c3-turnout", 2022, 50, "IEC")])
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{server.url}/cities/durban/")
    heights = page.eval_on_selector_all(
        "svg.radar text", "texts => texts.map(t => t.getBoundingClientRect().height)")
    assert len(heights) > 7
    assert min(heights) >= 11, heights
