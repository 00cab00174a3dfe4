"""User-written text: Markdown rendered to HTML, then sanitised with nh3.

Nothing a contributor writes may run script in a reader's browser: Markdown may emit raw
HTML, so its output is cleaned against a short allow-list of tags and attributes, links
keep only http, https and mailto, and every link gets ``rel="nofollow noopener ugc"``.
"""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
        "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr"}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    """Markdown → sanitised HTML, safe to put in a page as it is."""
    if not text:
        return mark_safe("")
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="nofollow noopener ugc", strip_comments=True)
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
