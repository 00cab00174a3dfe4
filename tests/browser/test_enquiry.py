"""The enquiry form in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from safecities.events.models import Enquiry
from tests.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_the_enquiry_form_sends_the_question_and_says_so(server, page):
    event = EventFactory(slug="durban-2014")

    page.goto(f"{server.url}/events/durban-2014/")
    page.get_by_role("link", name="use the enquiry form").click()
    expect(page).to_have_url(f"{server.url}/events/durban-2014/contact/")
    page.get_by_label("Your name", exact=True).fill("Amina Phiri")
    page.get_by_label("Your email", exact=True).fill("amina@example.org")
    page.get_by_label("Subject", exact=True).fill("Visa letter")
    page.get_by_label("Your question", exact=True).fill("Can the letter name my deputy too?")
    page.get_by_role("button", name="Send my question").click()

    expect(page).to_have_url(f"{server.url}/events/durban-2014/contact/sent/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your question has been sent")
    expect(page.get_by_role("link", name=f"Back to {event.title}")).to_have_attribute(
        "href", "/events/durban-2014/"
    )
    assert list(Enquiry.objects.values_list("event", "name", "email", "subject", "message")) == [
        (event.pk, "Amina Phiri", "amina@example.org", "Visa letter",
         "Can the letter name my deputy too?"),
    ]
