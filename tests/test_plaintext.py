"""Single-line fields: no control characters, no bidi overrides, something visible."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from safecities.plaintext import validate_single_line

REFUSED = {
    "zero-width only": "\u200b\u200c\u200d\ufeff",
    "spaces and zero-width": " \u200b \u2060 ",
    "right-to-left override": "Amina \u202egnp.exe",
    "left-to-right embedding": "\u202aAmina",
    "isolate": "Amina\u2066x\u2069",
    "C0 control": "Amina\x07Phiri",
    "tab": "Amina\tPhiri",
    "newline": "Amina\nBcc: x@example.org",
    "DEL": "Amina\x7f",
    "C1 control": "Amina\x85Phiri",
}

ACCEPTED = ["Amina Phiri", "Zoë Ñúñez-O'Brien", "محمد الأمين", "שלום", "张伟",
            "Thandiwe (Durban)", "N\u0301guessan", "👩🏾‍💼 Amina"]


@pytest.mark.parametrize("value", REFUSED.values(), ids=REFUSED.keys())
def test_refused(value):
    with pytest.raises(ValidationError):
        validate_single_line(value)


@pytest.mark.parametrize("value", ACCEPTED)
def test_accepted(value):
    validate_single_line(value)


def _form_classes():
    import importlib
    import inspect
    import pkgutil

    from django import forms

    import safecities

    for info in pkgutil.walk_packages(safecities.__path__, "safecities."):
        if info.name.rsplit(".", 1)[-1] != "forms":
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_single_line_field_of_every_form_follows_the_rule():
    """A new form cannot forget the rule: model forms derive from SingleLineModelForm, and
    every declared one-line text field of the other forms carries the validator. (Sign-in
    forms only compare what is typed with what is stored: they are left alone.)"""
    from django import forms
    from django.contrib.auth.forms import AuthenticationForm

    from safecities.plaintext import SingleLineModelForm

    missing = []
    for cls in _form_classes():
        if issubclass(cls, AuthenticationForm):
            continue
        if issubclass(cls, forms.ModelForm):
            if not issubclass(cls, SingleLineModelForm):
                missing.append(cls.__qualname__)
            continue
        for name, field in cls.base_fields.items():
            one_line = (isinstance(field, forms.CharField)
                        and isinstance(field.widget, forms.TextInput)
                        and not isinstance(field.widget, forms.PasswordInput)
                        and not isinstance(field, forms.EmailField | forms.RegexField))
            if one_line and name not in {"token", "code"} and (
                    validate_single_line not in field.validators):
                missing.append(f"{cls.__module__}.{cls.__qualname__}.{name}")
    assert missing == []
