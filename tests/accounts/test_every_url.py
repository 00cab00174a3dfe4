"""Every URL pattern of the site, for every kind of person: the answer each gets.

The patterns are read from the root URLconf, so a new page that is not in ``TABLE`` (or,
for the admin, covered by the admin's rule) fails ``test_every_pattern_is_in_the_table``:
nothing can be added unprotected by accident. Each request runs in a savepoint that is
rolled back, so what one request changes (a cancellation, a sign-out) does not change the
next one's answer.

Who is allowed is written here by hand, per page — not computed from the capability table —
so that a wrong row in that table shows up as a failure here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from safecities.backoffice.models import Role
from safecities.practices.models import Practice, Review
from safecities.registration.models import Registration
from tests.factories import (
    AnnouncementFactory,
    CityContactFactory,
    CityFactory,
    EventFactory,
    EventRoleFactory,
    LearningRequestFactory,
    MeetingProfileFactory,
    MeetingRequestFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    ProfileFactory,
    ProgrammeFactory,
    PublishedPracticeFactory,
    QuestionFactory,
    RapporteurFactory,
    ReconfirmationRequestFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
    UserFactory,
)
from tests.signing_in import give_device, sign_in

pytestmark = pytest.mark.django_db

# --- The people ------------------------------------------------------------------------------
ANONYMOUS = "anonymous"
PARTICIPANT = "participant"  # nobody signed in, holding their registration's private link
ORGANISER = "organiser"
DOOR = "door staff"
RAPPORTEUR = "rapporteur"
REVIEWER = "reviewer"
OTHER_ORGANISER = "organiser of another event"
STAFF = "staff without a role"
REPRESENTATIVE = "city representative"
CONTRIBUTOR = "contributor"
SITE_ADMIN = "site administrator"
PASSWORD_ONLY = "organiser with the password only"
PEOPLE = [ANONYMOUS, PARTICIPANT, ORGANISER, DOOR, RAPPORTEUR, REVIEWER, OTHER_ORGANISER,
          STAFF, REPRESENTATIVE, CONTRIBUTOR, SITE_ADMIN, PASSWORD_ONLY]
SIGNED_IN = frozenset(PEOPLE) - {ANONYMOUS, PARTICIPANT}
EVERYONE = frozenset(PEOPLE)

# --- Who may, per kind of page -----------------------------------------------------------------
ORGANISERS = frozenset({ORGANISER, SITE_ADMIN})
AT_THE_DOOR = ORGANISERS | {DOOR}
REPORTERS = ORGANISERS | {RAPPORTEUR}
REVIEWERS = frozenset({REVIEWER})
LIBRARY_ORGANISERS = ORGANISERS | {OTHER_ORGANISER}  # practices without a call: any exchange's
EDITORS = frozenset({REPRESENTATIVE, SITE_ADMIN})
ADMINS = frozenset({SITE_ADMIN})
OWNER = frozenset({CONTRIBUTOR})  # the draft's contributor
NOBODY = frozenset()


@dataclass(frozen=True)
class Row:
    """``allowed`` get ``ok``; the others get ``refused`` when signed in, a redirect to the
    sign-in when not. A ``private`` page is reached by its private link: the participant
    has the right one, everyone else a wrong one (404)."""

    allowed: frozenset[str]
    ok: int = 200
    method: str = "get"
    private: bool = False
    refused: int = 403
    data: dict = field(default_factory=dict)
    special: dict = field(default_factory=dict)  # person → status, when none of the above


def public(ok: int = 200, method: str = "get", **kw) -> Row:
    return Row(EVERYONE, ok, method, **kw)


def private(ok: int = 200, method: str = "get") -> Row:
    return Row(frozenset({PARTICIPANT}), ok, method, private=True)


def only(allowed: frozenset[str], ok: int = 200, method: str = "get", **kw) -> Row:
    return Row(allowed, ok, method, **kw)


TABLE: dict[str, Row] = {
    # The one sign-in and the account.
    "sign-in/": Row(EVERYONE - SIGNED_IN, 200, refused=302),  # signed in: onwards
    # The code form, for a session that has the password only; the others go onwards.
    "sign-in/code/": Row(EVERYONE - SIGNED_IN, 302, refused=302, special={PASSWORD_ONLY: 200}),
    "sign-out/": Row(EVERYONE, 302, "post"),
    "account/": only(SIGNED_IN),
    "account/two-factor/": only(SIGNED_IN - {PASSWORD_ONLY}, refused=302),  # code first
    "account/two-factor/backup-codes/": only(SIGNED_IN - {PASSWORD_ONLY}, 200, "post",
                                             refused=302),
    "account/sign-out-everywhere/": only(SIGNED_IN),
    # Your own data (the privacy pages of an account).
    "account/data/": only(SIGNED_IN),
    "account/data.json": only(SIGNED_IN),
    "account/data/erase/": only(SIGNED_IN),
    "account/data/link/": only(SIGNED_IN, 200, "post"),
    "healthz": public(),
    "password-reset/": public(),
    "password-reset/sent/": public(),
    "password-reset/<uidb64>/<token>/": public(),
    "password-reset/done/": public(),
    # Languages, privacy.
    "i18n/setlang/": public(302, "post", data={"language": "en"}),
    "privacy/": public(),
    "privacy/versions/<slug:version>/": public(404),
    "privacy/erased/": public(),
    # The event site and registration.
    "": public(),
    "events/<slug:slug>/": public(),
    "events/<slug:slug>/invitation.pdf": public(),
    "events/<slug:slug>/event.ics": public(),
    "events/<slug:slug>/contact/": public(),
    "events/<slug:slug>/contact/sent/": public(),
    "accessibility/": public(),
    # Found and shared.
    "robots.txt": public(),
    "sitemap.xml": public(),
    "api/events/": public(),
    "api/events/<slug:slug>/": public(),
    "events/<slug:slug>/register/": public(),
    "registrations/<str:token>/": private(),
    "registrations/<str:token>/invitation.pdf": private(),
    "registrations/<str:token>/cancel/": private(),
    "registrations/<str:token>/certificate.pdf": private(403),  # not checked in
    "registrations/<str:token>/still-coming/": private(),
    "registrations/<str:token>/unsubscribe/": private(),
    "registrations/<str:token>/data/": private(),
    "registrations/<str:token>/data.json": private(),
    "registrations/<str:token>/erase/": private(),
    "registrations/<str:token>/data/link/": private(200, "post"),
    "registrations/<str:token>/language/": private(400, "post"),
    # Data by email address: the link mailed carries a signed secret (a wrong one here).
    "privacy/my-data/": public(),
    "privacy/my-data/<str:secret>/": public(404),
    "privacy/my-data/<str:secret>/data.json": public(404),
    "privacy/my-data/<str:secret>/erase/": public(404),
    "api/events/<slug:slug>/registrations/": public(400, "post"),
    "api/events/<slug:slug>/questions/": public(),
    "api/registrations/<str:token>/": private(),
    "api/registrations/<str:token>/cancel/": private(200, "post"),
    "api/registrations/<str:token>/erase/": private(200, "post"),
    # The good-practice library.
    "practices/": public(),
    "practices/evidence-labels/": public(),
    "practices/feed.atom": public(),
    "practices/<slug:slug>/": public(),
    "practices/<slug:slug>/versions/<int:number>/": public(404),
    "practices/<slug:slug>/files/<int:pk>/": public(404),
    "practices/<slug:slug>/propose-update/": Row(SIGNED_IN, 404, "post", refused=404),
    "api/practices/": public(),
    "api/practices.csv": public(),
    "api/practices/<slug:slug>/": public(),
    "contribute/": only(SIGNED_IN),
    "contribute/sign-up/": public(),
    "contribute/verify/<str:token>/": public(400),
    "contribute/log-in/": public(301),
    "contribute/new/": only(SIGNED_IN),
    # A draft is its contributor's: anyone else signed in is told it does not exist.
    "contribute/practices/<int:pk>/": only(OWNER, refused=404),
    "contribute/practices/<int:pk>/submit/": only(OWNER, 302, "post", refused=404),
    "contribute/practices/<int:pk>/attachments/": only(OWNER, 400, "post", refused=404),
    "contribute/practices/<int:pk>/attachments/<int:attachment>/remove/": only(
        OWNER, 404, "post", refused=404),
    "contribute/practices/<int:pk>/<slug:step>/": only(OWNER, refused=404),
    "review/": only(REVIEWERS | ADMINS),
    # A review is its reviewer's: to anyone else it does not exist.
    "review/<int:pk>/": only(REVIEWERS, special={SITE_ADMIN: 404}),
    "organisers/practices/": only(LIBRARY_ORGANISERS),
    "organisers/practices/<int:pk>/": only(LIBRARY_ORGANISERS),
    # The back-office.
    "backoffice/": only(SIGNED_IN),
    "backoffice/sign-in/": public(301),
    "backoffice/sign-in/code/": public(302),
    "backoffice/account/": public(302),
    "backoffice/events/<slug:slug>/": only(AT_THE_DOOR, 302),
    "backoffice/events/<slug:slug>/dashboard/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/audit/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/settings/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/registrants/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/registrants/actions/": only(ORGANISERS, 302, "post"),
    "backoffice/events/<slug:slug>/registrants/<str:reference>/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/registrants/<str:reference>/edit/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/registrants/<str:reference>/notes/": only(
        ORGANISERS, 302, "post"),
    "backoffice/events/<slug:slug>/export/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/documents/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/badges.pdf": only(ORGANISERS),
    "backoffice/events/<slug:slug>/certificates.pdf": only(ORGANISERS),
    "backoffice/events/<slug:slug>/check-in/": only(AT_THE_DOOR),
    "backoffice/events/<slug:slug>/check-in/counts/": only(AT_THE_DOOR),
    "backoffice/events/<slug:slug>/check-in/<int:pk>/": only(AT_THE_DOOR, 302, "post"),
    "backoffice/events/<slug:slug>/questions/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/questions/new/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/questions/<int:pk>/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/questions/<int:pk>/delete/": only(ORGANISERS, 302, "post"),
    "backoffice/events/<slug:slug>/announcements/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/announcements/<int:pk>/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/reconfirmation/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/reconfirmation/<int:pk>/release/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/team/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/team/<int:pk>/remove/": only(ORGANISERS, 302, "post"),
    "backoffice/events/<slug:slug>/registrants/<str:reference>/erase/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/data-requests/": only(ORGANISERS),
    # The programme and its outcomes.
    "events/<slug:slug>/programme/": public(),
    "events/<slug:slug>/programme.ics": public(),
    "events/<slug:slug>/programme.pdf": public(),
    "events/<slug:slug>/programme/now/": public(),
    "events/<slug:slug>/programme/sessions/<int:pk>/": public(),
    "events/<slug:slug>/programme/sessions/<int:pk>.ics": public(),
    "events/<slug:slug>/programme/speakers/": public(),
    "events/<slug:slug>/programme/speakers/<int:pk>/": public(),
    "events/<slug:slug>/programme/speakers/<int:pk>/photo-<str:version>.jpg": public(404),
    "events/<slug:slug>/outcomes/": public(),
    "events/<slug:slug>/outcomes.pdf": public(),
    "rapporteurs/login/": public(301),
    "backoffice/events/<slug:slug>/programme/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/programme/sessions/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/programme/sessions/new/": only(ORGANISERS),
    "backoffice/events/<slug:slug>/programme/sessions/<int:pk>/": only(ORGANISERS),
    "events/<slug:slug>/rapporteur/": only(REPORTERS),
    "events/<slug:slug>/rapporteur/sessions/<int:pk>/": only(REPORTERS),
    "events/<slug:slug>/rapporteur/lessons/<int:pk>/": only(REPORTERS, 404),  # no lesson
    "registrations/<str:token>/programme/": private(),
    "registrations/<str:token>/agenda/": private(),
    "registrations/<str:token>/agenda.ics": private(),
    "registrations/<str:token>/agenda/sessions/<int:pk>/": private(302, "post"),
    "api/events/<slug:slug>/programme/": public(),
    # Cities.
    "cities/": public(),
    "cities/sign-in/": public(301),
    "cities/compare/": public(),
    "cities/requests/": only(ADMINS),
    "cities/requests/<int:pk>/": only(EDITORS),
    "cities/meetings/<slug:slug>/": only(ORGANISERS),
    "cities/meetings/<slug:slug>/schedule.csv": only(ORGANISERS),
    "cities/meetings/<slug:slug>/tables/<int:table_id>.pdf": only(ORGANISERS),
    "cities/self-assessment/": public(),
    "cities/self-assessment-template.csv": public(),
    "cities/<slug:slug>/": public(),
    "api/cities/": public(),
    "api/cities/<slug:slug>/assessment/": public(),
    "api/cities/<slug:slug>/recommendations/": public(),
    "cities/<slug:slug>/edit/": only(EDITORS),
    "cities/<slug:slug>/represent/": only(SIGNED_IN),
    "cities/<slug:slug>/learn/": only(frozenset({REPRESENTATIVE})),
    "cities/<slug:slug>/self-assessment/": only(EDITORS),
    "cities/<slug:slug>/self-assessment/import/": only(EDITORS),
    "registrations/<str:token>/meetings/": private(),
    "registrations/<str:token>/meetings.ics": private(),
    "registrations/<str:token>/meetings/opt-in/": private(302, "post"),
    "registrations/<str:token>/meetings/ask/<int:profile_id>/": private(),
    "registrations/<str:token>/meetings/<int:pk>/<str:action>/": private(302, "post"),
}

# Pages refused only through the second factor (the person holds the role): what they say.
NEEDS_CODE = "Enter your code"
ONLY_ADMINS = "Only the site's administrators may."


def routes(patterns=None, prefix: str = "") -> list[str]:
    """Every pattern of the root URLconf, as its route (``events/<slug:slug>/``)."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found.extend(routes(entry.url_patterns, route))
        elif isinstance(entry, URLPattern):
            found.append(route)
    return found


