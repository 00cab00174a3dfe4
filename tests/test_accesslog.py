"""No private link's token reaches a log line (issue 9, item 10)."""

from __future__ import annotations

import logging

from safecities.accesslog import RedactTokens, redact


def test_registration_paths_lose_their_token_in_every_form():
    token = "q1W2e3R4t5Y6u7I8o9P0-_aSdFgHjKlZxCvBnM1234"
    assert redact(f"GET /registrations/{token}/cancel/ HTTP/1.1") == (
        "GET /registrations/[token]/cancel/ HTTP/1.1")
    assert redact(f"/registrations/{token}/invitation.pdf") == (
        "/registrations/[token]/invitation.pdf")
    assert redact(f"/api/registrations/{token}/") == "/api/registrations/[token]/"
    assert redact(f"https://x.example/registrations/{token}?a=1") == (
        "https://x.example/registrations/[token]?a=1")
    assert redact(f"/contribute/verify/{token}/") == "/contribute/verify/[token]/"
    assert redact("/events/durban-2014/register/") == "/events/durban-2014/register/"


def test_django_request_warnings_are_written_without_the_token():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1,
                               "Not Found: %s", ("/registrations/abcdefghijklmnop/",), None)
    assert RedactTokens().filter(record) is True
    assert record.getMessage() == "Not Found: /registrations/[token]/"
