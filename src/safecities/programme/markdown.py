"""People's Markdown, rendered to HTML and sanitised with nh3 before it is shown.

CommonMark (markdown-it-py) with raw HTML switched off, then nh3 keeps only the tags
below and only http(s) and mailto links; every link gets rel="noopener noreferrer nofollow".
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a", "blockquote", "code", "pre",
                "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def to_html(text: str) -> str:
    """Safe HTML for ``text``: headings become h3/h4 (the page owns h1 and h2)."""
    if not text:
        return ""
    html = _parser.render(text)
    for level, replacement in (("1", "3"), ("2", "3"), ("5", "4"), ("6", "4")):
        html = html.replace(f"<h{level}>", f"<h{replacement}>").replace(
            f"</h{level}>", f"</h{replacement}>")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow")
