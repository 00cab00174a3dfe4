from django import template

from safecities.privacy.export import readable

register = template.Library()


@register.filter
def rows_of(record, section):
    """``{% for row in record|rows_of:section %}``: label and displayed value."""
    return readable(section, record)
