"""Under /api/ every answer is JSON with ``charset=utf-8``, errors included (docs/api.md).

The table names, for every API URL pattern, the methods it accepts; a new API pattern
that is not in it fails ``test_every_api_pattern_is_in_the_table``. Each pattern is then
asked with a method it refuses (405 JSON), unknown paths under /api/ are asked (404 JSON),
and the errors no view writes (400, 403, 500, a refused CSRF check) come back as JSON too.
"""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse, JsonResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path

from safecities.urls import urlpatterns as site_patterns
from tests.factories import (
    CityFactory,
    EventFactory,
    ProgrammeFactory,
    PublishedPracticeFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

JSON = "application/json; charset=utf-8"

# Every API pattern and the methods it accepts (GET also answers HEAD).
API = {
    "api/events/": {"GET"},
    "api/events/<slug:slug>/": {"GET"},
    "api/events/<slug:slug>/registrations/": {"POST"},
    "api/events/<slug:slug>/questions/": {"GET"},
    "api/events/<slug:slug>/programme/": {"GET"},
    "api/registrations/<str:token>/": {"GET"},
    "api/registrations/<str:token>/cancel/": {"POST"},
    "api/registrations/<str:token>/erase/": {"POST"},
    "api/practices/": {"GET"},
    "api/practices.csv": {"GET"},
    "api/practices/<slug:slug>/": {"GET"},
    "api/cities/": {"GET"},
    "api/cities/<slug:slug>/assessment/": {"GET"},
    "api/cities/<slug:slug>/recommendations/": {"GET"},
}
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def routes(patterns=None, prefix: str = "") -> list[str]:
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found.extend(routes(entry.url_patterns, route))
        elif isinstance(entry, URLPattern):
            found.append(route)
    return found


@pytest.fixture
def world():
    event = EventFactory(slug="durban-2014")
    ProgrammeFactory(event=event, is_published=True)
    CityFactory(slug="durban")
    PublishedPracticeFactory(slug="street-lighting")
    registration = RegistrationFactory(event=event)
    return {"slug:slug": {"practices": "street-lighting", "cities": "durban"},
            "token": registration.token}


def fill(route: str, world) -> str:
    def value(match: re.Match) -> str:
        if match.group(0) == "<str:token>":
            return world["token"]
        return world["slug:slug"].get(route.split("/")[1], "durban-2014")

    return "/" + re.sub(r"<[^>]+>", value, route)


def assert_json_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == JSON
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["error"], str) and body["error"]
    return body


def test_every_api_pattern_is_in_the_table():
    assert sorted(r for r in routes() if r.startswith("api/")) == sorted(API)


@pytest.mark.parametrize("route", sorted(API))
def test_a_wrong_method_is_a_json_405(client, world, route):
    url = fill(route, world)
    for method in METHODS:
        if method in API[route]:
            continue
        response = client.generic(method, url)
        body = assert_json_error(response, 405, "method_not_allowed")
        assert set(body) == {"code", "error"}
        assert set(API[route]) <= {m.strip() for m in response["Allow"].split(",")}


@pytest.mark.parametrize("url", [
    "/api/", "/api/nothing/", "/api/events/durban-2014/nothing/", "/api/events/no-such-event/",
    "/api/registrations/not-a-token/", "/api/cities/nowhere/assessment/",
])
def test_an_unknown_api_path_is_a_json_404(client, world, url):
    assert_json_error(client.get(url), 404, "not_found")


def test_every_json_answer_says_utf_8(client, world):
    answers = [client.get(fill(route, world)) for route, methods in API.items()
               if "GET" in methods and not route.endswith(".csv")]
    answers += [
        client.post("/api/events/durban-2014/registrations/", "{", content_type="text/plain"),
        client.post("/api/events/durban-2014/registrations/", {}, content_type="application/json"),
        client.post(f"/api/registrations/{world['token']}/cancel/"),
    ]
    for response in answers:
        assert response.status_code < 500
        assert response["Content-Type"] == JSON, response.request["PATH_INFO"]
        response.json()
    assert {r.status_code for r in answers} >= {200, 400}


def test_a_page_outside_the_api_stays_html(client, world):
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")
    assert client.post("/events/durban-2014/")["Content-Type"].startswith("text/html")


# --- Errors no API view writes today, through a URLconf with a few more /api/ views -----------

def _boom(request):
    raise RuntimeError("a bug")


def _forbidden(request):
    raise PermissionDenied


def _suspicious(request):
    raise SuspiciousOperation("bad host or the like")


def _html_teapot(request):
    return HttpResponse("<p>no</p>", status=418)


def _plain_json(request):
    return JsonResponse({"ok": True})


def _protected(request):
    return JsonResponse({"posted": True})


urlpatterns = [
    path("api/test/boom/", _boom),
    path("api/test/forbidden/", _forbidden),
    path("api/test/suspicious/", _suspicious),
    path("api/test/teapot/", _html_teapot),
    path("api/test/json/", _plain_json),
    path("api/test/protected/", _protected),
    *site_patterns,
]
handler404 = "safecities.errorpages.not_found"
handler500 = "safecities.errorpages.server_error"


@pytest.mark.urls(__name__)
def test_errors_no_view_wrote_are_json_too(client):
    client.raise_request_exception = False
    body = assert_json_error(client.get("/api/test/boom/"), 500, "server_error")
    assert "a bug" not in str(body)
    assert_json_error(client.get("/api/test/forbidden/"), 403, "forbidden")
    assert_json_error(client.get("/api/test/suspicious/"), 400, "bad_request")
    assert_json_error(client.get("/api/test/teapot/"), 418, "error")
    assert client.get("/api/test/json/")["Content-Type"] == JSON


@pytest.mark.urls(__name__)
def test_a_refused_csrf_check_is_json():
    client = Client(enforce_csrf_checks=True)
    assert_json_error(client.post("/api/test/protected/"), 403, "csrf_failed")
    page = client.post("/events/durban-2014/contact/")
    assert page.status_code == 403 and page["Content-Type"].startswith("text/html")
