"""A participant on a 375 px phone downloads their data, then erases it in two steps."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from safecities.registration import services
from safecities.registration.models import Registration
from tests.browser.test_accessibility import audit
from tests.factories import EventFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.live]
PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_participant_downloads_then_erases_their_data_on_a_phone(server, new_page,
                                                                   javascript):
    event = EventFactory(slug="durban-2014", capacity=1)
    registration = services.register(event=event, **person(1, name="Amina Phiri")).registration
    waiting = services.register(event=event, **person(2)).registration
    page = new_page(javascript=javascript, **PHONE)

    page.goto(server.url + registration.get_absolute_url())
    page.get_by_role("link", name="Download my data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    expect(page.get_by_role("heading", name="Registrations")).to_be_visible()
    expect(page.get_by_text("Amina Phiri", exact=True)).to_be_visible()
    assert fits_the_screen(page)
    if javascript:
        assert audit(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a file (JSON)").click()
    assert download.value.suggested_filename == f"my-data-{registration.reference}.json"
    with open(download.value.path()) as file:
        assert json.load(file)["data"]["registrations"][0]["name"] == "Amina Phiri"

    # Step one: the page that says what goes, what stays, and that it cannot be undone.
    page.get_by_role("link", name="Delete my data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete my data")
    expect(page.get_by_text("This cannot be undone.")).to_be_visible()
    assert fits_the_screen(page)
    if javascript:
        assert audit(page) == []
    # Without the confirmation nothing happens, and the form says why, next to the box.
    page.get_by_role("button", name="Erase my data now").click()
    expect(page.locator("#id_confirm_error")).to_have_text(
        "Please tick this box to confirm that your data should be erased.")
    assert Registration.objects.get(pk=registration.pk).name == "Amina Phiri"

    # Step two: confirmed.
    page.get_by_label("I understand that my personal data will be erased for good").check()
    page.get_by_role("button", name="Erase my data now").click()
    expect(page).to_have_url(f"{server.url}/privacy/erased/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data has been erased")
    assert fits_the_screen(page)
    if javascript:
        assert audit(page) == []

    erased = Registration.objects.get(pk=registration.pk)
    assert (erased.name, erased.email, erased.status) == ("", "", "cancelled")
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    response = page.goto(server.url + registration.get_absolute_url())
    assert response.status == 404