def is_admin(route: str) -> bool:
    return route.startswith("admin/")


def test_every_pattern_is_in_the_table():
    """A new page must be given its row here (who may open it) before it can land."""
    site = [route for route in routes() if not is_admin(route)]
    assert sorted(set(site) - set(TABLE)) == []
    assert sorted(set(TABLE) - set(site)) == []


# --- The world every page is asked about --------------------------------------------------------


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    event = EventFactory(slug="durban-2014")
    other_event = EventFactory(slug="elsewhere")
    ProgrammeFactory(event=event, is_published=True, outcomes_published=True)
    people = {
        ORGANISER: EventRoleFactory(event=event, role=Role.ORGANISER,
                                    user=UserFactory(username="organiser")).user,
        PASSWORD_ONLY: EventRoleFactory(event=event, role=Role.ORGANISER,
                                        user=UserFactory(username="hurried")).user,
        DOOR: EventRoleFactory(event=event, role=Role.CHECKIN,
                               user=UserFactory(username="door")).user,
        REVIEWER: EventRoleFactory(event=event, role=Role.REVIEWER,
                                   user=ProfileFactory(city="Nairobi", country="KE").user).user,
        OTHER_ORGANISER: EventRoleFactory(event=other_event, role=Role.ORGANISER,
                                          user=UserFactory(username="elsewhere")).user,
        RAPPORTEUR: UserFactory(username="rapporteur"),
        STAFF: UserFactory(username="staff", is_staff=True),
        REPRESENTATIVE: UserFactory(username="representative"),
        CONTRIBUTOR: UserFactory(username="amina@example.org"),
        SITE_ADMIN: UserFactory(username="admin", is_staff=True, is_superuser=True),
    }
    rapporteur = RapporteurFactory(event=event, user=people[RAPPORTEUR])
    session = SessionFactory(event=event, rapporteur=rapporteur)
    speaker = SpeakerFactory(event=event)
    durban = CityFactory(slug="durban", name="Durban")
    lusaka = CityFactory(slug="lusaka", name="Lusaka", country="ZM")
    CityContactFactory(city=durban, user=people[REPRESENTATIVE])
    learning = LearningRequestFactory(from_city=lusaka, to_city=durban)
    registration = RegistrationFactory(event=event, name="Nomvula Private")
    other = RegistrationFactory(event=event, name="Sipho Other")
    profile = MeetingProfileFactory(registration=other, opted_in=True)
    MeetingProfileFactory(registration=registration, opted_in=True)
    meeting = MeetingRequestFactory(event=event, requester=other, invitee=registration)
    MeetingSlotFactory(event=event)
    table = MeetingTableFactory(event=event)
    published = PublishedPracticeFactory(slug="street-lighting")
    draft = Practice.objects.create(contributor=people[CONTRIBUTOR], title="My draft",
                                    slug="my-draft", summary="s", city="Durban", country="ZA")
    in_review = PublishedPracticeFactory(slug="in-review", status=Practice.Status.IN_REVIEW)
    review = Review.objects.create(practice=in_review, reviewer=people[REVIEWER], round=1)
    question = QuestionFactory(event=event)
    announcement = AnnouncementFactory(event=event)
    round_ = ReconfirmationRequestFactory(event=event)
    team_role = EventRoleFactory(event=event, role=Role.CHECKIN)
    for role in [ORGANISER, DOOR, RAPPORTEUR, REVIEWER, OTHER_ORGANISER, STAFF,
                 REPRESENTATIVE, CONTRIBUTOR, SITE_ADMIN, PASSWORD_ONLY]:
        give_device(people[role])
    args = {
        "token": registration.token, "reference": registration.reference,
        "version": "x", "uidb64": "MQ", "number": 1, "attachment": 1, "action": "decline",
        "table_id": table.pk, "profile_id": profile.pk, "step": "identity",
        "secret": "not-a-secret",
    }
    # The pk (and slug) a route means, by its first words.
    pks = {
        "contribute/practices/": draft.pk, "review/": review.pk,
        "organisers/practices/": in_review.pk, "cities/requests/": learning.pk,
        "check-in/": registration.pk, "questions/": question.pk,
        "announcements/": announcement.pk, "reconfirmation/": round_.pk,
        "team/": team_role.pk, "sessions/": session.pk, "speakers/": speaker.pk,
        "meetings/": meeting.pk, "lessons/": 999999, "files/": 999999,
        "agenda/sessions/": session.pk,
    }
    slugs = {"practices/": published.slug, "api/practices/": published.slug,
             "cities/": durban.slug, "api/cities/": durban.slug}
    return {"people": people, "args": args, "pks": pks, "slugs": slugs, "event": event,
            "registration": registration}


