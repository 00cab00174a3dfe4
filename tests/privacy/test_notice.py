"""The privacy notice is made from the settings in force and has a version; each registration
records the version its person agreed to."""

from __future__ import annotations

from datetime import date

import pytest

from safecities.privacy.models import NoticeVersion
from safecities.privacy.notice import current_version
from safecities.registration import services
from tests.factories import EventFactory, person

pytestmark = pytest.mark.django_db


def test_the_notice_states_the_retention_periods_and_the_responsible_party(client, settings):
    settings.PRIVACY_REGISTRATION_RETENTION_MONTHS = 18
    settings.PRIVACY_ENQUIRY_RETENTION_MONTHS = 6
    settings.PRIVACY_EMAIL_BODY_RETENTION_DAYS = 14
    settings.PRIVACY_RESPONSIBLE_PARTY = "City of Kigali"
    settings.PRIVACY_CONTACT_EMAIL = "dpo@example.org"
    text = " ".join(client.get("/privacy/").content.decode().split())
    for sentence in [
        "Registrations: until 18 months after the exchange ends",
        "Questions sent through the contact form: 6 months.",
        "The text of the emails we send you: 14 days after delivery",
        "The responsible party is City of Kigali,",
        "The Information Officer, eThekwini Municipality, dpo@example.org.",
        "POPIA",
    ]:
        assert sentence in text
    for heading in ["Who is responsible", "What we keep", "Why", "Who sees it",
                    "How long we keep it", "Your rights"]:
        assert f"<h2>{heading}</h2>" in text


def test_a_changed_setting_makes_a_new_version(client, settings):
    first = current_version()
    settings.PRIVACY_REGISTRATION_RETENTION_MONTHS = 36
    second = current_version()
    assert first.version != second.version
    assert "until 36 months after the exchange ends" in second.text
    assert current_version() == second  # recorded once
    assert NoticeVersion.objects.count() == 2
    page = client.get("/privacy/").content.decode()
    assert f"Version {second.version}, in force since" in page


def test_each_registration_records_the_version_agreed_to(settings):
    event = EventFactory()
    before = services.register(event=event, **person(1)).registration
    settings.PRIVACY_ENQUIRY_RETENTION_MONTHS = 3
    after = services.register(event=event, **person(2)).registration
    assert before.notice_version != after.notice_version
    assert "Questions sent through the contact form: 3 months." in after.notice_version.text
    assert "Questions sent through the contact form: 12 months." in before.notice_version.text


def test_an_earlier_version_can_be_read_and_an_unknown_one_is_not_found(client, settings):
    old = current_version()
    settings.PRIVACY_EMAIL_BODY_RETENTION_DAYS = 7
    page = client.get(f"/privacy/versions/{old.version}/").content.decode()
    assert "The text of the emails we send you: 30 days after delivery" in page
    assert 'href="/privacy/">The notice in force now</a>' in page
    assert client.get("/privacy/versions/000000000000/").status_code == 404


def test_the_registration_form_says_until_when_details_are_kept(client):
    event = EventFactory(starts_on=date(2030, 12, 3), ends_on=date(2030, 12, 5),
                         registration_retention_months=24)
    page = " ".join(client.get(f"/events/{event.slug}/register/").content.decode().split())
    assert ("We keep your details until 6 December 2032 (24 months after the exchange), "
            "then erase them") in page
    assert 'href="/privacy/">privacy notice</a>' in page
