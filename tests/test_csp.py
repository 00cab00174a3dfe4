"""Every page carries the Content-Security-Policy: no inline script or style, nothing foreign."""

from __future__ import annotations

import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
    "img-src": "'self' data: blob:", "font-src": "'self'", "connect-src": "'self'",
    "media-src": "'self'", "object-src": "'none'", "base-uri": "'self'",
    "form-action": "'self'", "frame-ancestors": "'none'",
}


def policy(response) -> dict[str, str]:
    directives = (d.strip() for d in response["Content-Security-Policy"].split(";"))
    return dict(d.split(" ", 1) for d in directives if d)


@pytest.mark.parametrize("path", ["/", "/events/csp/", "/events/csp/register/",
                                  "/practices/", "/cities/", "/admin/login/", "/no-such-page/",
                                  "/api/events/"])
def test_every_answer_carries_the_policy(client, path):
    EventFactory(slug="csp")
    assert policy(client.get(path)) == POLICY
