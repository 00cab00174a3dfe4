"""An account's own "Download my data" and "Delete my data": the account and what hangs
off it; what the person wrote for others stays, naming nobody."""

from __future__ import annotations

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry

from safecities.backoffice.models import EventRole, Role
from safecities.cities.models import CityContact
from safecities.practices.models import Practice, Profile
from safecities.privacy import personal_data
from safecities.privacy.models import DataRequest
from safecities.programme.models import Rapporteur
from tests.factories import (
    CityContactFactory,
    EventFactory,
    EventRoleFactory,
    PracticeFactory,
    ProfileFactory,
    RapporteurFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ADDRESS = "thabo@example.org"


@pytest.fixture
def thabo():
    user = UserFactory(username=ADDRESS, email=ADDRESS, first_name="Thabo",
                       last_name="Nkosi")
    ProfileFactory(user=user, organisation="Msunduzi Municipality")
    PracticeFactory(contributor=user, title="Unsent draft")
    PracticeFactory(contributor=user, title="Walking buses", status="published",
                    contact_email="THABO@example.org", contact_public=True)
    ReviewFactory(reviewer=user, relevance_comment="Strong evidence.")
    CityContactFactory(user=user, role="Safety adviser")
    event = EventFactory()
    RapporteurFactory(user=user, event=event)
    with set_actor(UserFactory()):
        EventRoleFactory(user=user, event=event, role=Role.ORGANISER)
    return user


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for path in ["/account/data/", "/account/data.json", "/account/data/erase/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert "next=" in response["Location"]


def test_the_export_holds_the_account_and_what_hangs_off_it(client, thabo):
    other = UserFactory(email="someone@example.org")
    ReviewFactory(reviewer=other, relevance_comment="Someone else's words.")
    client.force_login(thabo)
    data = client.get("/account/data.json").json()["data"]
    assert data["account"][0]["email"] == ADDRESS
    assert data["library_profile"][0]["organisation"] == "Msunduzi Municipality"
    assert sorted(p["title"] for p in data["practices"]) == ["Unsent draft", "Walking buses"]
    assert [r["relevance_comment"] for r in data["reviews"]] == ["Strong evidence."]
    assert [c["role"] for c in data["city_contacts"]] == ["Safety adviser"]
    assert [r["role"] for r in data["event_roles"]] == ["Organiser"]
    assert len(data["rapporteur"]) == 1
    assert "someone@example.org" not in str(data)
    assert list(DataRequest.objects.values_list("kind", "origin", "event_id")) == [
        ("export", "account", None)]


def test_erasing_needs_the_tick(client, thabo):
    client.force_login(thabo)
    assert client.post("/account/data/erase/", {}).status_code == 400
    thabo.refresh_from_db()
    assert thabo.email == ADDRESS


def test_erasing_the_account_keeps_the_work_and_names_nobody(client, thabo):
    client.force_login(thabo)
    response = client.post("/account/data/erase/", {"confirm": "on"})
    assert response["Location"] == "/privacy/erased/"
    thabo.refresh_from_db()
    assert (thabo.username, thabo.email, thabo.first_name, thabo.last_name,
            thabo.is_active, thabo.has_usable_password()) == (
        f"erased-{thabo.pk}", "", "", "", False, False)
    assert Profile.objects.count() == 0
    assert list(Practice.objects.filter(title__in=["Unsent draft", "Walking buses"])
                .values_list("title", "contributor", "contact_email")) == [
        ("Walking buses", None, "")]
    assert thabo.practice_reviews.get().relevance_comment == "Strong evidence."
    assert (CityContact.objects.count(), EventRole.objects.count(),
            Rapporteur.objects.count()) == (0, 0, 0)
    assert ADDRESS not in str(list(LogEntry.objects.values_list(
        "object_repr", "changes", "changes_text", "serialized_data", "actor_email")))
    assert list(DataRequest.objects.values_list("kind", "origin", "event_id")) == [
        ("erasure", "account", None)]
    assert client.get("/account/data/").status_code == 302  # signed out


def test_the_link_sent_to_the_address_also_opens_the_account(thabo):
    found = personal_data.person_at(" Thabo@Example.org ")
    assert found.users == frozenset({thabo.pk})


def test_the_admin_erases_accounts_and_never_deletes_them(admin_client, admin_user, thabo):
    assert admin_client.get(f"/admin/auth/user/{thabo.pk}/delete/").status_code == 403
    admin_client.post("/admin/auth/user/", {
        "action": "erase_selected", "_selected_action": [str(thabo.pk), str(admin_user.pk)]})
    thabo.refresh_from_db()
    admin_user.refresh_from_db()
    assert (thabo.email, thabo.is_active) == ("", False)
    assert admin_user.is_active is True  # never the administrator's own account
    assert thabo.practice_reviews.get().relevance_comment == "Strong evidence."
    assert list(DataRequest.objects.values_list("kind", "origin")) == [
        ("erasure", "organiser")]


def test_the_account_page_links_to_the_accounts_data(client, thabo):
    client.force_login(thabo)
    page = client.get("/account/").content.decode()
    assert '<a href="/account/data/">See and download your account&#x27;s data</a>' in page
    assert '<a href="/account/data/erase/">Delete my account and its data</a>' in page
