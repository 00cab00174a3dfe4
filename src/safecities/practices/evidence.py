"""The evidence rule: the public label of a practice, derived from its outcomes' ratings.

This module is the one place the rule lives. It is pure: no database, no clock.

* Each outcome has a design strength E0–E4 and an effect. Reviewers propose both; an
  outcome's rating is **agreed** when at least two reviewers proposed the same pair and
  no other pair had as many supporters (``agreed_rating``).
* The label uses agreed ratings only (``derive_label``):

  - no agreed rating at all → **Self-reported** (the contributor's own account);
  - any negative effect at E2 or stronger → **Harmful** (harm outweighs any benefit
    shown elsewhere);
  - a positive effect at E4, or positive effects at E3 in at least two outcomes →
    **Effective**;
  - a positive effect at E3 in a single outcome, or a positive effect at E2 →
    **Promising**;
  - otherwise, effects at E2 or stronger that show no effect (and none positive or
    negative) → **No effect**;
  - otherwise (only E0–E1 evidence, mixed results, or nothing assessed) → **Emerging**.

Ratings whose effect is "not assessed" say nothing about the effect and count only
towards ``strongest_design``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from safecities.practices.models import DesignStrength, Effect, EvidenceLabel

COMPARISON = DesignStrength.E2  # the weakest design that can show an effect was caused


@dataclass(frozen=True, order=True)
class Rating:
    """A design strength (0–4) and an effect (``Effect`` value) for one outcome."""

    strength: int
    effect: str

    def __post_init__(self) -> None:
        if self.strength not in DesignStrength.values:
            raise ValueError(f"design strength must be 0–4, not {self.strength!r}")
        if self.effect not in Effect.values:
            raise ValueError(f"unknown effect {self.effect!r}")


def agreed_rating(proposals: Iterable[Rating]) -> Rating | None:
    """The rating for one outcome that at least two reviewers proposed and that no other
    rating matched in support; ``None`` when no two reviewers agree or support is tied.
    """
    ranked = Counter(proposals).most_common()
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def derive_label(agreed: Sequence[Rating]) -> EvidenceLabel:
    """The public label for a practice whose outcomes have these agreed ratings."""
    if not agreed:
        return EvidenceLabel.SELF_REPORTED
    conclusive = [r for r in agreed if r.strength >= COMPARISON and r.effect != Effect.NOT_ASSESSED]
    if any(r.effect == Effect.NEGATIVE for r in conclusive):
        return EvidenceLabel.HARMFUL
    positive = Counter(r.strength for r in conclusive if r.effect == Effect.POSITIVE)
    if positive[DesignStrength.E4] or positive[DesignStrength.E3] >= 2:
        return EvidenceLabel.EFFECTIVE
    if positive[DesignStrength.E3] or positive[DesignStrength.E2]:
        return EvidenceLabel.PROMISING
    if any(r.effect == Effect.NO_EFFECT for r in conclusive):
        return EvidenceLabel.NO_EFFECT
    return EvidenceLabel.EMERGING


def strongest_design(agreed: Sequence[Rating]) -> int:
    """The strongest agreed design (0–4), or −1 when nothing is agreed (for sorting)."""
    return max((r.strength for r in agreed), default=-1)


# The order of "strongest evidence first" among labels of equal design strength.
LABEL_ORDER = [
    EvidenceLabel.EFFECTIVE, EvidenceLabel.PROMISING, EvidenceLabel.NO_EFFECT,
    EvidenceLabel.HARMFUL, EvidenceLabel.EMERGING, EvidenceLabel.SELF_REPORTED,
]
