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


def test_the_link_to_everything_under_an_address_loses_its_secret():
    assert redact("GET /privacy/my-data/s3cr3t-_x/erase/ HTTP/1.1") == (
        "GET /privacy/my-data/[token]/erase/ HTTP/1.1")
    assert redact("/privacy/my-data/") == "/privacy/my-data/"


def test_a_password_reset_link_loses_its_account_and_token():
    assert redact("GET /password-reset/MQ/c3b1x2-8f0e1d2c3b4a5/ HTTP/1.1") == (
        "GET /password-reset/[token]/ HTTP/1.1")
    assert redact("/password-reset/MQ/set-password/") == "/password-reset/[token]/"
    assert redact("/password-reset/sent/") == "/password-reset/sent/"
    assert redact("/password-reset/done/") == "/password-reset/done/"


class Response:
    status = "200 OK"
    sent = 512
    headers = [("Content-Type", "text/html"), ("Set-Cookie", "sessionid=abc")]


class Request:
    headers = [("Cookie", "sessionid=abc"), ("X-Forwarded-For", "41.0.0.9")]


def test_an_access_log_line_holds_nothing_personal():
    """No client address, user agent, referrer, query string or header (docs/privacy.md)."""
    import datetime

    from gunicorn.config import Config

    from safecities.accesslog import GunicornLogger

    fmt = '%(h)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(q)s'
    config = Config()
    config.set("access_log_format", fmt)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/registrations/Secret1/?q=Amina",
               "PATH_INFO": "/registrations/Secret1/", "QUERY_STRING": "q=Amina",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "196.21.4.7",
               "HTTP_REFERER": "https://mail.example.org/?to=amina@example.org",
               "HTTP_USER_AGENT": "Amina's phone"}
    atoms = GunicornLogger(config).atoms(Response(), Request(), environ,
                                         datetime.timedelta(milliseconds=42))
    line = fmt % atoms
    assert line.startswith("- - [")
    assert line.endswith('"GET /registrations/[token]/ HTTP/1.1" 200 512 "-" "-" ')
    for personal in ["Secret1", "Amina", "196.21.4.7", "41.0.0.9", "amina@example.org",
                     "sessionid"]:
        assert personal not in str(atoms)
