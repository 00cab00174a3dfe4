"""The marker test's two halves: a person whose every free-text field holds a unique marker
takes part in everything, and a search that looks for the marker (and their address)
everywhere the site keeps data — every table of the database (rows and decoded sessions),
a PostgreSQL dump (``pg_dump``), the raw bytes of the SQLite file and its write-ahead log,
the sent-mail folder and the stored attachments.
"""

from __future__ import annotations

import email
import os
import subprocess
import uuid
from dataclasses import dataclass
from datetime import timedelta
from email import policy
from pathlib import Path

from auditlog.context import set_actor
from django.conf import settings
from django.contrib.sessions.models import Session as StoredSession
from django.db import connection
from django.test import Client
from django.utils import timezone

from safecities.backoffice.models import Announcement
from safecities.backoffice.services import announce
from safecities.cities.services import meetings
from safecities.events.services import send_enquiry
from safecities.mailing.delivery import deliver
from safecities.programme.services.agenda import star
from safecities.registration import reconfirmation, services
from safecities.registration.checkin import check_in
from safecities.registration.models import Question, Registration
from tests.conftest import database_url_for_tests
from tests.factories import (
    CityFactory,
    EventFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    ProgrammeFactory,
    QuestionFactory,
    SessionFactory,
    UserFactory,
    person,
)


def new_marker() -> str:
    return "Mrk" + uuid.uuid4().hex[:12]


@dataclass
class Story:
    marker: str
    address: str
    registration: Registration
    other: Registration  # met the marked person
    next_in_line: Registration  # waiting when the marked person leaves

    @property
    def needles(self) -> list[str]:
        return [self.marker, self.address]


def take_part_in_everything(client: Client, marker: str, *, enquiry: bool = False) -> Story:
    """The marked person registers through the form (answers included), books a meeting,
    stars a session, is written about, changed, checked in, announced to, asked to
    reconfirm — and every resulting email is delivered into the sent-mail folder."""
    address = f"{marker.lower()}@example.org"
    event = EventFactory(capacity=2, title="Marker Exchange")
    ProgrammeFactory(event=event)
    QuestionFactory(event=event, key="dietary", kind=Question.Kind.SHORT_TEXT)
    QuestionFactory(event=event, key="hopes", kind=Question.Kind.LONG_TEXT)
    response = client.post(f"/events/{event.slug}/register/", {
        "name": f"Amina {marker}", "email": address, "organisation": f"{marker} Municipality",
        "position": f"{marker} officer", "city": f"{marker}ville", "country": f"{marker}land",
        "answer_dietary": f"{marker} diet",
        "answer_hopes": (f"I hope {marker} learns. " * 80)[:1990],
        "consent": "on",
    })
    assert response.status_code == 302
    registration = Registration.objects.get(email_normalised=address)
    other = services.register(event=event, **person(2)).registration
    next_in_line = services.register(event=event, **person(3)).registration
    assert (registration.status, next_in_line.status) == ("confirmed", "waitlisted")

    city = CityFactory(name="Durban")
    meetings.opt_in(registration=registration, interests=f"{marker} interests", city=city)
    meetings.opt_in(registration=other, interests="Street lighting")
    MeetingSlotFactory(event=event)
    MeetingTableFactory(event=event)
    meeting = meetings.request_meeting(requester=registration, invitee=other,
                                       message=f"Dear colleague, {marker} would like to meet.")
    deliver()  # the request, naming the marked person, to the other person
    meetings.accept(meeting=meeting, by=other)
    star(registration=registration, session=SessionFactory(event=event))

    organiser = UserFactory()
    with set_actor(organiser):
        services.add_note(registration=registration, author=organiser,
                          text=f"{marker} asked for a letter for the deputy")
        services.update_details(
            registration=registration, name=f"Amina {marker}", email=address,
            organisation=f"{marker} Metro", position=f"{marker} officer",
            city=f"{marker}ville", country=f"{marker}land")
        check_in(registration=registration, staff=organiser)
        announce(event=event, subject="Programme online", body="Dear {name}, see you soon.",
                 segment=Announcement.Segment.CONFIRMED,
                 recipients=Registration.objects.filter(event=event), sent_by=organiser)
        reconfirmation.ask(event=event, deadline=timezone.now() + timedelta(days=3),
                           asked_by=organiser)
    if enquiry:
        send_enquiry(event=event, name=f"Amina {marker}", email=address,
                     subject=f"{marker} visa", message=f"Can the letter name {marker}?")
    deliver()
    return Story(marker=marker, address=address, registration=registration, other=other,
                 next_in_line=next_in_line)


# --- The search -------------------------------------------------------------------------------


def _text(value: object) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def database_hits(needles: list[str]) -> list[str]:
    """Every table, every row, every column — plus each stored session decoded."""
    wanted = [needle.lower() for needle in needles]
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor, include_views=False):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(_text(value) for value in row).lower()
                hits += [f"table {table}: {needle}" for needle in wanted if needle in text]
    for stored in StoredSession.objects.all():
        text = repr(stored.get_decoded()).lower()
        hits += [f"session {stored.pk}: {needle}" for needle in wanted if needle in text]
    return hits


