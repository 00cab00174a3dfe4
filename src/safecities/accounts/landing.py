"""What a person finds on their account page after signing in: each app that gives roles
says what they may do there, as links. Apps register a section from ``AppConfig.ready``;
this app imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    note: str = ""


@dataclass
class Section:
    title: str
    links: list[Link] = field(default_factory=list)
    order: int = 50


SectionSource = Callable[[object], Section | None]
_sources: list[SectionSource] = []


def register_section(source: SectionSource) -> None:
    if source not in _sources:
        _sources.append(source)


def sections_for(user) -> list[Section]:
    found = [section for source in _sources if (section := source(user)) and section.links]
    return sorted(found, key=lambda s: s.order)
