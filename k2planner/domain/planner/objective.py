"""The planner's objective, in one place (minimised; units are "points").

Hard rules are constraints (restrictions, exclusions, one meal per slot, locks, variety,
serving levels). Everything else is a weighted cost:

* **K2 shortfall** – 100 points per µg a day falls below the target (K2 mode). It dominates
  every other term; and when a day still falls short, the planner first finds the smallest
  total shortfall possible and then optimises the rest without giving any of it up.
* **Outside the vitamin K band** – 100 points per µg outside baseline ± band (consistency mode
  for vitamin K antagonists), plus 0.05 points per µg away from the baseline inside the band.
* **Even days** – 0.01 points per µg a day's K2 lies above twice the target, or 180 µg if
  that is higher (K2 mode; a small target must not push K2 down): a
  week of days evenly on target beats one natto day at 500 µg among days that just meet it,
  unless the rich day buys something worth more (a favourite, energy in range).
* **Energy** – 0.02 points per kcal outside the day's calorie range (200 kcal = 4 points).
* **Favourites** – minus 2 points each time a favourite meal is planned.
* **Less of** – 3 points each time a meal with a food the user wants less of is planned (a
  soft dislike, beside the hard exclusions): it comes only when it buys more than that.
* **Recently planned** – 1 point each time a meal from last week's plan comes back.
* **Serving size** – 0.5 points per serving away from one serving.
* **Perturbation** – a seeded random 0 … 0.3 points per meal and day: it breaks the symmetry
  of equally good plans (which makes solving fast) and lets "Regenerate" pick a different good
  plan; the same seed always gives the same plan.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

SHORTFALL_PER_UG = 100.0
BAND_PER_UG = 100.0
BASELINE_DEV_PER_UG = 0.05
ENERGY_PER_KCAL = 0.02
EXCESS_PER_UG = 0.01
EXCESS_FACTOR = 2.0
EXCESS_FLOOR_UG = 180.0
FAVOURITE_BONUS = 2.0
RECENT_PENALTY = 1.0
DISLIKE_PENALTY = 3.0
SERVING_DEVIATION = 0.5
PERTURBATION_MAX = 0.3


def perturbation(seed: int, meal_ids: Sequence[int], days: int) -> dict[tuple[int, int], float]:
    """Seeded noise per (meal id, day), reproducible for the same seed and meals."""
    rng = random.Random(seed)
    return {(m, d): rng.random() * PERTURBATION_MAX for m in sorted(meal_ids) for d in range(days)}


def column_cost(
    servings: Any, favourite: Any, recent_uses: Any, noise: Any, disliked: Any = False
) -> Any:
    """The cost of planning one meal in one slot at this serving size.

    Plain arithmetic, so it takes numbers or NumPy arrays of them (the program's columns)."""
    return (
        SERVING_DEVIATION * abs(servings - 1.0)
        + RECENT_PENALTY * recent_uses
        + noise
        + DISLIKE_PENALTY * disliked
        - FAVOURITE_BONUS * favourite
    )


def energy_penalty(kcal: float, lo: float, hi: float) -> float:
    """Points for a day's energy outside [lo, hi]."""
    return ENERGY_PER_KCAL * (max(0.0, lo - kcal) + max(0.0, kcal - hi))


def excess_ceiling(target: float) -> float:
    """Above this day's K2 (twice the target, at least 180 µg) every µg costs
    :data:`EXCESS_PER_UG`."""
    return max(EXCESS_FACTOR * target, EXCESS_FLOOR_UG)


def excess_penalty(k2: float, target: float) -> float:
    """Points for a day's (uncapped) K2 far above the target."""
    return EXCESS_PER_UG * max(0.0, k2 - excess_ceiling(target))


def shortfall(k2_capped: float, target: float) -> float:
    """µg below target (K2 contributions are capped at the target per item)."""
    return max(0.0, target - k2_capped)


def band_penalty(vk: float, baseline: float, band: float) -> float:
    """Points for a day's total vitamin K outside, and away from, baseline ± band."""
    outside = max(0.0, baseline - band - vk) + max(0.0, vk - baseline - band)
    return BAND_PER_UG * outside + BASELINE_DEV_PER_UG * abs(vk - baseline)
