"""An organiser changes the event's settings on a phone (375 px): the page fits and has no
axe violation, raising the capacity confirms the first on the waiting list, and the public
page shows the new title."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from safecities.registration.models import Registration
from tests.browser.test_accessibility import audit
from tests.browser.test_backoffice import exchange, sign_in
from tests.browser.test_phone_width import OVERFLOW

pytestmark = [pytest.mark.browser, pytest.mark.live]

PHONE = {"width": 375, "height": 812}


def test_an_organiser_changes_the_event_settings_on_a_phone(server, new_page):
    event, _, _, people = exchange(capacity=4)  # six delegates: two waiting
    page = new_page(viewport=PHONE)
    sign_in(page, server, "organiser", next_path=f"/backoffice/events/{event.slug}/settings/")
    expect(page.get_by_role("heading", name="Event settings")).to_be_visible()
    assert page.evaluate(OVERFLOW) == []
    assert audit(page) == []

    page.get_by_label("Title", exact=True).fill("Durban Learning Exchange")
    page.get_by_label("Capacity").fill("5")
    page.get_by_text("In French").click()
    page.get_by_label("Title (French)").fill("Échange de Durban")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("1 person was confirmed from the waiting list.")).to_be_visible()
    assert page.evaluate(OVERFLOW) == []
    assert Registration.objects.get(pk=people[4].pk).status == "confirmed"
    page.goto(f"{server.url}/events/{event.slug}/")
    expect(page.get_by_role("heading", name="Durban Learning Exchange")).to_be_visible()
