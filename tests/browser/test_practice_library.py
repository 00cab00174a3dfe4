"""The library in a real browser: a contributor writes a practice through the guided form
(losing the connection half-way), two reviewers review it, an organiser publishes it, and
a reader finds it by search and facets with JavaScript off. axe-core audits every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from post_office.models import Email

from safecities.backoffice.models import Role
from safecities.practices.demo import seed_vocabularies
from safecities.practices.models import Practice, Review
from tests.browser.signing_in import sign_in
from tests.browser.test_accessibility import audit
from tests.factories import (
    PASSWORD,
    EventRoleFactory,
    PracticeFactory,
    ProfileFactory,
    UserFactory,
)
from tests.signing_in import give_device

pytestmark = [pytest.mark.browser, pytest.mark.live]



def person_with(role: str, city: str, country: str, **fields):
    """Someone with ``role`` for an exchange (practices without a call belong to the
    library as a whole) and, as the role requires, an authenticator app."""
    user = ProfileFactory(city=city, country=country, user=UserFactory(**fields)).user
    EventRoleFactory(user=user, role=role)
    give_device(user)
    return user


def log_in(page: Page, site: str, email: str, password: str = PASSWORD, next_url: str = ""):
    # The one sign-in waits for the page it leads to, before anything is read or audited.
    sign_in(page, site, email, password, next_path=next_url or "/contribute/")


class Audit:
    def __init__(self, page: Page):
        self.page = page
        self.violations: dict[str, list[str]] = {}

    def __call__(self, name: str) -> None:
        found = audit(self.page)
        if found:
            self.violations[name] = found


@pytest.fixture
def vocabularies(server):
    # Transactional tests flush the database, seeded vocabularies included.
    seed_vocabularies()


def test_a_practice_goes_from_the_guided_form_to_the_library(server, new_page, vocabularies):
    site = server.url
    page = new_page()
    check = Audit(page)

    # --- A contributor signs up and verifies the address ---------------------------------
    page.goto(f"{site}/contribute/sign-up/")
    check("sign-up")
    page.get_by_label("Your name").fill("Thandi Mkhize")
    page.get_by_label("Email address").fill("thandi@example.org")
    page.get_by_label("Password").fill("lantern-walks-2014")
    page.get_by_label("Organisation").fill("Umlazi safety forum")
    page.get_by_label("City").fill("Durban")
    page.get_by_label("Country code").fill("ZA")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    check("check your email")
    body = Email.objects.get(to="thandi@example.org").message
    page.goto(re.search(r"http://\S+/contribute/verify/\S+/", body)[0].replace(
        "http://127.0.0.1", site))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your email address is confirmed")
    log_in(page, site, "thandi@example.org", "lantern-walks-2014")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your practices")
    check("contributor dashboard")

    # --- The guided form, step by step ---------------------------------------------------
    page.get_by_role("link", name="Describe a new practice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Describe a new practice")
    check("start")
    page.get_by_label("Title").fill("Lantern walks in Umlazi")
    page.get_by_label("Summary").fill("Residents walk lit routes home with commuters.")
    page.get_by_label("City").fill("Durban")
    page.get_by_label("Country (ISO 3166-1 alpha-2)").fill("ZA")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Identity")
    check("step: identity")
    practice = Practice.objects.get(title="Lantern walks in Umlazi")
    page.get_by_label("Lead organisation").fill("Umlazi safety forum")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Context")
    check("step: context")
    page.locator("#id_p-problem").fill("Commuters were robbed on dark paths.")
    page.get_by_label("Transport node").check()
    page.locator("#id_baseline_figures-0-indicator").fill("Robberies on the paths")
    page.locator("#id_baseline_figures-0-value").fill("40")
    page.locator("#id_baseline_figures-0-year").fill("2013")
    page.locator("#id_baseline_figures-0-source").fill("Station records")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intervention")
    intervention_url = page.url

    # The connection drops while the third step is being sent.
    page.locator("#id_p-objectives").fill("Typed while offline")
    page.context.set_offline(True)
    try:
        page.get_by_role("button", name="Save and continue").click()
        page.wait_for_load_state()
    except PlaywrightError:
        pass
    page.context.set_offline(False)
    page.goto(intervention_url)
    expect(page.locator("#id_p-objectives")).to_have_value("")  # the unsent step only
    page.goto(f"{site}/contribute/practices/{practice.pk}/context/")
    expect(page.locator("#id_p-problem")).to_have_value("Commuters were robbed on dark paths.")
    expect(page.locator("#id_baseline_figures-0-indicator")).to_have_value(
        "Robberies on the paths")
    page.goto(intervention_url)

    check("step: intervention")
    page.locator("#id_p-objectives").fill("Fewer robberies on the way home.")
    page.locator("#id_p-mechanism").fill("Guardians on the path at the right hour.")
    page.locator("#id_p-components").fill("- Walks at 18:00\n- Lanterns")
    page.get_by_label("Community mobilisation").check()
    page.get_by_label("The general population").check()
    page.get_by_label("Characteristic it mainly serves").select_option(
        label="Low incidence of violence and crime")
    page.get_by_label("Fear of crime").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Implementation and involvement")
    check("step: implementation")
    page.locator("#id_p-lessons_learned").fill("Walk with the commuters, not ahead of them.")
    page.locator("#id_partners-0-name").fill("Umlazi safety forum")
    page.locator("#id_partners-0-kind").select_option("community")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Impact")
    check("step: impact")
    page.locator("#id_outcomes-0-indicator").fill("Robberies on the paths")
    page.locator("#id_outcomes-0-baseline").fill("40")
    page.locator("#id_outcomes-0-follow_up").fill("25")
    page.locator("#id_outcomes-0-design_strength").select_option("1")
    page.locator("#id_outcomes-0-effect").select_option("positive")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Transfer")
    check("step: transfer")
    page.locator("#id_p-preconditions").fill("A forum that meets every week.")
    page.get_by_role("button", name="Save and go to the overview").click()
    expect(page.get_by_role("button", name="Submit for review")).to_be_visible()
    check("overview, complete")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("your practice is submitted")

    # --- An organiser assigns two reviewers -----------------------------------------------
    organiser = person_with(Role.ORGANISER, "Durban", "ZA")
    first = person_with(Role.REVIEWER, "Nairobi", "KE", first_name="Wanjiru")
    second = person_with(Role.REVIEWER, "Recife", "BR", first_name="Joana")
    person_with(Role.REVIEWER, "Durban", "ZA")  # from the same city: never offered
    office = new_page()
    log_in(office, site, organiser.username, next_url="/organisers/practices/")
    check.page = office
    check("organisers' list")
    office.get_by_role("link", name="Lantern walks in Umlazi").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Lantern walks in Umlazi")
    check("organiser's practice page")
    for reviewer in (first, second):
        office.get_by_label("Reviewer").select_option(str(reviewer.pk))
        office.get_by_role("button", name="Assign").click()
    assert sorted(Review.objects.filter(practice=practice).values_list("reviewer", flat=True)) \
        == sorted([first.pk, second.pk])

    # --- Two reviewers review it, blind to each other until they submit ------------------
    outcome = practice.outcomes.get()
    for reviewer, strength in ((first, "2"), (second, "2")):
        own = Review.objects.get(practice=practice, reviewer=reviewer)
        desk = new_page()
        log_in(desk, site, reviewer.username, next_url=f"/review/{own.pk}/")
        check.page = desk
        check("review form")
        for criterion in ("relevance", "evidence", "transferability", "clarity"):
            desk.locator(f"#id_{criterion}_3").check()
        desk.locator("#id_relevance_comment").fill(f"Relevant, says {reviewer.first_name}.")
        desk.locator(f"#id_strength_{outcome.pk}").select_option(strength)
        desk.locator(f"#id_effect_{outcome.pk}").select_option("positive")
        desk.get_by_role("button", name="Submit review").click()
        expect(desk.get_by_role("heading", name="All reviews of this round")).to_be_visible()
        check("reviews after submitting")
        desk.goto(f"{site}/review/")
        check("reviewer's list")

    # --- The organiser publishes ---------------------------------------------------------
    office.reload()
    office.get_by_label("Publish").check()
    office.locator("#id_comments").fill("Thank you.")
    office.get_by_role("button", name="Record the decision").click()
    practice.refresh_from_db()
    assert (practice.status, practice.label) == ("published", "promising")

    # --- A reader finds it by search and facets, with JavaScript off ----------------------
    PracticeFactory(title="A draft about lanterns")  # never found
    reader = new_page(javascript=False)
    reader.goto(f"{site}/practices/")
    reader.get_by_label("Search practices").fill("lanterns walking")
    reader.get_by_role("button", name="Search").click()
    expect(reader.locator(".count")).to_have_text("1 practice")
    reader.get_by_text("Filter by characteristic").click()  # <details>: no script needed
    reader.get_by_role("link", name="Low incidence of violence and crime (1)").click()
    chosen = reader.get_by_role("link", name=re.compile("Low incidence of violence"))
    expect(chosen).to_have_attribute("aria-current", "true")
    reader.get_by_role("link", name="Promising (1)").click()
    expect(reader).to_have_url(re.compile(r"characteristic=C1&label=promising"))
    reader.get_by_role("link", name="Lantern walks in Umlazi").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Lantern walks in Umlazi")
    expect(reader.locator("body")).to_contain_text("Walk with the commuters")

    # --- The public pages, audited with JavaScript on --------------------------------------
    check.page = page
    for name, url in (("library", "/practices/?q=lanterns&characteristic=C1"),
                      ("practice page", practice.get_absolute_url()),
                      ("version page", practice.get_absolute_url() + "versions/1/"),
                      ("labels page", "/practices/evidence-labels/")):
        page.goto(site + url)
        check(name)
    check.page = new_page()
    check.page.goto(f"{site}/sign-in/")
    check("sign-in page")
    assert check.violations == {}
