"""The self-assessment scoring: pure functions, no database, no Django.

The rules (docs/self-assessment.md explains them in plain words):

1. Each indicator has fixed goalposts, a lower bound L and an upper bound U, that never
   depend on the other cities: a city's score does not move when another city joins, and
   scores stay comparable over time.
2. Skewed rates (homicide, robbery) are scaled on log(1 + x): x, L and U alike.
3. Higher-is-better: ``100 · (clip(x, L, U) − L) / (U − L)``; lower-is-better: 100 minus
   that. Rubrics (levels 0–4) score 0, 25, 50, 75, 100.
4. A characteristic's score is the mean of its indicators' scores. It is shown only when
   at least two indicators have a value and none of those values is more than five years
   older than the assessment year; otherwise the characteristic has "insufficient data".
5. Every score carries the raw values behind it (value, year, source) and its
   completeness (how many of the characteristic's indicators have a value).

An assessment is made *as of a year*: for each indicator, the most recent value of that
year or earlier counts. Scores are rounded to one decimal (halves up) only at the end (the mean is
taken of the unrounded indicator scores).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

HIGHER = "higher"
LOWER = "lower"
NUMBER = "number"
PERCENTAGE = "percentage"
RUBRIC = "rubric"

SCORED = "scored"
INSUFFICIENT_DATA = "insufficient_data"

# Why a characteristic has no score (stable codes; pages translate them).
FEWER_THAN_TWO = "fewer_than_two"
TOO_OLD = "too_old"

MIN_INDICATORS = 2
MAX_AGE_YEARS = 5
RUBRIC_LEVELS = 5  # 0, 1, 2, 3, 4


@dataclass(frozen=True)
class IndicatorRule:
    """How one indicator is scored: what the instrument says about it."""

    code: str
    characteristic: str
    direction: str = HIGHER
    lower: float = 0.0
    upper: float = 100.0
    log_scale: bool = False
    kind: str = NUMBER

    def __post_init__(self) -> None:
        if self.direction not in (HIGHER, LOWER):
            raise ValueError(f"{self.code}: direction must be {HIGHER!r} or {LOWER!r}")
        if not self.lower < self.upper:
            raise ValueError(f"{self.code}: the lower goalpost must be below the upper one")
        if self.log_scale and self.lower < 0:
            raise ValueError(f"{self.code}: log scaling needs goalposts of 0 or more")


@dataclass(frozen=True)
class Observation:
    """One value a city reported for an indicator, with where it comes from."""

    code: str
    value: float
    year: int
    source: str = ""
    link: str = ""
    note: str = ""
    is_demo: bool = False


@dataclass(frozen=True)
class IndicatorScore:
    """An indicator in an assessment: its value (if any) and its score (if counted)."""

    code: str
    observation: Observation | None
    score: float | None  # rounded to one decimal; None when there is no value
    exact: float | None = field(default=None, repr=False, compare=False)
    too_old: bool = False


@dataclass(frozen=True)
class CharacteristicScore:
    code: str
    score: float | None
    status: str  # SCORED or INSUFFICIENT_DATA
    indicators: tuple[IndicatorScore, ...]
    present: int  # indicators with a value
    total: int  # indicators the instrument has for this characteristic
    reasons: tuple[str, ...] = ()  # why there is no score

    @property
    def is_scored(self) -> bool:
        return self.status == SCORED


@dataclass(frozen=True)
class Assessment:
    year: int | None
    version: int | None
    characteristics: Mapping[str, CharacteristicScore]

    def scores(self) -> dict[str, float | None]:
        return {code: c.score for code, c in self.characteristics.items()}


def round_score(value: float) -> float:
    """One decimal, halves rounded up (56.25 → 56.3), as people round by hand."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class InvalidValue(ValueError):
    """A value the indicator cannot take (a rubric level that is not 0–4, a negative rate)."""


