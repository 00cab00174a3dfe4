"""Sign-in: Argon2 password hashes, and two-factor authentication (TOTP) that an organiser
can turn on, which the back-office and the admin then require."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safecities.backoffice import services
from safecities.backoffice.errors import WrongCode
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def code(device: TOTPDevice, drift: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                 drift=drift)
    return f"{value:06d}"


def sign_in(client, username: str = "organiser", password: str = PASSWORD, next_url=""):
    return client.post("/backoffice/sign-in/", {"username": username, "password": password,
                                                "next": next_url})


def enable_two_factor(user) -> TOTPDevice:
    device = services.start_two_factor(user=user)
    return services.confirm_two_factor(user=user, token=code(device))


def test_new_passwords_are_hashed_with_argon2(organiser):
    organiser.set_password("correct horse battery staple")
    organiser.save()
    assert identify_hasher(organiser.password).algorithm == "argon2"


def test_signing_in_upgrades_an_older_hash_to_argon2(client, organiser):
    assert identify_hasher(organiser.password).algorithm == "pbkdf2_sha256"
    assert sign_in(client).status_code == 302
    organiser.refresh_from_db()
    assert identify_hasher(organiser.password).algorithm == "argon2"


def test_without_two_factor_the_password_opens_the_back_office(client, organiser, event):
    response = sign_in(client, next_url=f"/backoffice/events/{event.slug}/dashboard/")
    assert response["Location"] == f"/backoffice/events/{event.slug}/dashboard/"
    assert client.get(response["Location"]).status_code == 200


def test_a_wrong_password_is_refused_in_plain_words(client, organiser):
    response = sign_in(client, password="wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()


def test_two_factor_is_on_only_after_a_right_code(organiser):
    device = services.start_two_factor(user=organiser)
    with pytest.raises(WrongCode):
        services.confirm_two_factor(user=organiser, token="000000" if code(device) != "000000"
                                    else "111111")
    device.refresh_from_db()
    assert device.confirmed is False
    services.confirm_two_factor(user=organiser, token=code(device))
    device.refresh_from_db()
    assert device.confirmed is True


def test_with_two_factor_the_password_alone_opens_nothing(client, organiser, event):
    enable_two_factor(organiser)
    dashboard = f"/backoffice/events/{event.slug}/dashboard/"
    sign_in(client, next_url=dashboard)
    response = client.get(dashboard)
    assert response.status_code == 302
    assert response["Location"] == f"/backoffice/sign-in/code/?next={dashboard}"


def test_with_two_factor_a_wrong_code_is_refused_in_plain_words(client, organiser, event):
    enable_two_factor(organiser)
    dashboard = f"/backoffice/events/{event.slug}/dashboard/"
    sign_in(client)
    wrong = client.post("/backoffice/sign-in/code/", {"token": "12345", "next": dashboard})
    assert wrong.status_code == 400
    assert "That code is not right." in wrong.content.decode()
    assert client.get(dashboard).status_code == 302


def test_with_two_factor_the_right_code_opens_the_back_office(client, organiser, event):
    device = enable_two_factor(organiser)
    dashboard = f"/backoffice/events/{event.slug}/dashboard/"
    sign_in(client)
    right = client.post("/backoffice/sign-in/code/", {"token": code(device, drift=1),
                                                      "next": dashboard})
    assert right["Location"] == dashboard
    assert client.get(dashboard).status_code == 200


def test_the_admin_also_asks_for_the_code(client, organiser):
    organiser.is_staff = True
    organiser.save()
    enable_two_factor(organiser)
    sign_in(client)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/backoffice/sign-in/code/?next=%2Fadmin%2F"


def test_the_account_page_turns_two_factor_on_with_a_code(signed_in, organiser):
    client = signed_in(organiser)
    page = client.get("/backoffice/account/").content.decode()
    assert "Off: your password alone protects" in page
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=organiser)
    response = client.post("/backoffice/account/", {"token": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True
    # The session that turned it on counts as verified.
    assert "On: signing in asks for a code" in client.get("/backoffice/account/").content.decode()


def test_turning_two_factor_off_needs_a_current_code(client, organiser):
    device = enable_two_factor(organiser)
    sign_in(client)
    client.post("/backoffice/sign-in/code/", {"token": code(device, drift=1)})
    refused = client.post("/backoffice/account/", {"token": "99999"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=organiser).count() == 1


def test_turning_two_factor_off_with_a_current_code(client, organiser):
    device = enable_two_factor(organiser)
    sign_in(client)
    # Each code is accepted once, and only a later one after it (replay protection).
    client.post("/backoffice/sign-in/code/", {"token": code(device, drift=1)})
    client.post("/backoffice/account/", {"token": code(device, drift=2)})
    assert TOTPDevice.objects.filter(user=organiser).count() == 0


def test_signing_out_needs_a_post_and_ends_the_session(organiser_client, event):
    assert organiser_client.get("/backoffice/sign-out/").status_code == 405
    organiser_client.post("/backoffice/sign-out/")
    assert organiser_client.get(f"/backoffice/events/{event.slug}/dashboard/").status_code == 302