def fill(route: str, world, *, right_token: bool) -> str:
    """The route with sample values: the event's, city's or practice's slug as the route's
    start says, the objects of the world for the ``pk``s, a wrong token unless asked."""
    args = dict(world["args"])
    if not right_token:
        args["token"] = "not-the-token"

    def value(match: re.Match) -> str:
        name = match.group(2)
        before = route[:match.start()]
        if name == "slug":
            if route == "cities/<slug:slug>/learn/":
                return "lusaka"  # a representative of Durban asks Lusaka
            if before.startswith("cities/meetings/"):
                return world["event"].slug
            for start, slug in world["slugs"].items():
                if before.startswith(start):
                    return slug
            return world["event"].slug
        if name == "pk":
            for start, pk in sorted(world["pks"].items(), key=lambda kv: -len(kv[0])):
                if before.endswith(start) or before.endswith("/" + start) or \
                        before.rstrip("/").endswith(start.rstrip("/")):
                    return str(pk)
            raise AssertionError(f"No sample pk for {route}")
        return str(args[name])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def client_for(role: str, world, client):
    if role in (ANONYMOUS, PARTICIPANT):
        return client
    return sign_in(client, world["people"][role], second_factor=role != PASSWORD_ONLY)


def ask(client, row: Row, url: str):
    """One request, undone afterwards: its database changes and its cookies (a sign-out
    gives the client a new session)."""
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)
    with transaction.atomic():
        response = getattr(client, row.method)(url, row.data)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


