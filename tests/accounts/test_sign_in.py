"""The one sign-in: Argon2 password hashes, the second factor (an authenticator app and
one-time backup codes) required by the permission rule, enrolment at first sign-in, the
old sign-in addresses, sign-in limits, signing out (here and everywhere), password reset."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import identify_hasher
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from post_office.models import Email

from safecities.accounts import services
from safecities.accounts.errors import SecondFactorRequired, WrongCode
from safecities.backoffice.models import Role
from tests.factories import PASSWORD, EventFactory, EventRoleFactory, UserFactory
from tests.signing_in import sign_in as signed_in_as

pytestmark = pytest.mark.django_db


def code(device: TOTPDevice, drift: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                 drift=drift)
    return f"{value:06d}"


def sign_in(client, username: str = "organiser", password: str = PASSWORD, next_url=""):
    return client.post("/sign-in/", {"username": username, "password": password,
                                     "next": next_url})


def enable_two_factor(user) -> TOTPDevice:
    device = services.start_two_factor(user=user)
    return services.confirm_two_factor(user=user, token=code(device))


@pytest.fixture
def event(db):
    return EventFactory(slug="durban-2014")


@pytest.fixture
def organiser(event):
    return EventRoleFactory(event=event, user=UserFactory(username="organiser"),
                            role=Role.ORGANISER).user


@pytest.fixture
def dashboard(event):
    return f"/backoffice/events/{event.slug}/dashboard/"


def test_new_passwords_are_hashed_with_argon2(organiser):
    organiser.set_password("correct horse battery staple")
    organiser.save()
    assert identify_hasher(organiser.password).algorithm == "argon2"


def test_signing_in_upgrades_an_older_hash_to_argon2(client, organiser):
    assert identify_hasher(organiser.password).algorithm == "pbkdf2_sha256"
    assert sign_in(client).status_code == 302
    organiser.refresh_from_db()
    assert identify_hasher(organiser.password).algorithm == "argon2"


def test_a_wrong_password_is_refused_in_plain_words(client, organiser):
    response = sign_in(client, password="wrong")
    assert response.status_code == 400
    assert "That user name or email address and password do not match." in \
        response.content.decode()


def test_contributors_sign_in_with_their_email_address(client):
    UserFactory(username="amina@example.org")
    response = sign_in(client, username="amina@example.org")
    assert response["Location"] == "/account/"


def test_after_signing_in_a_person_lands_on_what_they_can_do(client):
    user = UserFactory(username="amina@example.org")
    sign_in(client, username=user.username)
    page = client.get("/account/").content.decode()
    assert "Write a practice for the library" in page


@pytest.mark.parametrize("old", ["/backoffice/sign-in/", "/rapporteurs/login/",
                                 "/contribute/log-in/", "/cities/sign-in/"])
def test_the_old_sign_in_addresses_lead_to_the_one_sign_in(client, old):
    response = client.get(old + "?next=/cities/durban/edit/")
    assert response.status_code == 301
    assert response["Location"] == "/sign-in/?next=%2Fcities%2Fdurban%2Fedit%2F"


def test_the_old_sign_in_addresses_drop_a_next_to_another_site(client):
    response = client.get("/backoffice/sign-in/?next=https://evil.example/")
    assert response["Location"] == "/sign-in/"


def test_sign_in_never_sends_a_person_to_another_site(client, organiser):
    UserFactory(username="amina@example.org")
    response = sign_in(client, username="amina@example.org", next_url="https://evil.example/")
    assert response["Location"] == "/account/"


def test_an_organiser_without_an_app_is_asked_to_set_one_up(client, organiser, dashboard):
    response = sign_in(client, next_url=dashboard)
    assert response["Location"] == "/account/two-factor/?next=" + dashboard.replace("/", "%2F")
    refused = client.get(dashboard)
    assert refused.status_code == 403
    assert "Set up two-factor authentication" in refused.content.decode()


def test_enrolment_then_shows_backup_codes_once_and_opens_the_page(client, organiser,
                                                                   dashboard):
    sign_in(client, next_url=dashboard)
    page = client.get("/account/two-factor/?next=" + dashboard).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=organiser)
    shown = client.post("/account/two-factor/", {"token": code(device), "next": dashboard})
    assert shown.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", shown.content.decode())
    assert len(codes) == services.BACKUP_CODES
    assert client.get(dashboard).status_code == 200


def test_with_an_app_the_password_alone_opens_nothing(client, organiser, dashboard):
    enable_two_factor(organiser)
    response = sign_in(client, next_url=dashboard)
    assert response["Location"] == "/sign-in/code/?next=" + dashboard.replace("/", "%2F")
    refused = client.get(dashboard)
    assert refused.status_code == 403
    assert "Enter your code" in refused.content.decode()


def test_a_wrong_code_is_refused_in_plain_words(client, organiser, dashboard):
    enable_two_factor(organiser)
    sign_in(client)
    wrong = client.post("/sign-in/code/", {"token": "12345", "next": dashboard})
    assert wrong.status_code == 400
    assert "That code is not right." in wrong.content.decode()
    assert client.get(dashboard).status_code == 403


def test_the_right_code_opens_the_page(client, organiser, dashboard):
    device = enable_two_factor(organiser)
    sign_in(client)
    right = client.post("/sign-in/code/", {"token": code(device, drift=1), "next": dashboard})
    assert right["Location"] == dashboard
    assert client.get(dashboard).status_code == 200


def test_a_backup_code_works_once(client, organiser, dashboard):
    enable_two_factor(organiser)
    backup = services.new_backup_codes(user=organiser)[0]
    sign_in(client)
    assert client.post("/sign-in/code/", {"token": backup})["Location"] == "/account/"
    assert StaticToken.objects.filter(token=backup).exists() is False
    client.post("/sign-out/")
    sign_in(client)
    assert client.post("/sign-in/code/", {"token": backup}).status_code == 400


def test_the_admin_is_for_site_administrators_only(client, organiser):
    organiser.is_staff = True
    organiser.save()
    signed_in_as(client, organiser)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "Only the site's administrators may." in response.content.decode()


def test_the_admin_asks_a_site_administrator_for_the_code(client):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    signed_in_as(client, admin, second_factor=False)
    assert client.get("/admin/", follow=True).status_code == 403
    signed_in_as(client, admin)
    assert client.get("/admin/").status_code == 200


def test_the_two_factor_code_of_a_role_that_needs_it_cannot_be_turned_off(organiser):
    device = enable_two_factor(organiser)
    with pytest.raises(SecondFactorRequired):
        services.disable_two_factor(user=organiser, token=code(device, drift=1))


def test_two_factor_is_on_only_after_a_right_code(organiser):
    device = services.start_two_factor(user=organiser)
    with pytest.raises(WrongCode):
        services.confirm_two_factor(user=organiser, token="000000" if code(device) != "000000"
                                    else "111111")
    device.refresh_from_db()
    assert device.confirmed is False


def test_a_contributor_may_turn_two_factor_off_with_a_current_code(client):
    user = UserFactory(username="amina@example.org")
    device = enable_two_factor(user)
    sign_in(client, username=user.username)
    client.post("/sign-in/code/", {"token": code(device, drift=1)})
    client.post("/account/two-factor/", {"token": code(device, drift=2)})
    assert TOTPDevice.objects.filter(user=user).count() == 0


def test_signing_out_needs_a_post_and_ends_the_session(client, organiser, dashboard):
    signed_in_as(client, organiser)
    assert client.get("/sign-out/").status_code == 405
    client.post("/sign-out/")
    assert client.get(dashboard)["Location"].startswith("/sign-in/?next=")


def test_signing_out_everywhere_ends_the_other_sessions(client, organiser, dashboard,
                                                       django_user_model):
    from django.test import Client

    other = signed_in_as(Client(), organiser)
    assert other.get(dashboard).status_code == 200
    signed_in_as(client, organiser)
    wrong = client.post("/account/sign-out-everywhere/", {"password": "wrong"})
    assert wrong.status_code == 400
    assert other.get(dashboard).status_code == 200
    client.post("/account/sign-out-everywhere/", {"password": PASSWORD})
    assert other.get(dashboard)["Location"].startswith("/sign-in/?next=")
    assert client.get(dashboard).status_code == 200


def test_password_reset_mails_a_link_and_says_nothing_about_accounts(client, organiser):
    known = client.post("/password-reset/", {"email": organiser.email})
    unknown = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert known["Location"] == unknown["Location"] == "/password-reset/sent/"
    mail = Email.objects.get()
    assert mail.to == [organiser.email]
    link = re.search(r"http://testserver(/password-reset/\S+)", mail.message).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "a new long passphrase 7",
                                                    "new_password2": "a new long passphrase 7"})
    assert done["Location"] == "/password-reset/done/"
    assert sign_in(client, password="a new long passphrase 7").status_code == 302


def test_repeated_failures_lock_the_account_with_a_clear_message(client, organiser, settings):
    settings.RATELIMIT_SIGN_IN_ACCOUNT = "3/15m"
    for _ in range(3):
        assert sign_in(client, password="wrong").status_code == 400
    locked = sign_in(client)  # the right password, too late
    assert locked.status_code == 429
    assert "signing in is locked for" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_from_one_address_lock_every_account(client, organiser, settings):
    settings.RATELIMIT_SIGN_IN = "4/m"
    for n in range(4):
        sign_in(client, username=f"guess{n}", password="wrong")
    assert sign_in(client).status_code == 429


def test_wrong_codes_count_towards_the_lock(client, organiser, settings):
    settings.RATELIMIT_SIGN_IN_ACCOUNT = "3/15m"
    device = enable_two_factor(organiser)
    sign_in(client)
    for _ in range(3):
        client.post("/sign-in/code/", {"token": "000001"})
    locked = client.post("/sign-in/code/", {"token": code(device, drift=1)})
    assert locked.status_code == 429
    assert "Too many wrong codes." in locked.content.decode()


def test_a_right_code_just_after_a_wrong_one_is_explained(client, organiser):
    device = enable_two_factor(organiser)
    sign_in(client)
    client.post("/sign-in/code/", {"token": "000001"})
    paused = client.post("/sign-in/code/", {"token": code(device, drift=1)})
    assert paused.status_code == 400
    assert "wait a moment, then enter the code your app shows" in paused.content.decode()
