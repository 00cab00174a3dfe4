"""The public event page on a phone: the README's screenshot and the page's weight."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from django.templatetags.static import static
from playwright.sync_api import Response, expect

from safecities.events.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.live]

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT = PROJECT_DIR / "docs" / "images" / "event-page.png"
PHONE = {"width": 412, "height": 915}


def png_size(path: Path) -> tuple[int, int]:
    with path.open("rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_the_readme_screenshot_shows_the_demo_event_page_on_a_phone(server, new_page):
    event = load_demo()
    page = new_page(viewport=PHONE)

    page.goto(f"{server.url}/events/durban-2014/")
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT)

    assert png_size(SCREENSHOT) == (412, 915)


def test_the_event_page_is_one_document_and_one_stylesheet_under_50_kb(server, page):
    load_demo()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))

    page.goto(f"{server.url}/events/durban-2014/", wait_until="load")

    assert [(r.request.resource_type, r.url, r.status) for r in responses] == [
        ("document", f"{server.url}/events/durban-2014/", 200),
        ("stylesheet", f"{server.url}{static('css/site.css')}", 200),
    ]
    sizes = {r.url: len(r.body()) for r in responses}
    assert sum(sizes.values()) < 50 * 1024, sizes
