"""The ``statecrime`` data set as a small fixture: US states' crime, education and poverty
figures for 2009 (51 rows: the 50 states and the District of Columbia).

Source: the US Census Bureau's Statistical Abstract of the United States (2009 figures),
as packaged by statsmodels (``statsmodels.datasets.statecrime``, BSD-licensed package),
whose notes state the data's copyright as "Public domain."
``data/statecrime.csv`` is that file, unchanged.
"""

from __future__ import annotations

import csv
from pathlib import Path

CSV = Path(__file__).parent / "data" / "statecrime.csv"


def load() -> dict[str, dict[str, float]]:
    """State name → its figures (violent, murder, hs_grad, poverty, single, white, urban)."""
    with CSV.open(newline="", encoding="utf-8") as source:
        return {row.pop("state"): {name: float(value) for name, value in row.items()}
                for row in csv.DictReader(source)}
