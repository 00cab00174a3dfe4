"""Charts drawn on the server as SVG: no JavaScript, a few hundred bytes, readable by a
screen reader through the table that accompanies each chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: str  # the polyline's "x,y x,y …"
    area: str  # the same, closed along the bottom, for the filled area
    first_day: date | None
    last_day: date | None
    total: int
    max_label: int
    days: list[tuple[date, int, int]]  # day, received that day, running total


def cumulative_line(per_day: list[tuple[date, int]], *, start: date | None = None,
                    width: int = 600, height: int = 160, pad: int = 4) -> LineChart:
    """Running total of registrations per day, every calendar day from ``start`` (the day
    registration opened) to the last registration included (days without registrations keep
    the line flat). The line starts from nothing: at the latest, the day before the first
    registration — so a rush on one day rises, instead of filling the box as a flat band."""
    if not per_day:
        return LineChart(width, height, "", "", None, None, 0, 0, [])
    counts = dict(per_day)
    first, last = per_day[0][0], per_day[-1][0]
    day_before = first - timedelta(days=1)
    first = day_before if start is None or start > day_before else start
    span = (last - first).days
    days = [first + timedelta(days=i) for i in range(span + 1)]
    received = [counts.get(day, 0) for day in days]
    totals = list(accumulate(received))
    top = max(totals[-1], 1)
    step = (width - 2 * pad) / max(span, 1)

    def xy(i: int, total: int) -> str:
        x = pad + i * step
        y = height - pad - (height - 2 * pad) * total / top
        return f"{x:.1f},{y:.1f}"

    coords = [xy(i, total) for i, total in enumerate(totals)]
    points = " ".join(coords)
    area = f"{pad:.1f},{height - pad:.1f} {points} {coords[-1].split(',')[0]},{height - pad:.1f}"
    return LineChart(width, height, points, area, first, last, totals[-1], top,
                     list(zip(days, received, totals, strict=True)))
