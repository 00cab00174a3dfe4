"""Every string the code marks for translation is in every catalogue.

The completeness test reads the catalogues; this one makes sure they are the catalogues of
today's code: it runs makemessages on a copy of the package and fails on any message that the
committed catalogues lack (a string added to a template or module without a translation)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import safecities
from tests.languages.catalogues import read_po, translated_languages

PACKAGE = Path(safecities.__file__).parent


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> Path:
    """The package's catalogues as makemessages makes them from the code, in a copy (the
    committed files are never touched)."""
    copy = tmp_path_factory.mktemp("messages") / "safecities"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns(
        "__pycache__", "*.mo", "static", "*.png", "*.jpg", "*.pdf", "*.ttf", "*.woff2"))
    # Without a settings module makemessages writes into ./locale of the copy, not into the
    # LOCALE_PATHS of the real settings.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    languages = [arg for code in translated_languages() for arg in ("-l", code)]
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", *languages,
         "--no-location", "--no-obsolete", "-v0"],
        cwd=copy, env=env, check=True, capture_output=True)
    return copy / "locale"


@pytest.mark.parametrize("language", translated_languages())
def test_the_catalogue_holds_every_message_of_the_code(fresh_catalogues, language):
    committed = PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"
    fresh = fresh_catalogues / language / "LC_MESSAGES" / "django.po"

    have = {entry.key for entry in read_po(committed)}
    missing = sorted(
        entry.msgid for entry in read_po(fresh) if entry.key not in have)

    assert missing == [], (
        f"{len(missing)} message(s) of the code are not in the {language} catalogue: run "
        f"makemessages (docs/translation.md) and translate them:\n" + "\n".join(missing))


def test_a_new_string_in_the_code_is_found(tmp_path):
    """The check can fail: a template with a new string gives a message the catalogue lacks."""
    copy = tmp_path / "safecities"
    (copy / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "django.po",
                copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    (copy / "templates").mkdir()
    (copy / "templates" / "new.html").write_text(
        "{% load i18n %}{% translate \"A sentence nobody has translated yet\" %}")
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "fr",
                    "--no-location", "-v0"], cwd=copy, env=env, check=True,
                   capture_output=True)
    fresh = read_po(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    untranslated = [e.msgid for e in fresh if not all(e.msgstr.values())]

    assert "A sentence nobody has translated yet" in untranslated
