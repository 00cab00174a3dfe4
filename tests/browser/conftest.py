"""Playwright fixtures: one Debian Chromium for the session, fresh contexts for each test.

Playwright's sync API keeps its asyncio loop marked as *running* in this thread between
calls (playwright/_impl/_greenlets.py, ``wait_for_future``). Django refuses database
access while a loop runs in the thread (``SynchronousOnlyOperation``), so a browser test
could not create data or check the database after its first Playwright call. The loop
is suspended while test code runs (nothing else happens in it), so database calls made
from the test itself are safe: each browser test runs with Django's documented switch
``DJANGO_ALLOW_ASYNC_UNSAFE``. Database calls must still never be made from Playwright
callbacks (``page.on(...)``, routes), which do run inside the loop.

Between browser tests the loop is unmarked again, so that the rest of the suite, which
runs while the session's browser is still open, sees no running loop at all.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"  # Debian's package; never `playwright install`.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A failing step should fail in seconds, not after Playwright's default 30.
TIMEOUT_MS = 10_000


@dataclass
class BrowserSession:
    browser: Browser
    loop: asyncio.AbstractEventLoop


@pytest.fixture(scope="session")
def browser_session() -> Iterator[BrowserSession]:
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
    except BaseException:
        playwright.stop()
        raise
    session = BrowserSession(browser=browser, loop=asyncio.get_running_loop())
    asyncio._set_running_loop(None)
    yield session
    asyncio._set_running_loop(session.loop)
    browser.close()
    playwright.stop()


@pytest.fixture(autouse=True)
def _playwright_loop(browser_session, monkeypatch) -> Iterator[None]:
    """Let this test (and its fixtures) reach the database beside Playwright; see above."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    asyncio._set_running_loop(browser_session.loop)
    yield
    asyncio._set_running_loop(None)


@pytest.fixture
def browser(browser_session) -> Browser:
    return browser_session.browser


# Reports every Content-Security-Policy violation of a page to the test (see watch_csp).
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
                        + ` on ${event.documentURI} (line ${event.lineNumber})`);
});
"""


def watch_csp(context: BrowserContext) -> list[str]:
    """Collect the Content-Security-Policy violations of every page of ``context``: the
    ``securitypolicyviolation`` events (with JavaScript on) and Chromium's own console
    reports (which it writes with JavaScript off too)."""
    violations: list[str] = []
    # These callbacks run inside Playwright's loop: they only append, never touch the
    # database.
    context.expose_binding("__cspViolation", lambda _source, text: violations.append(text))
    context.add_init_script(_CSP_LISTENER)
    context.on("console", lambda message: violations.append(message.text)
               if "Content Security Policy" in message.text else None)
    return violations


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh context: ``new_page(javascript=False)``, ``viewport=…``.

    The test fails if any page it visits reports a Content-Security-Policy violation.
    """
    contexts: list[BrowserContext] = []

    def open_page(*, javascript: bool = True, **context_options) -> Page:
        context = browser.new_context(java_script_enabled=javascript, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        found = watch_csp(context)
        collected.append(found)
        return context.new_page()

    collected: list[list[str]] = []
    yield open_page
    for context in contexts:
        context.close()
    violations = [violation for found in collected for violation in found]
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations),
                    pytrace=False)


@pytest.fixture
def page(new_page) -> Page:
    """A page with JavaScript on."""
    return new_page()


@pytest.fixture
def server(app_server):
    """The real site (gunicorn) on the test database."""
    return app_server(workers=1)
