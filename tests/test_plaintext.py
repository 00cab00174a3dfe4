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
