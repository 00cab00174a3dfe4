"""Requests to learn between cities: asked, emailed, tracked, shown on both pages."""

from __future__ import annotations

import pytest
from post_office.models import Email

from safecities.cities.errors import LearningRequestError, NotAllowed
from safecities.cities.models import LearningRequest
from safecities.cities.services import learning as services
from safecities.mailing.delivery import deliver
from tests.factories import (
    CityContactFactory,
    CityFactory,
    LearningRequestFactory,
    PublishedPracticeFactory,
    UserFactory,
)
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    lusaka = CityContactFactory(city=CityFactory(slug="lusaka", name="Lusaka", country="ZM"),
                                user=UserFactory(username="mwila"))
    durban = CityContactFactory(city=CityFactory(slug="durban", name="Durban"),
                                user=UserFactory(username="thandi"))
    return lusaka, durban


def test_a_representative_asks_another_city_and_its_contacts_are_emailed(cities, smtp_server):
    lusaka, durban = cities
    practice = PublishedPracticeFactory(title="Warwick Junction", city="Durban")
    request = services.ask_to_learn(from_city=lusaka.city, to_city=durban.city,
                                    kind="study_visit", message="May we visit in March?",
                                    practice=practice, by=lusaka.user)
    assert (request.status, request.requested_by) == ("open", lusaka.user)
    deliver()
    [message] = smtp_server.to("thandi@example.org")
    assert message["Subject"] == "Lusaka asks you for: A study visit"
    assert message["Reply-To"] == "mwila@example.org"
    body = message.get_body(("plain",)).get_content()
    assert "About the practice: Warwick Junction" in body
    assert "May we visit in March?" in body
    assert f"http://testserver/cities/requests/{request.pk}/" in body


def test_only_representatives_of_the_asking_city_may_ask(cities):
    lusaka, durban = cities
    with pytest.raises(NotAllowed):
        services.ask_to_learn(from_city=lusaka.city, to_city=durban.city, kind="mentoring",
                              message="Hello", by=durban.user)
    with pytest.raises(LearningRequestError):
        services.ask_to_learn(from_city=lusaka.city, to_city=lusaka.city, kind="mentoring",
                              message="Hello", by=lusaka.user)


def test_a_city_without_contacts_has_its_requests_sent_to_the_organisers(cities):
    lusaka, _ = cities
    UserFactory(username="organiser", is_superuser=True)
    services.ask_to_learn(from_city=lusaka.city, to_city=CityFactory(slug="quiet"),
                          kind="documents", message="Your strategy, please", by=lusaka.user)
    assert Email.objects.get().to == ["organiser@example.org"]


def test_a_request_moves_forward_only_and_the_other_city_is_told(cities):
    lusaka, durban = cities
    request = LearningRequestFactory(from_city=lusaka.city, to_city=durban.city)
    services.set_status(request=request, status="agreed", reply="Yes, in April.",
                        by=durban.user)
    request.refresh_from_db()
    assert (request.status, request.reply) == ("agreed", "Yes, in April.")
    assert Email.objects.get().to == ["mwila@example.org"]
    with pytest.raises(LearningRequestError):
        services.set_status(request=request, status="answered", by=durban.user)
    services.set_status(request=request, status="done", by=durban.user)
    assert LearningRequest.objects.get().status == "done"
    assert Email.objects.order_by("-id").first().to == ["mwila@example.org"]


def test_strangers_cannot_change_a_request(cities):
    lusaka, durban = cities
    request = LearningRequestFactory(from_city=lusaka.city, to_city=durban.city)
    with pytest.raises(NotAllowed):
        services.set_status(request=request, status="done", by=UserFactory(username="x"))


def test_the_asking_city_cannot_agree_to_its_own_request_nor_overwrite_the_reply(
        client, cities):
    lusaka, durban = cities
    request = LearningRequestFactory(from_city=lusaka.city, to_city=durban.city,
                                     status="answered", reply="Not before June.")
    with pytest.raises(NotAllowed):
        services.set_status(request=request, status="agreed", reply="Yes, in April.",
                            by=lusaka.user)
    client.force_login(lusaka.user)
    page = client.get(f"/cities/requests/{request.pk}/")
    assert page.status_code == 200
    assert "Update the request" not in page.content.decode()
    response = client.post(f"/cities/requests/{request.pk}/",
                           {"status": "agreed", "reply": "Yes, in April."})
    assert response.status_code == 403
    assert LearningRequest.objects.values_list("status", "reply").get() == (
        "answered", "Not before June.")


def test_the_request_shows_on_both_cities_pages(client, cities):
    lusaka, durban = cities
    LearningRequestFactory(from_city=lusaka.city, to_city=durban.city, kind="mentoring",
                           status="answered")
    for slug, heading, other in [("durban", "Asked of this city", "Lusaka"),
                                 ("lusaka", "Asked by this city", "Durban")]:
        page = client.get(f"/cities/{slug}/").content.decode()
        assert f"<h3>{heading}</h3>" in page
        assert f">{other}</a> · <span class=\"tag tag-answered\">Answered</span>" in page


def test_asking_through_the_page(client, cities):
    lusaka, _ = cities
    sign_in(client, lusaka.user)
    response = client.post("/cities/durban/learn/", {"from_city": lusaka.city.pk,
                                                     "kind": "", "message": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose what you would like." in page
    assert "Please write a short message." in page
    response = client.post("/cities/durban/learn/", {"from_city": lusaka.city.pk,
                                                     "kind": "documents",
                                                     "message": "Your audit, please"})
    assert (response.status_code, response["Location"]) == (302, "/cities/durban/#requests")
    assert LearningRequest.objects.get().kind == "documents"


def test_a_person_who_represents_no_city_is_told_how_to_become_a_contact(client, cities):
    sign_in(client, UserFactory(username="nobody"))
    response = client.get("/cities/durban/learn/")
    assert response.status_code == 403
    assert "Only city representatives can ask" in response.content.decode()


def test_the_asked_city_updates_the_request_on_its_page(client, cities):
    lusaka, durban = cities
    request = LearningRequestFactory(from_city=lusaka.city, to_city=durban.city)
    sign_in(client, durban.user)
    response = client.post(f"/cities/requests/{request.pk}/",
                           {"status": "answered", "reply": "Here is our audit."})
    assert response.status_code == 302
    assert LearningRequest.objects.get().status == "answered"
    sign_in(client, UserFactory(username="stranger"))
    assert client.get(f"/cities/requests/{request.pk}/").status_code == 403


@pytest.mark.parametrize("count", [1, 5])
def test_organisers_see_all_requests_with_counts(client, django_assert_num_queries, count):
    LearningRequestFactory.create_batch(count)
    sign_in(client, UserFactory(username="organiser", is_superuser=True))
    # session, user, the session's OTP device, the rule's roles (three sources), requests,
    # counts
    with django_assert_num_queries(8):
        page = client.get("/cities/requests/").content.decode()
    assert f"{count} request" in page
    assert page.count('<li><a href="/cities/requests/') == count
