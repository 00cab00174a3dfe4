"""Exports (CSV, XLSX), badges and certificates, read back."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from safecities.registration import services
from safecities.registration.checkin import check_in
from safecities.registration.models import Registration
from tests.factories import QuestionFactory, person

pytestmark = pytest.mark.django_db


def url(event, path: str = "") -> str:
    return f"/backoffice/events/{event.slug}/{path}"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def download(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_export_has_the_chosen_columns_and_answers(organiser_client, event):
    diet = QuestionFactory(event=event, key="diet", label="Dietary needs", kind="multiple_choice")
    services.register(event=event, answers={diet.id: ["Halal", "Vegetarian"]},
                      **person(1, name="=cmd|' /C calc'!A0", organisation="Lusaka"))
    services.register(event=event, **person(2, name="Thabo Nkosi"))
    response = organiser_client.get(url(event, "export/"), {
        "format": "csv", "columns": ["name", "organisation", "status", "answer:diet"]})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store, max-age=0, no-cache, must-revalidate"
    text = download(response).decode("utf-8")
    assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [
        ["Full name", "Organisation", "Status", "Dietary needs"],
        ["'=cmd|' /C calc'!A0", "Lusaka", "Confirmed", "Halal; Vegetarian"],
        ["Thabo Nkosi", "City of Example", "Confirmed", ""],
    ]


def test_xlsx_export_follows_the_filter(organiser_client, event, organiser):
    first = services.register(event=event, **person(1, name="Amina Phiri")).registration
    services.register(event=event, **person(2, name="@Thabo"))
    check_in(registration=first, staff=organiser)
    response = organiser_client.get(url(event, "export/"), {
        "format": "xlsx", "columns": ["reference", "name", "checked_in_at"], "sort": "-name"})
    sheet = load_workbook(io.BytesIO(download(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Reference", "Full name", "Checked in at")
    # A text cell (never a formula) without the apostrophe a person would see.
    assert [row[1] for row in rows[1:]] == ["Amina Phiri", "@Thabo"]
    assert sheet["B3"].data_type == "s"
    checked_in = timezone.localtime(first.checkin.checked_in_at, event.tz).replace(
        tzinfo=None, microsecond=0)
    assert rows[1][2].replace(microsecond=0) == checked_in
    assert rows[2][2] is None


def test_export_without_columns_says_so(organiser_client, event):
    response = organiser_client.get(url(event, "export/"), {"format": "csv"})
    assert response.status_code == 400
    assert "Choose at least one column." in response.content.decode()


def test_badges_carry_name_organisation_place_and_no_private_link(organiser_client, event):
    registration = services.register(event=event, **person(
        1, name="Amina Phiri", organisation="Lusaka City Council", city="Lusaka",
        country="Zambia")).registration
    for n in range(2, 5):
        services.register(event=event, **person(n))  # the fourth waits: no badge
    response = organiser_client.get(url(event, "badges.pdf"), {"layout": "sheets"})
    content = download(response)
    text = pdf_text(content)
    assert "Amina Phiri" in text
    assert "Lusaka City Council" in text
    assert "Lusaka, Zambia" in text
    assert "Participant 4" not in text
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    assert registration.token.encode() not in content
    single = PdfReader(io.BytesIO(download(organiser_client.get(
        url(event, "badges.pdf"), {"layout": "single"}))))
    assert len(single.pages) == 3


def test_a_badge_qr_code_holds_the_check_in_code_not_the_private_link(event):
    from safecities.backoffice.badges import badges, qr_svg

    registration = services.register(event=event, **person(1)).registration
    badge = badges(event, [registration])[0]
    assert badge.qr == qr_svg(registration.checkin_code)
    assert badge.qr != qr_svg(registration.token)
    assert registration.checkin_code != registration.token


def test_bulk_certificates_cover_those_checked_in(organiser_client, event, organiser):
    first = services.register(event=event, **person(1, name="Amina Phiri")).registration
    services.register(event=event, **person(2, name="Thabo Nkosi"))
    check_in(registration=first, staff=organiser)
    text = pdf_text(download(organiser_client.get(url(event, "certificates.pdf"))))
    assert "Certificate of attendance" in text
    assert "Amina Phiri" in text
    assert "Thabo Nkosi" not in text


def test_a_participant_downloads_a_certificate_only_after_the_event(client, event, organiser):
    registration = services.register(event=event, **person(1, name="Amina Phiri")).registration
    check_in(registration=registration, staff=organiser)
    certificate = f"/registrations/{registration.token}/certificate.pdf"
    assert client.get(certificate).status_code == 403
    type(event).objects.filter(pk=event.pk).update(
        starts_on=timezone.localdate() - timedelta(days=5),
        ends_on=timezone.localdate() - timedelta(days=3))
    page = client.get(f"/registrations/{registration.token}/").content.decode()
    assert "Download your certificate of attendance (PDF)" in page
    response = client.get(certificate)
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{registration.reference}.pdf"')
    assert "Amina Phiri" in pdf_text(response.content)


def test_no_certificate_without_check_in(client, event):
    registration = services.register(event=event, **person(1)).registration
    type(event).objects.filter(pk=event.pk).update(
        starts_on=timezone.localdate() - timedelta(days=5),
        ends_on=timezone.localdate() - timedelta(days=3))
    assert client.get(f"/registrations/{registration.token}/certificate.pdf").status_code == 403
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_each_badge_carries_the_events_title_in_its_participants_language(event):
    from safecities.backoffice.badges import badges

    event.translations = {"fr": {"title": "Échange de Durban"}}
    event.save()
    french = services.register(event=event, language="fr", **person(1)).registration
    zulu = services.register(event=event, language="zu", **person(2)).registration

    items = badges(event, [french, zulu])

    assert [(badge.event_title, badge.language) for badge in items] == [
        ("Échange de Durban", "fr"), (event.title, "zu")]


def test_certificates_with_nobody_checked_in_say_so_instead_of_a_blank_pdf(organiser_client,
                                                                         event):
    services.register(event=event, **person(1, name="Amina Phiri"))
    response = organiser_client.get(url(event, "certificates.pdf"))
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert ("No certificates to print: nobody has been checked in (among the registrants "
            "chosen).") in response.content.decode()


def test_badges_with_nobody_confirmed_say_so_instead_of_a_blank_pdf(organiser_client, event):
    response = organiser_client.get(url(event, "badges.pdf"))
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert ("No badges to print: nobody is confirmed (among the registrants chosen)."
            in response.content.decode())


def test_csv_export_times_are_iso_8601_in_the_event_time_zone(organiser_client, event):
    from datetime import UTC, datetime

    registration = services.register(event=event, **person(1)).registration
    Registration.objects.filter(pk=registration.pk).update(
        registered_at=datetime(2014, 11, 20, 20, 26, 23, 774519, tzinfo=UTC))
    response = organiser_client.get(url(event, "export/"), {
        "format": "csv", "columns": ["name", "registered_at"]})
    lines = list(csv.reader(io.StringIO(download(response).decode("utf-8-sig"))))
    assert lines == [["Full name", "Registered at"],
                     ["Participant 1", "2014-11-20T22:26:23+02:00"]]


def test_the_export_ticks_what_a_participant_list_needs(organiser_client, event):
    register = services.register
    register(event=event, **person(1))
    Registration.objects.filter(event=event).update(status="waitlisted")
    page = organiser_client.get(url(event, "export/")).content.decode()
    ticked = re.findall(r'name="columns" value="([^"]+)"[^>]*checked', page)
    assert ticked == ["name", "email", "organisation", "position", "city", "country",
                      "status", "place_in_line", "registered_at", "checked_in_at"]
    response = organiser_client.get(url(event, "export/"), {
        "format": "csv", "columns": ["name", "place_in_line"]})
    lines = list(csv.reader(io.StringIO(download(response).decode("utf-8-sig"))))
    assert lines == [["Full name", "Place in line"], ["Participant 1", "1"]]
