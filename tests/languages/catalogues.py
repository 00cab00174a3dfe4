"""Reading our .po catalogues for the quality tests (gettext's own format, no library)."""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

# %(name)s, %(count)d, %s, %d …; {name}, {link} (the announcement fields, format_html's {}).
PERCENT = re.compile(r"%(?:\((\w+)\))?[#0\- +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])")
BRACES = re.compile(r"\{\w*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    context: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)


def catalogue_path(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def translated_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != "en"]


def read_po(path: Path) -> list[Entry]:
    """The entries of a catalogue, without its header and obsolete (#~) entries."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int | None] | None = None

    def finish():
        nonlocal entry
        if entry.msgid or entry.msgstr:
            entries.append(entry)
        entry = Entry()

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            finish()
            target = None
        elif line.startswith("#,"):
            if entry.msgid or entry.msgstr:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            if entry.msgid or entry.msgstr:
                finish()
            entry.context = ast.literal_eval(line[8:])
            target = ("context", None)
        elif line.startswith("msgid_plural "):
            entry.msgid_plural = ast.literal_eval(line[13:])
            target = ("msgid_plural", None)
        elif line.startswith("msgid "):
            if entry.msgid or entry.msgstr:
                finish()
            entry.msgid = ast.literal_eval(line[6:])
            target = ("msgid", None)
        elif line.startswith("msgstr["):
            index = int(line[7:line.index("]")])
            entry.msgstr[index] = ast.literal_eval(line[line.index("]") + 2:])
            target = ("msgstr", index)
        elif line.startswith("msgstr "):
            entry.msgstr[0] = ast.literal_eval(line[7:])
            target = ("msgstr", 0)
        elif line.startswith('"') and target is not None:
            text = ast.literal_eval(line)
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += text
            else:
                setattr(entry, name, (getattr(entry, name) or "") + text)
    finish()
    return [e for e in entries if e.msgid]  # the header has an empty msgid


def placeholders(text: str, percent: bool = True) -> Counter:
    """The placeholders of a message: named ones by name, positional ones counted; the
    %-ones only where the message is a format (``python-format``: "50% or more" is not)."""
    found: Counter = Counter()
    position = 0
    for match in PERCENT.finditer(text if percent else ""):
        name, conversion = match.groups()
        if conversion == "%":
            continue
        if name:
            found[f"%({name})"] += 1
        else:
            # Positional ones by position only: xgettext takes "50% or" for a format ("% o"),
            # and a translation reads "50 % ou" ("% o") or "50% de" ("% d") alike.
            position += 1
            found[f"%{position}"] += 1
    found.update(BRACES.findall(text))
    return found


def placeholder_problems(entry: Entry) -> list[str]:
    """What a translation dropped, renamed or added, compared with its English."""
    percent = "python-format" in entry.flags
    if entry.msgid_plural is None:
        source = placeholders(entry.msgid, percent)
        translation = placeholders(entry.msgstr.get(0, ""), percent)
        if source != translation:
            return [f"{entry.msgid!r}: {dict(source)} became {dict(translation)}"]
        return []
    # A plural form may leave the number out ("une place"), but every placeholder of the
    # English must appear in some form, and no form may bring one of its own.
    source = set(placeholders(entry.msgid, percent)) | set(
        placeholders(entry.msgid_plural, percent))
    forms = [set(placeholders(text, percent)) for text in entry.msgstr.values()]
    problems = [f"{entry.msgid!r} form {i}: {sorted(form - source)} not in the English"
                for i, form in enumerate(forms) if form - source]
    if forms and set().union(*forms) != source:
        problems.append(f"{entry.msgid!r}: {sorted(source - set().union(*forms))} dropped")
    return problems
