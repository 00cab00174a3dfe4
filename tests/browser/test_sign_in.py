"""The one sign-in in a real browser, on a phone (375 px wide): an organiser without an
authenticator app is asked to set one up at the first sign-in, keeps the backup codes,
reaches the back-office; the next time the password alone opens nothing until the code is
given; a backup code works when the phone is lost. With JavaScript off too. axe-core
audits each page."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from safecities.backoffice.models import Role
from tests.browser.signing_in import enter_code, sign_in
from tests.browser.test_accessibility import audit
from tests.factories import PASSWORD, EventFactory, EventRoleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.live]

PHONE = {"width": 375, "height": 740}
DASHBOARD = "/backoffice/events/durban-2014/dashboard/"


def code_from_key(spaced_key: str, drift: int = 0) -> str:
    """What an authenticator app shows for the key the page printed."""
    key = spaced_key.replace(" ", "")
    key += "=" * (-len(key) % 8)
    totp = TOTP(base64.b32decode(key), drift=drift)
    return f"{totp.token():06d}"


@pytest.fixture
def organiser(db):
    event = EventFactory(slug="durban-2014", title="Urban Safety Learning Exchange")
    return EventRoleFactory(event=event, role=Role.ORGANISER,
                            user=UserFactory(username="organiser")).user


def fill_password(page: Page, site: str, next_path: str = DASHBOARD) -> None:
    page.goto(f"{site}/sign-in/?next={next_path}")
    page.get_by_label("User name or email address").fill("organiser")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_organiser_sets_up_the_second_factor_at_the_first_sign_in(server, new_page,
                                                                     organiser, javascript):
    page = new_page(javascript=javascript, viewport=PHONE)
    site = server.url
    violations: dict[str, list[str]] = {}

    def check(name: str) -> None:
        if javascript:  # axe-core runs as a script
            found = audit(page)
            if found:
                violations[name] = found

    page.goto(f"{site}/backoffice/sign-in/?next={DASHBOARD}")  # the old address leads here
    expect(page).to_have_url(re.compile(r"/sign-in/\?next="))
    check("sign-in")
    fill_password(page, site)
    # The role needs an authenticator app: the set-up comes first.
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor authentication")
    check("set-up")
    key = page.get_by_test_id("totp-key").inner_text()
    page.get_by_label("Code from your authenticator app").fill(code_from_key(key))
    page.get_by_role("button", name="Turn two-factor authentication on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your backup codes")
    codes = page.locator("ul.codes code").all_inner_texts()
    assert len(codes) == 10
    check("backup codes")
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(site + DASHBOARD)
    # It fits a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Next time, the password alone opens nothing.
    page.get_by_role("button", name="Sign out").click()
    fill_password(page, site)
    expect(page).to_have_url(re.compile(r"/sign-in/code/"))
    check("code")
    page.goto(site + DASHBOARD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
    expect(page.get_by_role("link", name="Enter your code")).to_be_visible()
    check("refusal")
    page.get_by_role("link", name="Enter your code").click()
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not right.")
    # After a wrong code django-otp refuses every code for a second (then two, four…).
    page.wait_for_timeout(1500)
    enter_code(page, "organiser")
    expect(page).to_have_url(site + DASHBOARD)

    # The phone is lost: a backup code works, once.
    page.get_by_role("button", name="Sign out").click()
    fill_password(page, site, "/account/")
    page.get_by_label("Code from your authenticator app").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_role("link", name="Urban Safety Learning Exchange")).to_be_visible()
    check("account")
    assert violations == {}


def test_a_door_staff_member_without_an_app_signs_in_with_the_password(server, new_page):
    event = EventFactory(slug="durban-2014")
    EventRoleFactory(event=event, role=Role.CHECKIN, user=UserFactory(username="door"))
    page = new_page(viewport=PHONE)
    sign_in(page, server.url, "door", next_path="/backoffice/events/durban-2014/check-in/")
    expect(page).to_have_url(server.url + "/backoffice/events/durban-2014/check-in/")
