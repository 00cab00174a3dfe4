"""Every region that scrolls sideways can be reached and scrolled with the keyboard
(axe: scrollable-region-focusable): it is a focusable, named region."""

from __future__ import annotations

import re
from pathlib import Path

import safecities

TEMPLATES = Path(safecities.__file__).resolve().parent


def test_every_scrolling_container_is_a_focusable_named_region():
    unreachable = sorted(
        f"{path.relative_to(TEMPLATES)}: {tag}"
        for path in TEMPLATES.rglob("templates/**/*.html")
        for tag in re.findall(r'<div class="(?:table-scroll|scroll)"[^>]*>', path.read_text())
        if 'tabindex="0"' not in tag or 'role="region"' not in tag or "aria-label" not in tag)
    assert unreachable == []
