"""The self-assessment form, the CSV import page and the template download."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safecities.cities.models import IndicatorValue
from safecities.cities.services.assessment import ValueEntry, save_values
from tests.factories import CityContactFactory, CityFactory, UserFactory
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(client):
    contact = CityContactFactory(city=CityFactory(slug="durban", name="Durban"))
    sign_in(client, contact.user)
    return contact


def test_the_form_groups_indicators_by_characteristic_with_unit_and_meaning(client, contact):
    page = client.get("/cities/durban/self-assessment/").content.decode()
    assert page.count('<fieldset class="characteristic"') == 7
    assert page.count('<fieldset class="indicator">') == 28
    assert "<legend>C1 Low incidence of violence and crime</legend>" in page
    assert "Unit: <strong>per 100,000 residents</strong>; lower is better." in page
    # rubric indicators offer their levels
    assert '<option value="2">2: Adopted by the council</option>' in page


def test_a_partial_save_stores_what_was_filled_in_and_shows_the_new_scores(client, contact):
    response = client.post("/cities/durban/self-assessment/", {
        "c1-homicide-value": "30", "c1-homicide-year": "2022", "c1-homicide-source": "SAPS",
        "c1-robbery-value": "800", "c1-robbery-year": "2022", "c1-robbery-source": "SAPS",
        "c2-strategy-value": "", "c2-strategy-year": "2023",
    })
    assert (response.status_code, response["Location"]) == (
        302, "/cities/durban/self-assessment/#scores")
    assert sorted(IndicatorValue.objects.values_list("indicator__code", "value")) == [
        ("c1-homicide", 30.0), ("c1-robbery", 800.0)]
    page = client.get("/cities/durban/self-assessment/").content.decode()
    assert "Saved: 2 new figures, 0 updated, 0 removed." in page
    assert ('<p class="score-now">Score now: <strong>17.9</strong> <span class="muted">'
            '(2 of 5 indicators)</span></p>') in page


def test_errors_are_shown_next_to_the_field_the_input_is_kept_and_nothing_is_saved(
        client, contact):
    response = client.post("/cities/durban/self-assessment/", {
        "c1-homicide-value": "30", "c1-homicide-year": "2022", "c1-homicide-source": "SAPS",
        "c1-safe-after-dark-value": "120", "c1-safe-after-dark-year": "2022",
        "c1-safe-after-dark-source": "Survey",
        "c2-strategy-value": "2", "c2-strategy-year": "2023",
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert IndicatorValue.objects.count() == 0
    assert ('<ul class="errorlist" id="id_c1-safe-after-dark-value_error"><li>Enter a '
            'percentage from 0 to 100.</li></ul>') in page
    assert ('<ul class="errorlist" id="id_c2-strategy-source_error"><li>Say where the figure '
            'comes from (the source).</li></ul>') in page
    assert 'name="c1-safe-after-dark-value" value="120"' in page
    assert 'name="c1-homicide-source" value="SAPS"' in page


def test_a_stored_figure_is_prefilled_and_can_be_removed(client, contact):
    save_values(city=contact.city, entries=[ValueEntry("c1-homicide", 2016, 30, "SAPS")])
    page = client.get("/cities/durban/self-assessment/").content.decode()
    assert 'name="c1-homicide-value" value="30"' in page
    client.post("/cities/durban/self-assessment/", {
        "c1-homicide-value": "30", "c1-homicide-year": "2016", "c1-homicide-source": "SAPS",
        "c1-homicide-remove": "on"})
    assert IndicatorValue.objects.count() == 0


def test_an_unchanged_row_is_not_saved_again(client, contact):
    save_values(city=contact.city, entries=[ValueEntry("c1-homicide", 2022, 30, "SAPS")])
    client.post("/cities/durban/self-assessment/", {
        "c1-homicide-value": "30", "c1-homicide-year": "2022", "c1-homicide-source": "SAPS"})
    assert IndicatorValue.objects.get().entered_by is None


def test_strangers_cannot_open_the_form(client):
    CityFactory(slug="durban")
    sign_in(client, UserFactory(username="stranger"))
    assert client.get("/cities/durban/self-assessment/").status_code == 403
    assert client.post("/cities/durban/self-assessment/import/").status_code == 403


def test_the_template_downloads_as_csv(client):
    response = client.get("/cities/self-assessment-template.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="self-assessment-template.csv"')
    assert response.content.decode("utf-8-sig").splitlines()[0] == (
        "indicator,name,unit,year,value,source,link,note")


def test_an_import_with_a_bad_row_shows_the_report_and_imports_nothing(client, contact):
    upload = SimpleUploadedFile("figures.csv", (
        b"indicator,year,value,source\n"
        b"c1-homicide,2022,30,SAPS\n"
        b"c2-strategy,2022,9,Council\n"), content_type="text/csv")
    response = client.post("/cities/durban/self-assessment/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in page
    assert ('<tr><th scope="row">3</th><td>Enter a level from 0 to 4 (a whole number).'
            '</td></tr>') in page
    assert IndicatorValue.objects.count() == 0


def test_a_good_import_stores_every_row_and_says_how_many(client, contact):
    upload = SimpleUploadedFile("figures.csv", (
        b"indicator,year,value,source,link,note\n"
        b"c1-homicide,2022,30,SAPS,https://example.org/saps,\n"
        b"c2-strategy,2022,2,Council,,adopted 2021\n"), content_type="text/csv")
    response = client.post("/cities/durban/self-assessment/import/", {"file": upload})
    assert (response.status_code, response["Location"]) == (302, "/cities/durban/")
    assert IndicatorValue.objects.count() == 2
    page = client.get("/cities/durban/").content.decode()
    assert "Imported 2 figures (2 new, 0 updated)." in page


def test_the_instrument_page_lists_every_indicator_with_its_goalposts(client):
    page = client.get("/cities/self-assessment/").content.decode()
    assert page.count("<tr><th scope=\"row\">") == 28
    assert "<td>0.25</td><td>0.65</td>" in page
