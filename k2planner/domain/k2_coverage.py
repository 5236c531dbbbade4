"""K2 coverage by weight: how much of what is eaten has a known K2 value.

Only foods that can carry K2 count: foods of animal origin (their diet flags say they contain
meat, fish, dairy or egg; a trace does not count), fermented foods
(``resources/rules/k2_carrier_words.txt``) and any food with a K2 value. A carrot without a K2
value is not "unknown K2": plants make K1, not K2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from k2planner.domain.diet import Contains
from k2planner.domain.diet_rules import fold
from k2planner.domain.foods import Food
from k2planner.domain.nutrients import MK_FORMS, Nutrient, Tier
from k2planner.paths import resources_dir

_ANIMAL = Contains.MEAT | Contains.FISH | Contains.DAIRY | Contains.EGG


class K2Status(StrEnum):
    """What is known of one food's K2."""

    MEASURED = "measured"  # a measured, literature or estimated value
    IMPUTED = "imputed"  # taken from a measured relative
    UNKNOWN = "unknown"  # can carry K2, nobody measured it
    NOT_EXPECTED = "not expected"  # a plant food, not fermented: no K2 to speak of


@lru_cache(maxsize=1)
def _carrier_words() -> re.Pattern[str]:
    path = resources_dir() / "rules" / "k2_carrier_words.txt"
    words = [
        re.escape(fold(w))
        for w in path.read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)")


def k2_status(food: Food) -> K2Status:
    """The K2 status of a food."""
    k2_values = [food.values[n] for n in (*MK_FORMS, Nutrient.K2_REPORTED) if n in food.values]
    if k2_values:
        imputed = all(v.tier is Tier.IMPUTED for v in k2_values)
        return K2Status.IMPUTED if imputed else K2Status.MEASURED
    if food.contains & _ANIMAL or _carrier_words().search(fold(food.name)):
        return K2Status.UNKNOWN
    return K2Status.NOT_EXPECTED


@dataclass(frozen=True, slots=True)
class WeightCoverage:
    """Grams of K2-carrying foods by what is known of their K2."""

    measured_g: float = 0.0
    imputed_g: float = 0.0
    unknown_g: float = 0.0

    @property
    def carrier_g(self) -> float:
        """Grams of foods that can carry K2."""
        return self.measured_g + self.imputed_g + self.unknown_g

    def share(self, status: K2Status) -> float | None:
        """The share (0–1) of the carrier weight with this status; None with no carrier."""
        if self.carrier_g <= 0:
            return None
        grams = {
            K2Status.MEASURED: self.measured_g,
            K2Status.IMPUTED: self.imputed_g,
            K2Status.UNKNOWN: self.unknown_g,
        }.get(status, 0.0)
        return grams / self.carrier_g

    def text(self) -> str:
        """E.g. "K2 known for 92 % of the weight that can carry it (3 % imputed)"."""
        known = self.share(K2Status.MEASURED)
        if known is None:
            return "no food that carries K2"
        imputed = self.share(K2Status.IMPUTED) or 0.0
        text = f"K2 known for {100 * (known + imputed):.0f} % of the weight that can carry it"
        return text + (f" ({100 * imputed:.0f} % imputed)" if imputed >= 0.005 else "")


def weight_coverage(items: Iterable[tuple[K2Status, float]]) -> WeightCoverage:
    """Add up (status, grams) pairs."""
    measured = imputed = unknown = 0.0
    for status, grams in items:
        if status is K2Status.MEASURED:
            measured += grams
        elif status is K2Status.IMPUTED:
            imputed += grams
        elif status is K2Status.UNKNOWN:
            unknown += grams
    return WeightCoverage(measured, imputed, unknown)
