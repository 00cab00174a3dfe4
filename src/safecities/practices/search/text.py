"""Turning what people type into search terms, the same way on both databases."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Marks around matched words in snippets; removed from indexed text so nobody can forge them.
START, STOP = "\x02", "\x03"
WORD = re.compile(r"\w+", re.UNICODE)
# Words too common to search for (PostgreSQL's English configuration drops them too).
STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were",
    "will", "with",
})


def terms(text: str) -> list[str]:
    """The words of a query, lower-cased, without stop words or duplicates, at most 12."""
    seen: list[str] = []
    for word in WORD.findall(text.lower()):
        if word not in STOPWORDS and word not in seen and "_" not in word:
            seen.append(word)
    return seen[:12]


def indexable(text: str) -> str:
    return text.replace(START, " ").replace(STOP, " ")


def highlighted(snippet: str) -> SafeString:
    """Escape a snippet, then turn the match marks into <mark> elements."""
    html = escape(snippet)
    # Marks come in pairs from the database; an unpaired one is dropped, never left open.
    parts = html.split(START)
    out = [parts[0].replace(STOP, "")]
    for part in parts[1:]:
        if STOP in part:
            inside, _, rest = part.partition(STOP)
            out.append(f"<mark>{inside}</mark>{rest.replace(STOP, '')}")
        else:
            out.append(part)
    return mark_safe("".join(out))  # noqa: S308 - escaped above; only <mark> added
