from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.filter
def lang_attr(text) -> str:
    """` lang="pt"` for an organiser's text (``LocalisedText``) shown in another language
    than the page's, so that screen readers and hyphenation follow it; else nothing."""
    language = getattr(text, "language", None)
    if language and language != translation.get_language():
        return format_html(' lang="{}"', language)
    return ""