@pytest.mark.parametrize("role", PEOPLE)
def test_every_page_answers_each_person_as_the_table_says(client, world, role):
    client = client_for(role, world, client)
    wrong = []
    for route, row in TABLE.items():
        url = fill(route, world, right_token=role == PARTICIPANT)
        response = ask(client, row, url)
        if role in row.special:
            expected = row.special[role]
        elif role in row.allowed:
            expected = row.ok
        elif row.private:
            expected = 404
        elif role in (ANONYMOUS, PARTICIPANT):
            expected = 302
        else:
            expected = row.refused
        location = response.get("Location", "")
        if response.status_code != expected:
            wrong.append(f"{row.method.upper()} {url}: {response.status_code} {location}, "
                         f"expected {expected}")
        elif (expected == 302 and role in (ANONYMOUS, PARTICIPANT)
              and role not in row.allowed and not location.startswith("/sign-in/?next=")):
            wrong.append(f"{url}: sent to {location}, not to the sign-in")
    assert not wrong, "\n".join(wrong)


def test_a_password_only_session_is_told_to_enter_the_code(client, world):
    client = client_for(PASSWORD_ONLY, world, client)
    page = client.get("/backoffice/events/durban-2014/registrants/")
    assert page.status_code == 403
    assert NEEDS_CODE in page.content.decode()
    assert "Nomvula Private" not in page.content.decode()


