"""The planner's objective, in one place (minimised; units are "points").

Hard rules are constraints (restrictions, exclusions, one meal per slot, locks, variety,
serving levels). Everything else is a weighted cost:

* **K2 shortfall** – 100 points per µg a day falls below the target (K2 mode). It dominates
  every other term; and when a day still falls short, the planner first finds the smallest
  total shortfall possible and then optimises the rest without giving any of it up.
* **Outside the vitamin K band** – 100 points per µg outside baseline ± band (consistency mode
  for vitamin K antagonists), plus 0.05 points per µg away from the baseline inside the band.
* **Energy** – 0.02 points per kcal outside the day's calorie range (200 kcal = 4 points).
* **Favourites** – minus 2 points each time a favourite meal is planned.
* **Recently planned** – 1 point each time a meal from last week's plan comes back.
* **Serving size** – 0.5 points per serving away from one serving.
* **Perturbation** – a seeded random 0 … 0.3 points per meal and day: it breaks the symmetry
  of equally good plans (which makes solving fast) and lets "Regenerate" pick a different good
  plan; the same seed always gives the same plan.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

SHORTFALL_PER_UG = 100.0
BAND_PER_UG = 100.0
BASELINE_DEV_PER_UG = 0.05
ENERGY_PER_KCAL = 0.02
FAVOURITE_BONUS = 2.0
RECENT_PENALTY = 1.0
SERVING_DEVIATION = 0.5
PERTURBATION_MAX = 0.3


def perturbation(seed: int, meal_ids: Sequence[int], days: int) -> dict[tuple[int, int], float]:
    """Seeded noise per (meal id, day), reproducible for the same seed and meals."""
    rng = random.Random(seed)
    return {(m, d): rng.random() * PERTURBATION_MAX for m in sorted(meal_ids) for d in range(days)}


def column_cost(servings: float, favourite: bool, recent_uses: int, noise: float) -> float:
    """The cost of planning one meal in one slot at this serving size."""
    cost = SERVING_DEVIATION * abs(servings - 1.0) + RECENT_PENALTY * recent_uses + noise
    return cost - FAVOURITE_BONUS if favourite else cost


def energy_penalty(kcal: float, lo: float, hi: float) -> float:
    """Points for a day's energy outside [lo, hi]."""
    return ENERGY_PER_KCAL * (max(0.0, lo - kcal) + max(0.0, kcal - hi))


def shortfall(k2_capped: float, target: float) -> float:
    """µg below target (K2 contributions are capped at the target per item)."""
    return max(0.0, target - k2_capped)


def band_penalty(vk: float, baseline: float, band: float) -> float:
    """Points for a day's total vitamin K outside, and away from, baseline ± band."""
    outside = max(0.0, baseline - band - vk) + max(0.0, vk - baseline - band)
    return BAND_PER_UG * outside + BASELINE_DEV_PER_UG * abs(vk - baseline)
