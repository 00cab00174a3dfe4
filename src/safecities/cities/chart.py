"""The radar chart of the seven characteristics, as geometry for a server-rendered SVG.

Pure: scores in, coordinates out; ``templates/cities/_radar.html`` draws them. A score of
None ("insufficient data") is never drawn as 0, which would read as a weak score: the
outline is broken at that axis and the axis label says "no score".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SIZE = 420
RADIUS = 140
# Room around the circle for the axis labels, which run outwards from it.
MARGIN_X = 110
MARGIN_Y = 12
RINGS = (25, 50, 75, 100)
# Line patterns and colours that stay apart in greyscale and for colour-blind readers
# (Okabe–Ito palette); the first series is the one the page is about.
STYLES = [
    {"stroke": "#0b5d4b", "dash": "", "fill": "#0b5d4b"},
    {"stroke": "#b35806", "dash": "8 4", "fill": "none"},
    {"stroke": "#0072b2", "dash": "3 3", "fill": "none"},
    {"stroke": "#cc79a7", "dash": "12 4 3 4", "fill": "none"},
    {"stroke": "#333333", "dash": "1 4", "fill": "none"},
]
# Short names that fit around the chart; the table beside it gives the full names.
AXIS_LABELS = {
    "C1": _("Low violence and crime"),
    "C2": _("Prevention capacity"),
    "C3": _("Participation"),
    "C4": _("Trust"),
    "C5": _("Open governance"),
    "C6": _("Economic equality"),
    "C7": _("Inclusion"),
}
HISTORY_STYLE = {"stroke": "#6b6b6b", "dash": "4 3", "fill": "none"}


@dataclass(frozen=True)
class Series:
    label: str
    scores: tuple[float | None, ...]
    history: bool = False  # an earlier year of the same city, drawn quietly


@dataclass(frozen=True)
class Axis:
    code: str
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    scored: bool  # at least one series has a score on this axis


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    score: float


@dataclass(frozen=True)
class DrawnSeries:
    label: str
    path: str
    closed: bool
    points: tuple[Point, ...]
    stroke: str
    dash: str
    fill: str
    history: bool


@dataclass(frozen=True)
class Ring:
    value: int
    points: str  # the polygon
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Radar:
    size: int
    centre: float
    view_box: str
    width: int
    height: int
    axes: tuple[Axis, ...]
    rings: tuple[Ring, ...]
    series: tuple[DrawnSeries, ...]


def _position(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    centre = SIZE / 2
    distance = RADIUS * value / 100
    return (round(centre + distance * math.cos(angle), 1),
            round(centre + distance * math.sin(angle), 1))


def _outline(points: list[tuple[float, float] | None]) -> tuple[str, bool]:
    """An SVG path through the points; broken where a point is missing."""
    count = len(points)
    if count and all(p is not None for p in points):
        return "M" + " L".join(f"{x},{y}" for x, y in points) + " Z", True
    # Start just after a gap so that every run is drawn in one piece, wrapping around.
    start = next((i for i in range(count) if points[i - 1] is None and points[i] is not None),
                 None)
    if start is None:
        return "", False
    parts, run = [], []
    for step in range(count):
        point = points[(start + step) % count]
        if point is None:
            if run:
                parts.append(run)
            run = []
        else:
            run.append(point)
    if run:
        parts.append(run)
    path = " ".join("M" + " L".join(f"{x},{y}" for x, y in part) for part in parts
                    if len(part) > 1)
    return path, False


def radar(axes: list[tuple[str, str]], series: list[Series]) -> Radar:
    """The chart for ``axes`` (code, short label) and up to five main series (plus history)."""
    count = len(axes)
    drawn = []
    main_index = 0
    for item in series:
        if item.history:
            style = HISTORY_STYLE
        else:
            style = STYLES[main_index % len(STYLES)]
            main_index += 1
        positions = [None if s is None else _position(i, count, s)
                     for i, s in enumerate(item.scores)]
        path, closed = _outline(positions)
        drawn.append(DrawnSeries(
            label=item.label, path=path, closed=closed,
            points=tuple(Point(x=p[0], y=p[1], score=s) for p, s in zip(positions, item.scores,
                                                                          strict=True)
                         if p is not None),
            stroke=style["stroke"], dash=style["dash"],
            fill=style["fill"] if closed else "none", history=item.history,
        ))
    drawn_axes = []
    for index, (code, label) in enumerate(axes):
        x, y = _position(index, count, 100)
        lx, ly = _position(index, count, 118)
        anchor = "middle" if abs(lx - SIZE / 2) < 10 else ("start" if lx > SIZE / 2 else "end")
        scored = any(s.scores[index] is not None for s in series)
        drawn_axes.append(Axis(code=code, label=label, x=x, y=y, label_x=lx,
                               label_y=round(ly + 4, 1), anchor=anchor, scored=scored))
    rings = tuple(
        Ring(value=value,
             points=" ".join(f"{x},{y}" for x, y in (_position(i, count, value)
                                                      for i in range(count))),
             label_x=_position(0, count, value)[0] + 3,
             label_y=_position(0, count, value)[1] - 2)
        for value in RINGS
    )
    width, height = SIZE + 2 * MARGIN_X, SIZE + 2 * MARGIN_Y
    return Radar(size=SIZE, centre=SIZE / 2,
                 view_box=f"{-MARGIN_X} {-MARGIN_Y} {width} {height}", width=width,
                 height=height, axes=tuple(drawn_axes), rings=rings, series=tuple(drawn))
