from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    """``labels.characteristic|get_item:code``: a value from a dictionary by key."""
    return mapping.get(key, key) if mapping else key
