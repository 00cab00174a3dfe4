"""Plain text that people type into single-line fields: names, organisations, subjects, titles.

One rule for every such field, in every form and in the API (which validates through the
same forms): the text may not hold control characters (C0, DEL, C1 — they break pages'
HTML validity and the letters' text layer), nor the bidirectional overrides and isolates
U+202A–U+202E and U+2066–U+2069 (they make a name read differently from what it is), and
it must have at least one visible character (a name of zero-width spaces is no name).
Letters, marks and punctuation of every script pass, including right-to-left scripts.

``SingleLineField`` is a ``CharField`` with the rule; ``guard_single_line_fields(form)``
adds the rule to every single-line text field of a form built from a model.
"""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Categories with nothing to see: separators (spaces), format characters (zero-width,
# joiners, marks of direction), unassigned and private-use code points.
_INVISIBLE = {"Zs", "Zl", "Zp", "Cf", "Cn", "Co", "Cs", "Cc"}


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"  # C0, DEL and C1


def validate_single_line(value: str) -> None:
    """Refuse control characters, bidi overrides and text with nothing visible."""
    if not value:
        return
    if any(_is_control(ch) for ch in value):
        raise ValidationError(
            _("Please use a single line of text, without control characters."),
            code="control_character")
    if any(ch in BIDI_CONTROLS for ch in value):
        raise ValidationError(
            _("Please remove the invisible characters that change the direction of the text."),
            code="bidi_control")
    if all(unicodedata.category(ch) in _INVISIBLE for ch in value):
        raise ValidationError(_("Please write something visible here."), code="invisible")


class SingleLineField(forms.CharField):
    """A single line of plain text (``validate_single_line``), trimmed."""

    default_validators = [validate_single_line]


def guard_single_line_fields(form: forms.BaseForm) -> None:
    """Add the single-line rule to each text field of ``form`` shown as one line (a text
    input), e.g. the fields of a model form; multi-line fields (text areas) keep newlines."""
    for field in form.fields.values():
        if (isinstance(field, forms.CharField) and isinstance(field.widget, forms.TextInput)
                and not isinstance(field.widget, forms.PasswordInput)
                and validate_single_line not in field.validators):
            field.validators.append(validate_single_line)


class SingleLineModelForm(forms.ModelForm):
    """A model form whose single-line text fields follow ``validate_single_line``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_single_line_fields(self)
