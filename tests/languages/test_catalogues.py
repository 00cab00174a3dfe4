"""Every catalogue is complete and keeps every placeholder of the English."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.languages.catalogues import (
    Entry,
    catalogue_path,
    placeholder_problems,
    read_po,
    translated_languages,
)


def statistics(language: str) -> tuple[int, dict[str, int]]:
    """msgfmt --check (header, and every python-format message's conversions) and the
    counts it reports: translated, fuzzy, untranslated."""
    run = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue_path(language))],
        capture_output=True, text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    counts = {kind: int(number) for number, kind in
              re.findall(r"(\d+) (translated|fuzzy|untranslated)", run.stderr)}
    return run.returncode, {"fuzzy": 0, "untranslated": 0, **counts}


@pytest.mark.parametrize("language", translated_languages())
def test_msgfmt_finds_no_error_and_nothing_untranslated_or_fuzzy(language):
    returncode, counts = statistics(language)

    assert returncode == 0
    assert (counts["untranslated"], counts["fuzzy"]) == (0, 0), counts


@pytest.mark.parametrize("language", translated_languages())
def test_every_message_is_translated_and_keeps_its_placeholders(language):
    entries = read_po(catalogue_path(language))

    untranslated = [e.msgid for e in entries if not all(e.msgstr.values()) or not e.msgstr]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    problems = [problem for entry in entries for problem in placeholder_problems(entry)]

    assert len(entries) > 1000  # the parser read the catalogue
    assert (untranslated, fuzzy, problems) == ([], [], [])


def test_a_dropped_or_renamed_placeholder_is_found():
    formats = {"python-format"}
    renamed = Entry(msgid="Hello %(name)s, see {link}", msgstr={0: "Bonjour %(nom)s, {link}"},
                    flags=formats)
    brace = Entry(msgid="Use {name} and {link}", msgstr={0: "Utilisez {nom} et {link}"})
    dropped = Entry(msgid="%(count)s place", msgid_plural="%(count)s places",
                    msgstr={0: "une place", 1: "des places"}, flags=formats)
    kept = Entry(msgid="%(count)s place", msgid_plural="%(count)s places",
                 msgstr={0: "une place", 1: "%(count)s places"}, flags=formats)
    positional = Entry(msgid="%s of %s", msgstr={0: "%s en tout"}, flags=formats)
    not_a_format = Entry(msgid="50% or more scores 0.", msgstr={0: "50 % ou plus : 0."})

    assert len(placeholder_problems(renamed)) == 1
    assert len(placeholder_problems(brace)) == 1
    assert placeholder_problems(not_a_format) == []
    assert placeholder_problems(dropped) == ["'%(count)s place': ['%(count)'] dropped"]
    assert placeholder_problems(kept) == []
    assert len(placeholder_problems(positional)) == 1
