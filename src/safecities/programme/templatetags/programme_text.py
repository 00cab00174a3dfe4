from django import template
from django.utils.safestring import mark_safe

from safecities.programme.markdown import to_html

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Markdown rendered and sanitised by nh3 (programme.markdown): safe to mark safe."""
    return mark_safe(to_html(text))  # noqa: S308 - sanitised by nh3 just above
