from django import template
from django.utils.safestring import SafeString

from safecities.practices.richtext import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render a contributor's Markdown as sanitised HTML (see practices/richtext.py)."""
    return render_markdown(text)


@register.filter
def get_item(mapping: dict, key: str):
    """``labels.characteristic|get_item:code``: a value from a dictionary by key."""
    return mapping.get(key, key) if mapping else key
