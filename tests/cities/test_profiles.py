"""City profiles and their contacts: services and pages."""

from __future__ import annotations

import pytest
from post_office.models import Email

from safecities.cities.errors import NotAllowed
from safecities.cities.models import City, CityContact
from safecities.cities.services import profiles as services
from safecities.cities.services.assessment import ValueEntry, save_values
from tests.factories import (
    CityContactFactory,
    CityFactory,
    EventFactory,
    PublishedPracticeFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


def test_the_population_band_follows_the_population():
    city = CityFactory(population=3_900_000, population_band="")
    assert city.population_band == "1m_5m"
    city.population = 450_000
    city.save()
    assert City.objects.get(pk=city.pk).population_band == "100k_500k"


def test_a_contact_updates_the_profile_and_the_band_is_derived():
    contact = CityContactFactory()
    services.update_profile(city=contact.city, by=contact.user, changes={
        "population": 6_000_000, "population_year": 2023, "safety_unit": "Safer Cities Unit",
        "offers_mentoring": True})
    city = City.objects.get(pk=contact.city.pk)
    assert (city.population, city.population_band, city.safety_unit,
            city.offers_mentoring) == (6_000_000, "over_5m", "Safer Cities Unit", True)


def test_nobody_else_updates_a_profile_nor_its_slug_or_country():
    city = CityFactory()
    with pytest.raises(NotAllowed):
        services.update_profile(city=city, by=UserFactory(), changes={"name": "Other"})
    with pytest.raises(ValueError, match="not editable"):
        services.update_profile(city=city, by=UserFactory(username="o", is_superuser=True),
                                changes={"country": "KE"})


def test_asking_to_represent_waits_for_an_organiser_who_approves_and_the_person_is_told():
    city, user = CityFactory(name="Durban"), UserFactory(username="thandi")
    contact = services.ask_to_represent(city=city, user=user, role="Safety manager")
    assert contact.status == CityContact.Status.REQUESTED
    with pytest.raises(NotAllowed):
        services.decide_contact(contact=contact, approve=True, by=user)
    organiser = UserFactory(username="organiser", is_superuser=True)
    services.decide_contact(contact=contact, approve=True, by=organiser)
    contact.refresh_from_db()
    assert (contact.status, contact.decided_by) == (CityContact.Status.APPROVED, organiser)
    email = Email.objects.get()
    assert (email.to, email.subject) == (["thandi@example.org"],
                                         "You now represent Durban on SafeCities Exchange")


def test_asking_again_after_a_refusal_asks_again():
    contact = CityContactFactory(status=CityContact.Status.DECLINED)
    again = services.ask_to_represent(city=contact.city, user=contact.user, role="Deputy")
    assert (again.pk, again.status, again.role) == (contact.pk, "requested", "Deputy")


# --- Pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("cities", [1, 6])
def test_the_city_list_takes_two_queries_whatever_the_number_of_cities(
        client, django_assert_num_queries, cities):
    for n in range(cities):
        city = CityFactory(slug=f"c{n}")
        save_values(city=city, entries=[ValueEntry("c1-homicide", 2022, 3, "Police"),
                                        ValueEntry("c1-robbery", 2022, 300, "Police")])
    with django_assert_num_queries(2):  # the count (for pages), the page
        response = client.get("/cities/")
    assert response.status_code == 200
    assert response.content.count(b"1 of 7") == cities


def test_the_city_list_is_paginated_by_fifty(client):
    for n in range(51):
        CityFactory(slug=f"c{n:02}", name=f"City {n:02}")
    first = client.get("/cities/").content.decode()
    assert first.count('<th scope="row">') == 50
    assert "Page 1 of 2 · <a href=\"?page=2\">Next</a>" in first
    assert client.get("/cities/?page=2").content.decode().count('<th scope="row">') == 1


def test_the_profile_page_shows_the_facts_scores_and_practices(client):
    city = CityFactory(slug="durban", name="Durban", other_names="eThekwini",
                       population=3_900_000, population_year=2022,
                       population_source="Stats SA Census 2022", safety_unit="Safer Cities")
    PublishedPracticeFactory(title="Warwick Junction safety", city="eThekwini", country="ZA")
    PublishedPracticeFactory(title="Not ours", city="Nairobi", country="KE")
    save_values(city=city, entries=[ValueEntry("c1-homicide", 2022, 30, "SAPS"),
                                    ValueEntry("c1-robbery", 2022, 800, "SAPS")])
    page = client.get("/cities/durban/").content.decode()
    assert "3,900,000 (2022, Stats SA Census 2022)" in page
    # In the list of the city's practices (eThekwini is one of Durban's names) …
    assert 'Warwick Junction safety</a> <span class="muted">(C1, Emerging)' in page
    # … while Nairobi's practice is only among the recommendations.
    assert 'Not ours</a> <span class="muted">(C1, Emerging)' not in page
    assert 'Not ours</a> <span class="muted">(Nairobi, KE · C1 · Emerging)' in page
    # homicide 18.27, robbery 17.6 → 17.9 (C1), in the table beside the chart
    assert '<td><strong>17.9</strong></td>' in page
    assert '<svg class="radar"' in page


def test_the_profile_shows_the_exchanges_the_city_took_part_in(client):
    CityFactory(slug="lusaka", name="Lusaka")
    event = EventFactory(title="Durban Exchange")
    RegistrationFactory.create_batch(2, event=event, city="Lusaka")
    RegistrationFactory(event=event, city="Lusaka", status="cancelled")
    page = client.get("/cities/lusaka/").content.decode()
    assert "Durban Exchange</a>: 2 participants" in page


def test_only_contacts_and_organisers_may_open_the_edit_page(client):
    contact = CityContactFactory(city=CityFactory(slug="durban"))
    assert client.get("/cities/durban/edit/").status_code == 302  # sign in first
    sign_in(client, UserFactory(username="stranger"))
    assert client.get("/cities/durban/edit/").status_code == 403
    sign_in(client, contact.user)
    assert client.get("/cities/durban/edit/").status_code == 200


def test_the_edit_form_saves_and_says_what_is_wrong_next_to_the_field(client):
    contact = CityContactFactory(city=CityFactory(slug="durban", name="Durban"))
    sign_in(client, contact.user)
    form = {"name": "Durban", "region": "southern-africa", "population": "3900000",
            "population_year": "1800", "latitude": "-29.85", "longitude": "31.02"}
    response = client.post("/cities/durban/edit/", form)
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1950." in response.content.decode()
    assert 'value="-29.85"' in response.content.decode()
    form["population_year"] = "2022"
    response = client.post("/cities/durban/edit/", form)
    assert response.status_code == 302
    city = City.objects.get(slug="durban")
    assert (city.population, city.population_band, str(city.latitude)) == (
        3_900_000, "1m_5m", "-29.85000")


def test_a_signed_in_person_asks_to_represent_a_city(client):
    CityFactory(slug="durban")
    user = UserFactory(username="thandi")
    sign_in(client, user)
    assert client.post("/cities/durban/represent/", {"role": ""}).status_code == 400
    assert client.post("/cities/durban/represent/", {"role": "Safety manager"}
                       ).status_code == 302
    assert CityContact.objects.get().status == "requested"


def test_organisers_approve_contacts_in_the_admin(client):
    contact = CityContactFactory(status="requested")
    sign_in(client, UserFactory(username="organiser", is_superuser=True))
    client.post("/admin/cities/citycontact/", {"action": "approve",
                                               "_selected_action": [contact.pk]})
    contact.refresh_from_db()
    assert contact.status == "approved"


def test_the_old_sign_in_leads_to_the_one_sign_in(client):
    response = client.get("/cities/sign-in/?next=/cities/")
    assert (response.status_code, response["Location"]) == (301, "/sign-in/?next=%2Fcities%2F")


def test_a_signed_in_person_signs_out_from_the_list(client):
    sign_in(client, UserFactory(username="thandi"))
    assert "Signed in as thandi." in client.get("/cities/").content.decode()
    response = client.post("/sign-out/")
    assert (response.status_code, response["Location"]) == (302, "/sign-in/")
    assert "Signed in as" not in client.get("/cities/").content.decode()
