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


def test_a_person_erases_everything_under_their_address_on_a_phone(server, new_page):
    """Ask for the link (the page tells nothing), open it from the email, erase it all."""
    import re

    from post_office.models import Email

    from safecities.events.services import send_enquiry

    first, second = EventFactory(slug="durban-2014"), EventFactory(slug="kigali-2015")
    for event in (first, second):
        services.register(event=event, **person(1, name="Amina Phiri"))
    send_enquiry(event=first, name="Amina Phiri", email="participant1@example.org",
                 subject="Visa letter", message="Can the letter name my deputy?")
    page = new_page(javascript=True, **PHONE)

    page.goto(server.url + "/privacy/my-data/")
    page.get_by_label("Your email address").fill("participant1@example.org")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mailbox")
    expect(page.get_by_text("Amina Phiri")).to_have_count(0)
    assert fits_the_screen(page)
    assert audit(page) == []

    message = Email.objects.get(message__contains="/privacy/my-data/")
    page.goto(server.url + re.search(r"/privacy/my-data/[^/\s]+/", message.message).group(0))
    expect(page.get_by_role("heading", name="Registrations")).to_be_visible()
    expect(page.get_by_text("Can the letter name my deputy?")).to_be_visible()
    assert fits_the_screen(page)
    assert audit(page) == []

    page.get_by_role("link", name="Delete all my data").click()
    expect(page.get_by_role("listitem").filter(has_text=first.title)).to_have_count(1)
    assert fits_the_screen(page)
    assert audit(page) == []
    page.get_by_label("I understand that my personal data will be erased for good").check()
    page.get_by_role("button", name="Erase all my data now").click()
    expect(page).to_have_url(f"{server.url}/privacy/erased/")
    assert Registration.objects.filter(erased_at__isnull=True).count() == 0


def test_an_organiser_erases_a_registrant_in_two_steps_on_a_phone(server, new_page):
    from tests.browser.test_backoffice import exchange, sign_in

    event, _organiser, _door, people = exchange()
    target = people[0]
    page = new_page(javascript=True, **PHONE)
    sign_in(page, server, "organiser",
            next_path=f"/backoffice/events/{event.slug}/registrants/{target.reference}/")
    page.get_by_role("link", name="Erase personal data…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase this registrant's data")
    assert fits_the_screen(page)
    assert audit(page) == []

    # Step one: the reference and the tick; nothing is erased yet.
    page.get_by_label("Type the registration's reference to confirm").fill(target.reference)
    page.get_by_label("I understand that this person's data will be erased").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase for good?")
    assert fits_the_screen(page)
    assert audit(page) == []
    assert Registration.objects.get(pk=target.pk).name == "Thandeka Mthembu"

    # Step two.
    page.get_by_role("button", name="Erase now").click()
    expect(page).to_have_url(f"{server.url}/backoffice/events/{event.slug}/registrants/")
    expect(page.get_by_text("The registrant's personal data is erased.")).to_be_visible()
    expect(page.get_by_role("link", name="personal data erased")).to_have_count(1)
    assert audit(page) == []
    erased = Registration.objects.get(pk=target.pk)
    assert (erased.name, erased.email, erased.status) == ("", "", "cancelled")

    page.goto(f"{server.url}/backoffice/events/{event.slug}/data-requests/")
    expect(page.get_by_role("cell", name="Erasure")).to_have_count(1)
    assert fits_the_screen(page)
    assert audit(page) == []
