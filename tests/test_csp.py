"""Every page carries the Content-Security-Policy: no inline script or style, nothing foreign."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import safecities
from tests.factories import EventFactory

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
@pytest.mark.django_db
def test_every_answer_carries_the_policy(client, path):
    EventFactory(slug="csp")
    assert policy(client.get(path)) == POLICY


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.I)


def test_no_page_template_has_an_inline_script_or_style():
    """Pages take scripts and styles from static files only; PDFs (documents/base.html
    and what extends it) and emails are not web pages."""
    root = Path(safecities.__file__).parent
    offending = sorted(
        str(path.relative_to(root)) for path in root.rglob("templates/**/*.html")
        if not (path.name == "email_base.html" or path.match("documents/templates/documents/*")
                or 'extends "documents/base.html"' in path.read_text())
        and INLINE.search(path.read_text()))
    assert offending == []
