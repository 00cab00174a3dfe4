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


# A data block (<script type="application/ld+json">) is never run, so the policy does not apply
# to it; every other <script> without src= is inline code.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/ld\+json\")[^>]*>"
                    r"|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.I)


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


def test_the_guard_tells_code_from_a_data_block():
    assert INLINE.search('<script>alert(1)</script>')
    assert INLINE.search('<script type="module">go()</script>')
    assert not INLINE.search('<script type="application/ld+json">{}</script>')
    assert not INLINE.search('<script src="/static/js/a.js"></script>')
