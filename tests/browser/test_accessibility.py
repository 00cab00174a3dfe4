"""axe-core finds nothing to fix on any public page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from safecities.registration import services
from tests.factories import EventFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.live]


def audit(page: Page) -> list[str]:
    """The page's axe-core violations, one line each: rule, impact, offending elements."""
    results = Axe().run(page)
    if results.violations_count:
        print(f"\n{page.url}\n{results.generate_report()}")
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(str(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
    ]


def test_no_public_page_has_an_axe_violation(server, page):
    event = EventFactory(slug="durban-2014", capacity=1)
    confirmed = services.register(event=event, **person(1)).registration
    waiting = services.register(event=event, **person(2)).registration
    cancelled = services.register(event=event, **person(3)).registration
    services.cancel(registration=cancelled)
    site = server.url

    def visit(url: str, status: int = 200) -> None:
        response = page.goto(site + url)
        assert response.status == status, url

    def submit(button: str, status: int) -> None:
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name=button).click()
        assert navigation.value.status == status, page.url

    violations: dict[str, list[str]] = {}

    def check(name: str) -> None:
        found = audit(page)
        if found:
            violations[name] = found

    visit("/")
    check("home")
    visit("/events/durban-2014/")
    check("event page")
    visit("/events/durban-2014/register/")
    check("register page")
    submit("Join the waiting list", 400)  # the event is full
    check("register page with errors")
    visit(f"{confirmed.get_absolute_url()}?new=1")
    check("private page, confirmed")
    visit(waiting.get_absolute_url())
    check("private page, waiting")
    visit(cancelled.get_absolute_url() + "?cancelled=1")
    check("private page, cancelled")
    visit(f"/registrations/{waiting.token}/cancel/")
    check("cancel page")
    visit(f"/registrations/{waiting.token}/invitation.pdf", status=403)
    check("letter not available")
    visit("/privacy/")
    check("privacy notice")
    visit("/accessibility/")
    check("accessibility statement")
    visit("/events/durban-2014/contact/")
    check("enquiry page")
    submit("Send my question", 400)
    check("enquiry page with errors")
    visit("/events/durban-2014/contact/sent/")
    check("enquiry sent")
    visit("/no-such-page/", status=404)
    check("404 page")

    assert violations == {}
