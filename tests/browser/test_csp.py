"""Content-Security-Policy: the browser tests see every violation a page reports."""

from __future__ import annotations

import pytest

from tests.browser.conftest import TIMEOUT_MS, watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_an_inline_style_or_script_is_blocked_and_reported_to_the_tests(server, browser):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    violations = watch_csp(context)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/")
        page.evaluate("""() => {
            document.body.insertAdjacentHTML("beforeend", '<p id="x" style="color: red">x</p>');
            const script = document.createElement("script");
            script.textContent = "window.ran = true";
            document.body.append(script);
        }""")
        page.wait_for_function("() => true")
        assert page.evaluate("() => window.ran === undefined")
        assert page.evaluate("() => getComputedStyle(document.getElementById('x')).color") != (
            "rgb(255, 0, 0)")
    finally:
        context.close()
    assert sorted({v.split(" ", 1)[0] for v in violations if " blocked " in v}) == [
        "script-src-elem", "style-src-attr"]