def _unfold(data: bytes) -> bytes:
    """Undo header and iCalendar line folding, which may split a value across lines."""
    return data.replace(b"\r\n ", b"").replace(b"\n ", b"").replace(b"\r\n\t", b"")


def file_hits(folder: Path, needles: list[str]) -> list[str]:
    """Every file under ``folder``: its raw bytes, and for a message its decoded parts."""
    wanted = [needle.lower().encode() for needle in needles]
    hits = []
    if not folder.exists():
        return hits
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        texts = [_unfold(data).lower()]
        if path.suffix == ".eml":
            message = email.message_from_bytes(data, policy=policy.default)
            texts.append(" ".join(f"{k}: {v}" for k, v in message.items()).lower().encode())
            for part in message.walk():
                payload = part.get_payload(decode=True)
                if payload:
                    texts.append(_unfold(payload).lower())
        hits += [f"file {path.name}: {needle.decode()}" for needle in wanted
                 if any(needle in text for text in texts)]
    return hits


def sqlite_file_hits(needles: list[str]) -> list[str]:
    """The raw bytes of the SQLite database file and its write-ahead log (free pages and
    old page images included)."""
    if connection.vendor != "sqlite":
        return []
    name = Path(connection.settings_dict["NAME"])
    hits = []
    for path in [name, Path(f"{name}-wal")]:
        if path.exists():
            data = path.read_bytes().lower()
            hits += [f"{path.name}: {needle}" for needle in needles
                     if needle.lower().encode() in data]
    return hits


def postgres_dump_hits(needles: list[str]) -> list[str]:
    """A plain ``pg_dump`` of the whole test database (data of every table)."""
    if connection.vendor != "postgresql":
        return []
    dump = subprocess.run(
        ["pg_dump", "--no-owner", "--dbname", database_url_for_tests()],
        capture_output=True, check=True, env={**os.environ, "PGCONNECT_TIMEOUT": "10"},
    ).stdout.lower()
    assert b"copy public.registration_registration" in dump  # the dump really has the data
    return [f"pg_dump: {needle}" for needle in needles if needle.lower().encode() in dump]


def everywhere(needles: list[str]) -> list[str]:
    """Every place the marker could linger, each hit named."""
    return (database_hits(needles) + postgres_dump_hits(needles) + sqlite_file_hits(needles)
            + file_hits(Path(settings.EMAIL_FILE_PATH), needles)
            + file_hits(Path(settings.MEDIA_ROOT), needles))


# --- An account: contributor, reviewer, rapporteur, city representative, organiser ------------


@dataclass
class AccountStory:
    marker: str
    address: str
    user: object
    published: object  # a practice the person contributed, published with them as contact
    review: object  # a review they wrote

    @property
    def needles(self) -> list[str]:
        return [self.marker, self.address]


def take_part_as_an_account(client: Client, marker: str) -> AccountStory:
    """The marked person signs up as a contributor (the verification email delivered),
    writes a draft and a published practice (with themselves as its public contact),
    reviews another, represents a city, is a rapporteur and an organiser (the role given
    under the audit trail), sets up an authenticator, changes a registration as an
    organiser (the trail copies their address), and is signed in."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from safecities.backoffice.models import Role
    from safecities.practices.services.accounts import sign_up, verification_token, verify_email
    from tests.factories import (
        CityContactFactory,
        EventRoleFactory,
        PracticeFactory,
        PracticeVersionFactory,
        RapporteurFactory,
        ReviewFactory,
    )

    address = f"{marker.lower()}@example.org"
    user = sign_up(name=f"Amina {marker}", email=address, password="a long pass phrase 42",
                   organisation=f"{marker} Metro", city=f"{marker}ville", country="ZA")
    verify_email(token=verification_token(user))
    PracticeFactory(contributor=user, title=f"{marker} draft", problem=f"{marker} problem")
    published = PracticeFactory(contributor=user, status="published", contact_email=address,
                                contact_role="Programme lead", contact_public=True)
    PracticeVersionFactory(practice=published, number=1, record={
        "title": published.title, "contact": {"role": "Programme lead", "email": address}})
    review = ReviewFactory(reviewer=user, relevance=4, relevance_comment="Clear and useful.",
                           submitted_at=timezone.now())
    CityContactFactory(user=user, city=CityFactory(name="Durban"), role=f"{marker} adviser")
    event = EventFactory(title="Account Exchange")
    RapporteurFactory(user=user, event=event)
    organiser = UserFactory()
    with set_actor(organiser):
        EventRoleFactory(user=user, event=event, role=Role.ORGANISER)
    TOTPDevice.objects.create(user=user, name=f"{marker} phone", confirmed=True)
    registration = services.register(event=event, **person(7)).registration
    with set_actor(user):
        services.add_note(registration=registration, author=user, text="Asked for a letter")
    client.force_login(user)
    deliver()
    return AccountStory(marker=marker, address=address, user=user, published=published,
                        review=review)
