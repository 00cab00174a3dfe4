"""A participant's whole journey on a 375 px phone, asserting what they read at each step:
the event page, a full event's form (waiting-list number, the question that asks for more),
the private page, the agenda and the meetings, and cancelling."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from safecities.registration import services
from safecities.registration.models import Question
from tests.browser.registration_form import fill_registration_form
from tests.factories import EventFactory, ProgrammeFactory, QuestionFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.live]

PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_participant_walks_from_the_event_page_to_cancelling_on_a_phone(server, new_page,
                                                                          javascript):
    event = EventFactory(slug="durban-2014", capacity=1)
    ProgrammeFactory(event=event, is_published=False)
    QuestionFactory(event=event, key="diet", label="Dietary needs",
                    kind=Question.Kind.SINGLE_CHOICE, choices=["None", "Other (tell us below)"],
                    detail_choice="Other (tell us below)")
    services.register(event=event, **person(1))
    page = new_page(javascript=javascript, viewport=PHONE)

    page.goto(f"{server.url}/events/durban-2014/")
    expect(page.locator(".places")).to_have_text("0 places left")
    page.get_by_role("link", name="Join the waiting list").click()

    expect(page.locator(".notice strong")).to_have_text(
        "Every place is taken: if you register now, you join the waiting list as number 1.")
    detail = page.get_by_label("If you chose “Other (tell us below)”, please tell us more")
    expect(detail).to_be_hidden()
    fill_registration_form(page, person(2))
    page.get_by_role("radio", name="Other (tell us below)").check()
    expect(detail).to_be_visible()
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.locator("#id_answer_diet_detail_error")).to_have_text(
        "You chose “Other (tell us below)”: please tell us more here.")
    detail.fill("No nuts")
    page.get_by_role("button", name="Join the waiting list").click()

    expect(page).to_have_url(re.compile(r"/registrations/[^/?]+/\?new=1$"))
    expect(page.locator(".status")).to_have_text("You are on the waiting list, number 1.")
    page.get_by_role("link", name="My agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My agenda")
    page.get_by_role("link", name="Bilateral meetings").click()
    expect(page).to_have_url(re.compile(r"/registrations/[^/?]+/meetings/$"))
    page.go_back()
    page.get_by_role("link", name="Your registration").click()

    page.get_by_role("link", name="Bilateral meetings").click()
    expect(page).to_have_url(re.compile(r"/registrations/[^/?]+/meetings/$"))
    page.go_back()
    page.get_by_role("link", name="Cancel my registration").click()
    page.get_by_role("button", name="Yes, cancel my registration").click()
    expect(page.get_by_role("status")).to_have_text("Your registration is cancelled.")
    expect(page.get_by_text("registration is cancelled.")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
