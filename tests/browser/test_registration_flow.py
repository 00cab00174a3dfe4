"""The registration path in a real browser: register, the private page, the letter, cancel."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from safecities.registration import services
from safecities.registration.models import Registration
from tests.browser.registration_form import fill_registration_form
from tests.factories import EventFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.live]

PRIVATE_PAGE = re.compile(r"/registrations/([^/?]+)/\?new=1$")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_participant_registers_downloads_the_letter_and_cancels(server, new_page, javascript):
    event = EventFactory(slug="durban-2014", capacity=1)
    page = new_page(javascript=javascript)

    page.goto(f"{server.url}/events/durban-2014/")
    page.get_by_role("link", name="Register", exact=True).click()
    expect(page).to_have_url(f"{server.url}/events/durban-2014/register/")
    fill_registration_form(page, person(1))
    page.get_by_role("button", name="Register").click()

    expect(page).to_have_url(PRIVATE_PAGE)
    token = PRIVATE_PAGE.search(page.url)[1]
    registration = Registration.objects.get(event=event)
    assert (registration.token, registration.status, registration.email) == (
        token, Registration.Status.CONFIRMED, "participant1@example.org",
    )
    expect(page.locator(".status")).to_have_text("Your place is confirmed.")
    expect(page.get_by_role("status")).to_have_text(
        "Thank you for registering. We have sent you an email with this page's private link."
    )

    letter_link = page.get_by_role("link", name="Download your invitation letter (PDF)")
    expect(letter_link).to_have_attribute("href", f"/registrations/{token}/invitation.pdf")
    with page.expect_download() as download:
        letter_link.click()
    assert download.value.suggested_filename == f"invitation-{registration.reference}.pdf"
    with open(download.value.path(), "rb") as letter:
        assert letter.read(5) == b"%PDF-"

    page.get_by_role("link", name="Cancel my registration").click()
    expect(page).to_have_url(f"{server.url}/registrations/{token}/cancel/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel your registration")
    page.get_by_role("button", name="Yes, cancel my registration").click()

    expect(page).to_have_url(f"{server.url}/registrations/{token}/?cancelled=1")
    expect(page.locator(".status")).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text("Your registration is cancelled.")
    expect(page.get_by_role("link", name="Download your invitation letter (PDF)")).to_have_count(0)
    expect(page.get_by_role("link", name="Cancel my registration")).to_have_count(0)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_a_second_person_for_the_last_place_joins_the_waiting_list_without_a_letter(
    server, page
):
    event = EventFactory(slug="durban-2014", capacity=1)
    services.register(event=event, **person(1))

    page.goto(f"{server.url}/events/durban-2014/")
    expect(page.locator(".places")).to_have_text("0 places left")
    page.get_by_role("link", name="Join the waiting list").click()
    expect(page.locator(".notice strong")).to_have_text(
        "Every place is taken: if you register now, you join the waiting list as number 1.")
    fill_registration_form(page, person(2))
    page.get_by_role("button", name="Join the waiting list").click()

    expect(page).to_have_url(PRIVATE_PAGE)
    token = PRIVATE_PAGE.search(page.url)[1]
    expect(page.locator(".status")).to_have_text("You are on the waiting list, number 1.")
    expect(page.get_by_role("link", name="Download your invitation letter (PDF)")).to_have_count(0)
    expect(page.get_by_role("link", name="Cancel my registration")).to_have_count(1)
    assert Registration.objects.get(token=token).status == Registration.Status.WAITLISTED

    response = page.goto(f"{server.url}/registrations/{token}/invitation.pdf")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your invitation letter is not available yet"
    )


def test_form_errors_show_beside_their_fields_keep_the_input_and_register_nobody(server, page):
    EventFactory(slug="durban-2014", capacity=1)
    typed = person(1, email="participant1-at-example.org", consent=False)

    page.goto(f"{server.url}/events/durban-2014/register/")
    fill_registration_form(page, typed)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Register").click()

    assert navigation.value.status == 400
    expect(page.get_by_role("alert").get_by_role("listitem")).to_have_text([
        "Email: Enter a valid email address.",
        "Please agree to the privacy notice to register.",
    ])
    email_field = page.locator(".field").filter(has=page.locator("#id_email"))
    expect(email_field.locator(".errorlist")).to_have_text("Enter a valid email address.")
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    consent_field = page.locator(".field").filter(has=page.locator("#id_consent"))
    expect(consent_field.locator(".errorlist")).to_have_text(
        "Please agree to the privacy notice to register."
    )
    expect(page.locator(".errorlist")).to_have_count(2)
    for name in ("name", "email", "organisation", "position", "city", "country"):
        expect(page.locator(f"#id_{name}")).to_have_value(typed[name])
    expect(page.locator("#id_consent")).not_to_be_checked()
    assert Registration.objects.count() == 0


def test_each_error_summary_item_is_one_link_to_its_field(server, page):
    EventFactory(slug="durban-2014")
    page.goto(f"{server.url}/events/durban-2014/register/")
    page.get_by_role("button", name="Register").click()

    items = page.get_by_role("alert").get_by_role("listitem")
    expect(items).to_have_count(7)
    hrefs = [
        [link.get_attribute("href") for link in item.get_by_role("link").all()]
        for item in items.all()
    ]
    assert hrefs == [
        ["#id_name"], ["#id_email"], ["#id_organisation"], ["#id_position"], ["#id_city"],
        ["#id_country"], ["#id_consent"],
    ]
