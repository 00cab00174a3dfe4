"""Logs never hold a private link's token (docs/privacy.md).

A registration's private pages live under ``/registrations/<token>/`` (and the API's under
``/api/registrations/<token>/``); a contributor's email check under
``/contribute/verify/<token>/``. Anyone who reads a log line with the token could act as
that person, so every log line that may carry a path — gunicorn's access log and Django's
own request warnings — is written with the token replaced by ``[token]``.
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

# The segment after these prefixes is a private token, wherever it appears in a line
# (request line, path, Referer).
PRIVATE_SEGMENT = re.compile(r"(/(?:api/)?registrations/|/contribute/verify/)[^/?#\s\"]+")
REDACTED = r"\1[token]"


def redact(text: str) -> str:
    return PRIVATE_SEGMENT.sub(REDACTED, text)


class GunicornLogger(Logger):
    """gunicorn's logger with every access-log field redacted (``--logger-class``)."""

    def atoms(self, resp, req, environ, request_time):
        return {key: redact(value) if isinstance(value, str) else value
                for key, value in super().atoms(resp, req, environ, request_time).items()}


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
