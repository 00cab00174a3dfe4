"""The one rich-text pipeline: people's Markdown rendered to HTML, then sanitised by nh3.

Used by every app that shows Markdown (session abstracts, outcomes and reports in
``programme``; practice records and call guidance in ``practices``) through the one
template filter below (``{% load richtext %}`` then ``{{ text|markdown }}``; the library
is registered in ``settings.TEMPLATES``).

CommonMark (markdown-it-py) plus tables, with raw HTML switched off and no linkifying
(plain text is never turned into links); then nh3 keeps only the tags below and only
http(s) and mailto links, and every link gets ``rel="noopener noreferrer nofollow"``.
Headings never outrank the page: h1/h2 become h3, h5/h6 become h4.
"""

from __future__ import annotations

import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a", "blockquote", "code", "pre",
                "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.enable("table")

_HEADINGS = (("1", "3"), ("2", "3"), ("5", "4"), ("6", "4"))


def render_markdown(text: str) -> SafeString:
    """Safe HTML for ``text``, ready to put in a page as it is."""
    if not text:
        return mark_safe("")
    html = _parser.render(text)
    for level, replacement in _HEADINGS:
        html = html.replace(f"<h{level}>", f"<h{replacement}>").replace(
            f"</h{level}>", f"</h{replacement}>")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel=LINK_REL, strip_comments=True)
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """``{{ text|markdown }}``: the text rendered and sanitised by ``render_markdown``."""
    return render_markdown(text)
