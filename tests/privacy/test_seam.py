"""The privacy seam: apps plug their personal data into export and erasure by registering,
lower apps import no higher one, and a new model tied to a registration cannot be added
without someone deciding what erasure does with it."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, transaction

from safecities.privacy import personal_data
from safecities.privacy.personal_data import Person, Provider, Section
from safecities.registration import services
from safecities.registration.models import Registration
from safecities.registration.personal_data import erase_registration, export_registration
from tests.factories import EventFactory, person

SRC = Path(__file__).resolve().parents[2] / "src" / "safecities"


@pytest.fixture
def later_app(monkeypatch):
    """An app added later (say, commitments and follow-ups) keeping notes per registration."""
    store: dict[int, str] = {}

    def export(who: Person) -> list[Section]:
        return [Section(key="follow_ups", title="Follow-ups", labels={"note": "Note"},
                        records=[{"note": store[pk]} for pk in sorted(who.registrations)
                                 if pk in store])]

    def erase(who: Person) -> int:
        assert connection.in_atomic_block  # inside the erasure's one transaction
        removed = [pk for pk in who.registrations if store.pop(pk, None) is not None]
        return len(removed)

    monkeypatch.setattr(personal_data, "_providers", personal_data.providers())
    personal_data.register(Provider(name="follow_ups", export=export, erase=erase))
    return store


@pytest.mark.django_db
def test_an_app_added_later_joins_export_and_erasure_by_registering(later_app):
    registration = services.register(event=EventFactory(), **person(1)).registration
    later_app[registration.pk] = "Will pilot safety audits in 2015"
    sections = export_registration(registration=registration)
    assert [s.records for s in sections if s.key == "follow_ups"] == [
        [{"note": "Will pilot safety audits in 2015"}]]
    erase_registration(registration=registration, origin="person")
    assert later_app == {}


@pytest.mark.django_db(transaction=True)
def test_erase_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError, match="inside the erasure's transaction"):
        personal_data.erase(Person(registrations=frozenset({1})))
    with transaction.atomic():
        assert personal_data.erase(Person()) == {p.name: 0 for p in reversed(
            personal_data.providers())}


def test_every_app_with_personal_data_registered_a_provider():
    assert [provider.name for provider in personal_data.providers()] == [
        "mailing", "privacy", "accounts", "events", "registration", "practices", "backoffice",
        "programme", "cities"]


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("safecities."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names
                      if a.name.startswith("safecities.")}
    return found


@pytest.mark.parametrize(("module", "allowed"), [
    ("privacy/personal_data.py", set()),
    ("privacy/retention.py", set()),
    ("privacy/export.py", {"privacy"}),
    ("privacy/models.py", set()),
    ("privacy/notice.py", {"privacy"}),
    ("mailing/personal_data.py", {"mailing", "privacy"}),
    ("events/personal_data.py", {"events", "privacy"}),
    ("registration/personal_data.py", {"events", "mailing", "privacy", "registration"}),
])
def test_lower_apps_import_no_higher_one(module, allowed):
    assert imported_apps(SRC / module) <= allowed


# What erasure does with each model that points at a registration. A new model tied to a
# registration fails this test until it is added here — and to its app's provider.
REGISTRATION_LINKED = {
    "registration.Answer": "deleted",
    "registration.Note": "deleted",
    "registration.CheckIn": "kept: when, and by which organiser (no personal data)",
    "registration.Reconfirmation": "kept: the yes/no answer and when; notice dropped",
    "backoffice.AnnouncementDelivery": "kept: that the announcement reached a registration",
    "programme.AgendaPick": "deleted",
    "cities.MeetingProfile": "deleted",
    "cities.MeetingRequest": "kept for the other person, message blanked",
    "cities.MeetingBooking": "deleted by the cancellation of the meeting",
}


def test_every_model_tied_to_a_registration_has_an_erasure_rule():
    linked = sorted(
        model._meta.label for model in apps.get_models()
        if any(getattr(field, "related_model", None) is Registration
               for field in model._meta.get_fields() if field.concrete))
    assert linked == sorted(REGISTRATION_LINKED)


def test_sqlite_overwrites_deleted_content_with_zeros(tmp_path, settings):
    """Debian's SQLite zeroes by default; other builds do not, so the setting says so."""
    database = sqlite3.connect(tmp_path / "check.sqlite3")
    database.executescript(settings.SQLITE_OPTIONS["init_command"])
    assert database.execute("PRAGMA secure_delete").fetchone() == (1,)
    database.executescript("PRAGMA secure_delete=OFF;")  # the check can tell the difference
    assert database.execute("PRAGMA secure_delete").fetchone() == (0,)
    database.close()


# What erasing an account does with each model that points at an account. The account row
# itself stays, naming nobody (privacy/accounts.py), so what others rely on keeps its link.
# A new model tied to an account fails this test until it is added here and to a provider.
ACCOUNT_LINKED = {
    "admin.LogEntry": "kept: the admin's log of what they did; entries about them blanked",
    "auditlog.LogEntry": "kept: what they did; their copied address blanked",
    "otp_totp.TOTPDevice": "deleted",
    "otp_static.StaticDevice": "deleted (the backup codes)",
    "backoffice.EventRole": "deleted (and the trail's entries about it lose the name)",
    "backoffice.Announcement": "kept: sent by a row that names nobody",
    "cities.CityContact": "deleted",
    "cities.IndicatorValue": "kept: the city's figures",
    "cities.LearningRequest": "kept: the city's request",
    "practices.Profile": "deleted",
    "practices.Practice": "drafts deleted; the others kept, contributor cleared, contact "
                          "address removed if theirs",
    "practices.PracticeVersion": "kept; the contact address removed if theirs",
    "practices.Review": "kept: scores and comments, by a row that names nobody",
    "practices.Decision": "kept: an organiser's decision",
    "programme.Rapporteur": "deleted",
    "programme.SessionReport": "kept: the exchange's outcomes",
    "programme.Lesson": "kept: the exchange's outcomes",
    "registration.CheckIn": "kept: checked in by a row that names nobody",
    "registration.Note": "kept: written by a row that names nobody",
    "registration.ReconfirmationRequest": "kept: asked by a row that names nobody",
}


def test_every_model_tied_to_an_account_has_an_erasure_rule():
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    linked = sorted(
        model._meta.label for model in apps.get_models()
        if any(getattr(field, "related_model", None) is user_model
               for field in model._meta.get_fields() if field.concrete))
    assert linked == sorted(ACCOUNT_LINKED)
