"""Django's own messages listed for our catalogues are still Django's messages."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import django

from safecities.languages import django_messages

MARKERS = {"gettext_noop", "ngettext_lazy"}


def listed_messages() -> list[str | tuple[str, int]]:
    """What makemessages reads: the literal first argument of each marker."""
    tree = ast.parse(Path(django_messages.__file__).read_text())
    found: list[str | tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in MARKERS:
            msgid = node.args[0].value
            found.append((msgid, 0) if node.func.id == "ngettext_lazy" else msgid)
    return found


def django_catalogue(localedir: Path) -> dict:
    # French is complete in Django, so its catalogue holds every message Django has.
    return gettext.translation("django", localedir=localedir, languages=["fr"])._catalog


def test_every_listed_message_is_one_of_djangos():
    base = Path(django.__file__).parent
    known = (django_catalogue(base / "conf" / "locale").keys()
             | django_catalogue(base / "contrib" / "auth" / "locale").keys())

    missing = [msgid for msgid in listed_messages() if msgid not in known]

    assert len(listed_messages()) == 100
    assert missing == []


def test_the_messages_people_meet_first_are_listed():
    listed = listed_messages()

    for msgid in ["This field is required.", "Enter a valid email address.",
                  ("Ensure this value has at most %(limit_value)d character "
                   "(it has %(show_value)d).", 0),
                  "Select a valid choice. %(value)s is not one of the available choices.",
                  "December", "Wednesday", "dec", "Wed", "This password is too common."]:
        assert msgid in listed, msgid
