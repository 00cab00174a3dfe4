"""Each role tries each back-office page and action: a person without the right role gets
a 403 (or, signed out, the sign-in page) — never the data."""

from __future__ import annotations

import pytest

from safecities.backoffice.models import Role
from safecities.registration import services
from safecities.registration.models import Registration
from tests.factories import (
    AnnouncementFactory,
    EventFactory,
    EventRoleFactory,
    QuestionFactory,
    ReconfirmationRequestFactory,
    UserFactory,
    person,
)
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

SECRET_NAME = "Nomvula Dlamini"

# (method, path under /backoffice/events/<slug>/, capability group)
PAGES = [
    ("get", "dashboard/", "organiser"),
    ("get", "audit/", "organiser"),
    ("get", "registrants/", "organiser"),
    ("get", "registrants/{ref}/", "organiser"),
    ("get", "registrants/{ref}/edit/", "organiser"),
    ("post", "registrants/{ref}/edit/", "organiser"),
    ("post", "registrants/{ref}/notes/", "organiser"),
    ("get", "registrants/{ref}/erase/", "organiser"),
    ("post", "registrants/{ref}/erase/", "organiser"),
    ("get", "data-requests/", "organiser"),
    ("post", "registrants/actions/", "organiser"),
    ("get", "export/", "organiser"),
    ("get", "export/?format=csv&columns=name", "organiser"),
    ("get", "documents/", "organiser"),
    ("get", "badges.pdf", "organiser"),
    ("get", "certificates.pdf", "organiser"),
    ("get", "questions/", "organiser"),
    ("get", "questions/new/", "organiser"),
    ("post", "questions/new/", "organiser"),
    ("get", "questions/{question}/", "organiser"),
    ("post", "questions/{question}/delete/", "organiser"),
    ("get", "announcements/", "organiser"),
    ("post", "announcements/", "organiser"),
    ("get", "announcements/{announcement}/", "organiser"),
    ("get", "reconfirmation/", "organiser"),
    ("post", "reconfirmation/", "organiser"),
    ("get", "reconfirmation/{round}/release/", "organiser"),
    ("post", "reconfirmation/{round}/release/", "organiser"),
    ("get", "team/", "organiser"),
    ("post", "team/", "organiser"),
    ("get", "check-in/", "checkin"),
    ("get", "check-in/?q=Nomvula", "checkin"),
    ("get", "check-in/counts/", "checkin"),
    ("post", "check-in/{pk}/", "checkin"),
]


@pytest.fixture
def world(event):
    registration = services.register(event=event, **person(1, name=SECRET_NAME)).registration
    return {
        "ref": registration.reference,
        "pk": registration.pk,
        "question": QuestionFactory(event=event).pk,
        "announcement": AnnouncementFactory(event=event).pk,
        "round": ReconfirmationRequestFactory(event=event).pk,
    }


def visit(client, event, world, method: str, path: str):
    url = f"/backoffice/events/{event.slug}/" + path.format(**world)
    response = getattr(client, method)(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode(errors="replace")


def allowed(role: str | None, group: str) -> bool:
    if role == Role.ORGANISER:
        return True
    return role == Role.CHECKIN and group == "checkin"


@pytest.mark.parametrize(("method", "path", "group"), PAGES,
                         ids=[f"{m} {p}" for m, p, _ in PAGES])
@pytest.mark.parametrize("role", [None, Role.CHECKIN, Role.REVIEWER],
                         ids=["no role", "check-in staff", "reviewer"])
def test_a_person_without_the_role_gets_403_and_no_data(client, event, world, method, path,
                                                        group, role):
    user = UserFactory(username="someone")
    if role is not None:
        EventRoleFactory(event=event, user=user, role=role)
    sign_in(client, user)
    response, body = visit(client, event, world, method, path)
    if allowed(role, group):
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 403
        assert SECRET_NAME not in body
        assert world["ref"] not in body
    registration = Registration.objects.get(pk=world["pk"])
    if not allowed(role, group):
        assert registration.status == Registration.Status.CONFIRMED
        assert not hasattr(registration, "checkin")


@pytest.mark.parametrize(("method", "path", "group"), PAGES,
                         ids=[f"{m} {p}" for m, p, _ in PAGES])
def test_an_organiser_of_another_event_gets_403(client, event, world, method, path, group):
    other = EventRoleFactory(event=EventFactory(), user=UserFactory(username="elsewhere"),
                             role=Role.ORGANISER).user
    sign_in(client, other)
    response, body = visit(client, event, world, method, path)
    assert response.status_code == 403
    assert SECRET_NAME not in body


@pytest.mark.parametrize(("method", "path", "group"), PAGES,
                         ids=[f"{m} {p}" for m, p, _ in PAGES])
def test_signed_out_visitors_are_sent_to_sign_in(client, event, world, method, path, group):
    response, body = visit(client, event, world, method, path)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=")
    assert SECRET_NAME not in body


@pytest.mark.parametrize(("method", "path", "group"), PAGES,
                         ids=[f"{m} {p}" for m, p, _ in PAGES])
def test_an_organiser_reaches_every_page(organiser_client, event, world, method, path, group):
    response, _ = visit(organiser_client, event, world, method, path)
    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize(("method", "path", "group"),
                         [page for page in PAGES if page[2] == "checkin"])
def test_door_staff_reach_check_in(signed_in, door_staff, event, world, method, path, group):
    response, _ = visit(signed_in(door_staff), event, world, method, path)
    assert response.status_code in (200, 302)


def test_the_event_list_shows_only_events_with_a_role(signed_in, organiser, event):
    EventFactory(title="Secret Other Exchange")
    page = signed_in(organiser).get("/backoffice/").content.decode()
    assert event.title in page
    assert "Secret Other Exchange" not in page


def test_a_person_with_no_role_sees_no_event(signed_in, event):
    page = signed_in(UserFactory(username="nobody")).get("/backoffice/").content.decode()
    assert event.title not in page
    assert "You have no role for any event yet." in page


def test_the_event_entry_sends_door_staff_to_check_in(signed_in, door_staff, event):
    response = signed_in(door_staff).get(f"/backoffice/events/{event.slug}/")
    assert response["Location"] == f"/backoffice/events/{event.slug}/check-in/"


def test_the_event_entry_sends_organisers_to_the_dashboard(organiser_client, event):
    response = organiser_client.get(f"/backoffice/events/{event.slug}/")
    assert response["Location"] == f"/backoffice/events/{event.slug}/dashboard/"


def test_the_event_entry_refuses_reviewers(signed_in, reviewer, event):
    assert signed_in(reviewer).get(f"/backoffice/events/{event.slug}/").status_code == 403


def test_a_superuser_is_an_organiser_of_every_event(signed_in, event):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    assert signed_in(admin).get(f"/backoffice/events/{event.slug}/dashboard/").status_code == 200


def test_an_inactive_organiser_is_refused(signed_in, organiser, event, client):
    sign_in(client, organiser)
    organiser.is_active = False
    organiser.save()
    response = client.get(f"/backoffice/events/{event.slug}/dashboard/")
    assert response.status_code == 302