def test_a_refusal_never_shows_the_data(client, world):
    client = client_for(OTHER_ORGANISER, world, client)
    for url in ["/backoffice/events/durban-2014/registrants/",
                "/cities/meetings/durban-2014/schedule.csv",
                "/events/durban-2014/rapporteur/"]:
        response = client.get(url)
        assert (url, response.status_code) == (url, 403)
        assert "Nomvula" not in response.content.decode()


# --- The admin: site administrators only ------------------------------------------------------

ADMIN_SAMPLES = {
    "path": "1", "object_id": "999999", "content_type_id": "1", "id": "999999", "pk": "999999",
    "event_id": "999999", "day": "2014-12-03",
}


def admin_urls(device_pk: int = 999999) -> list[str]:
    urls = []
    for route in routes():
        if not is_admin(route) or "(?P<" in route or "^" in route:
            continue  # regular expressions: the app lists and catch-all, below
        samples = dict(ADMIN_SAMPLES)
        if route.startswith("admin/otp_totp/totpdevice/<int:pk>/"):
            samples["pk"] = str(device_pk)  # django-otp's own views need a real device
        urls.append("/" + re.sub(r"<(?:(\w+):)?(\w+)>",
                                 lambda m, samples=samples: samples[m.group(2)], route))
    return [*urls, "/admin/events/", "/admin/no-such-page/"]


@pytest.mark.parametrize("role", PEOPLE)
def test_the_admin_opens_for_site_administrators_only(client, world, role):
    client = client_for(role, world, client)
    client.raise_request_exception = False
    wrong = []
    device = give_device(world["people"][SITE_ADMIN])
    for url in admin_urls(device.pk):
        with transaction.atomic():
            response = client.get(url, follow=True)
            transaction.set_rollback(True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        if role == SITE_ADMIN:
            # 403 and 405 here are the admin's own (no adding a log entry, GET on log-out).
            ok = (response.status_code < 500 and not final.startswith("/sign-in/")
                  and ONLY_ADMINS not in response.content.decode())
        elif role in (ANONYMOUS, PARTICIPANT):
            ok = final.startswith("/sign-in/?next=") and response.status_code == 200
        else:
            ok = response.status_code == 403 and (
                ONLY_ADMINS in response.content.decode())
        if not ok:
            wrong.append(f"{url}: {response.status_code} at {final}")
    assert not wrong, "\n".join(wrong)


def test_the_walk_covers_the_admin_too():
    assert len(admin_urls()) >= 100
    assert Registration  # the world holds registrations whose names must never leak
