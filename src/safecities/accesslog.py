"""Logs never hold a private link's token (docs/privacy.md).

A registration's private pages live under ``/registrations/<token>/`` (and the API's under
``/api/registrations/<token>/``); a contributor's email check under
``/contribute/verify/<token>/``. Anyone who reads a log line with the token could act as
that person, so every log line that may carry a path — gunicorn's access log and Django's
own request warnings — is written with the token replaced by ``[token]``. The same holds
for the link that opens everything held under an address (``/privacy/my-data/<secret>/``)
and for a password-reset link (``/password-reset/<id>/<token>/``).

Nor does the access log hold personal data (docs/privacy.md): the client's address, the
user agent, the referrer, the query string (a search for a name) and the request headers
are left out; what remains is the time, the request line without its query, the status,
the size and the time taken.
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

# The segment after these prefixes is a private token, wherever it appears in a line
# (request line, path, Referer).
PRIVATE_SEGMENT = re.compile(
    r"(/(?:api/)?registrations/|/contribute/verify/|/privacy/my-data/)[^/?#\s\"]+")
REDACTED = r"\1[token]"
# A password-reset link carries the account's id and a token: both go.
PASSWORD_RESET = re.compile(r"(/password-reset/)(?!sent/|done/)[^/?#\s\"]+/[^/?#\s\"]+")
RESET_REDACTED = r"\1[token]"


def redact(text: str) -> str:
    return PASSWORD_RESET.sub(RESET_REDACTED, PRIVATE_SEGMENT.sub(REDACTED, text))


# Access-log fields that are personal data (or carry it): never written.
PERSONAL_ATOMS = {"h": "-", "u": "-", "a": "-", "f": "-", "q": ""}


class GunicornLogger(Logger):
    """gunicorn's logger with every access-log field redacted (``--logger-class``): tokens
    replaced, and no client address, user agent, referrer, query string or header."""

    def atoms(self, resp, req, environ, request_time):
        found = super().atoms(resp, req, environ, request_time)
        # Request and response headers ("{name}i", "{name}o") and the environment
        # ("{name}e") hold cookies, forwarded addresses and the like: left out.
        kept = {key: redact(value) if isinstance(value, str) else value
                for key, value in found.items() if not key.startswith("{")}
        kept.update(PERSONAL_ATOMS)
        kept["r"] = redact(" ".join(
            [environ.get("REQUEST_METHOD", "-"), environ.get("PATH_INFO", ""),
             environ.get("SERVER_PROTOCOL", "-")]))
        return kept


class RedactTokens(logging.Filter):
    """For Django's ``django.request``/``django.server`` lines ("Not Found: /registrations/…")."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(str(record.msg))
        if isinstance(record.args, dict):
            record.args = {key: redact(value) if isinstance(value, str) else value
                           for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg
                                for arg in record.args)
        return True