def check_value(rule: IndicatorRule, value: float) -> None:
    """Raise ``InvalidValue`` unless ``value`` is a value this indicator can take."""
    if math.isnan(value) or math.isinf(value):
        raise InvalidValue("not a number")
    if rule.kind == RUBRIC:
        if value != int(value) or not 0 <= value < RUBRIC_LEVELS:
            raise InvalidValue("rubric")
    elif rule.kind == PERCENTAGE:
        if not 0 <= value <= 100:
            raise InvalidValue("percentage")
    elif value < 0:
        raise InvalidValue("negative")


def indicator_score(rule: IndicatorRule, value: float) -> float:
    """The indicator's score, 0–100 (unrounded), by rules 1–3."""
    check_value(rule, value)
    if rule.kind == RUBRIC:
        position = value / (RUBRIC_LEVELS - 1)
    else:
        scale = math.log1p if rule.log_scale else float
        lower, upper = scale(rule.lower), scale(rule.upper)
        clipped = min(max(scale(value), lower), upper)
        position = (clipped - lower) / (upper - lower)
    score = 100 * position
    return 100 - score if rule.direction == LOWER else score


def latest_observations(
    observations: Iterable[Observation], year: int | None = None
) -> dict[str, Observation]:
    """For each indicator, its most recent observation of ``year`` or earlier (any year if None)."""
    latest: dict[str, Observation] = {}
    for observation in observations:
        if year is not None and observation.year > year:
            continue
        current = latest.get(observation.code)
        if current is None or observation.year > current.year:
            latest[observation.code] = observation
    return latest


def score_characteristic(
    code: str, rules: Iterable[IndicatorRule], latest: Mapping[str, Observation], year: int
) -> CharacteristicScore:
    """Rule 4 for one characteristic, from the latest observation of each of its indicators."""
    indicators: list[IndicatorScore] = []
    for rule in rules:
        observation = latest.get(rule.code)
        if observation is None:
            indicators.append(IndicatorScore(code=rule.code, observation=None, score=None))
            continue
        exact = indicator_score(rule, observation.value)
        indicators.append(IndicatorScore(
            code=rule.code, observation=observation, score=round_score(exact), exact=exact,
            too_old=year - observation.year > MAX_AGE_YEARS,
        ))
    present = [i for i in indicators if i.observation is not None]
    reasons = []
    if len(present) < MIN_INDICATORS:
        reasons.append(FEWER_THAN_TWO)
    if any(i.too_old for i in present):
        reasons.append(TOO_OLD)
    score = None
    if not reasons:
        score = round_score(sum(i.exact for i in present) / len(present))
    return CharacteristicScore(
        code=code, score=score, status=INSUFFICIENT_DATA if reasons else SCORED,
        indicators=tuple(indicators), present=len(present), total=len(indicators),
        reasons=tuple(reasons),
    )


def assess(
    rules: Iterable[IndicatorRule],
    observations: Iterable[Observation],
    *,
    year: int | None = None,
    version: int | None = None,
    characteristics: Iterable[str] | None = None,
) -> Assessment:
    """Score every characteristic as of ``year`` (default: the latest year with a value).

    ``characteristics`` fixes which characteristics appear and in which order (default:
    those of the rules, in the rules' order). Observations of indicators the rules do not
    know are ignored.
    """
    rules = list(rules)
    known = {rule.code for rule in rules}
    observations = [o for o in observations if o.code in known]
    if year is None:
        year = max((o.year for o in observations), default=None)
    by_characteristic: dict[str, list[IndicatorRule]] = {}
    for code in characteristics or ():
        by_characteristic[code] = []
    for rule in rules:
        by_characteristic.setdefault(rule.characteristic, []).append(rule)
    latest = latest_observations(observations, year) if year is not None else {}
    return Assessment(
        year=year,
        version=version,
        characteristics={
            code: score_characteristic(code, code_rules, latest, year or 0)
            for code, code_rules in by_characteristic.items()
        },
    )


def assessment_years(observations: Iterable[Observation]) -> list[int]:
    """The years for which a city has at least one value, oldest first (its history)."""
    return sorted({o.year for o in observations})
