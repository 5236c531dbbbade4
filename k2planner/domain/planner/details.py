"""What a plan contains, recomputed from the foods: per ingredient, per meal, per day.

Nothing here is stored; totals are always derived from the database values, so anyone can
recompute them from the source data (each ingredient carries its food's source id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from k2planner.domain.foods import Food
from k2planner.domain.k2 import K2Summary, K2Tally, tally_k2
from k2planner.domain.k2_coverage import K2Status, WeightCoverage, k2_status, weight_coverage
from k2planner.domain.meals import Meal
from k2planner.domain.nutrients import Nutrient
from k2planner.domain.planner.types import Assignment


@dataclass(frozen=True, slots=True)
class IngredientUse:
    """One ingredient of a planned meal, for one person, with its contributions."""

    food_id: int
    source_id: str
    name: str
    grams: float
    k1_ug: float | None
    k2: K2Summary
    energy_kcal: float | None
    vk_other_ug: float = 0.0  # vitamin K of unstated form (labels), beyond K1 and K2
    k2_range_ug: tuple[float, float] | None = None  # this amount's K2 across the sources
    k2_status: K2Status = K2Status.UNKNOWN


def weight_coverage_of(uses: Iterable[IngredientUse]) -> WeightCoverage:
    """K2 coverage by weight over ingredient uses."""
    return weight_coverage((u.k2_status, u.grams) for u in uses)


def k2_range_of(uses: Iterable[IngredientUse]) -> tuple[float, float]:
    """The lowest and highest K2 the sources allow for these amounts (unknown adds 0)."""
    lows = highs = 0.0
    for u in uses:
        if u.k2_range_ug is not None:
            lows += u.k2_range_ug[0]
            highs += u.k2_range_ug[1]
    return lows, highs


@dataclass(frozen=True, slots=True)
class PlannedMeal:
    """A planned slot with its meal, per person."""

    assignment: Assignment
    meal: Meal
    ingredients: tuple[IngredientUse, ...]
    k2: K2Tally
    k1_ug: float
    energy_kcal: float
    vk_other_ug: float = 0.0

    @property
    def vitamin_k_ug(self) -> float:
        """K1 + K2 (+ vitamin K of unstated form), known values."""
        return self.k1_ug + self.k2.total_ug + self.vk_other_ug

    def k2_text(self, digits: int = 0, short: bool = False) -> str:
        """E.g. "42 µg"; for a meal of plant foods only (plants make K1, not K2) "none
        expected (plant foods)", or "— (plants)" when ``short``, instead of "unknown"."""
        if self.ingredients and all(u.k2_status is K2Status.NOT_EXPECTED for u in self.ingredients):
            return "— (plants)" if short else "none expected (plant foods)"
        return self.k2.text(digits)


@dataclass(frozen=True, slots=True)
class DayTotals:
    """One day's totals, per person."""

    day: int
    date: dt.date
    k2: K2Tally
    k1_ug: float
    k1_known_items: int
    energy_kcal: float
    vk_other_ug: float = 0.0
    k2_range_ug: tuple[float, float] = (0.0, 0.0)  # the day's K2 across the sources
    k2_weight: WeightCoverage = field(default_factory=WeightCoverage)  # K2 carriers, grams

    @property
    def vitamin_k_ug(self) -> float:
        """Total vitamin K: K1 + K2 (+ vitamin K of unstated form), known values."""
        return self.k1_ug + self.k2.total_ug + self.vk_other_ug


@dataclass(frozen=True)
class PlanDetails:
    """The plan's meals and days."""

    start: dt.date
    meals: tuple[PlannedMeal, ...]
    days: tuple[DayTotals, ...]
    person: int | None = None  # whose portions the figures are (None: planned servings)

    def average_k2_ug(self) -> float:
        """Mean K2 a day (known values)."""
        return sum(d.k2.total_ug for d in self.days) / max(1, len(self.days))

    def k2_spread_ug(self) -> float:
        """The highest day's K2 minus the lowest's (known values)."""
        k2 = [d.k2.total_ug for d in self.days]
        return max(k2) - min(k2) if k2 else 0.0

    def average_vitamin_k_ug(self) -> float:
        """Mean K1 + K2 a day."""
        return sum(d.vitamin_k_ug for d in self.days) / max(1, len(self.days))

    def coverage(self) -> K2Tally:
        """K2 coverage over the whole week."""
        return tally_k2(
            [
                *(u.k2 for m in self.meals for u in m.ingredients),
                *(k for m in self.meals for k in m.meal.unknown_k2()),
            ]
        )

    def weight_coverage(self) -> WeightCoverage:
        """K2 coverage by weight over the whole week."""
        return weight_coverage_of(u for m in self.meals for u in m.ingredients)

    def meal_at(self, day: int, slot: object) -> PlannedMeal | None:
        """The planned meal of a day and slot."""
        for m in self.meals:
            if m.assignment.day == day and m.assignment.slot == slot:
                return m
        return None


def _use(food: Food, grams: float) -> IngredientUse:
    factor = grams / 100.0
    k1 = food.value(Nutrient.K1)
    energy = food.value(Nutrient.ENERGY)
    return IngredientUse(
        food.id,
        food.source_id,
        food.name,
        grams,
        None if k1 is None else k1 * factor,
        food.k2.scaled(factor),
        None if energy is None else energy * factor,
        food.unattributed_vk_ug() * factor,
        None if (rng := food.k2_low_high()) is None else (rng[0] * factor, rng[1] * factor),
        k2_status(food),
    )


def plan_details(
    assignments: tuple[Assignment, ...],
    meals: Mapping[int, Meal],
    foods: Mapping[int, Food],
    start: dt.date,
    days: int,
    person: int | None = None,
) -> PlanDetails:
    """Recompute every ingredient's contribution and every day's totals, for household
    member ``person`` (their portions) or, with None, the planned servings."""
    planned = []
    for a in assignments:
        meal = meals[a.meal_id]
        servings = a.servings_for(person)
        uses = tuple(_use(foods[i.food_id], i.grams * servings) for i in meal.ingredients)
        planned.append(
            PlannedMeal(
                a,
                meal,
                uses,
                tally_k2([*(u.k2 for u in uses), *meal.unknown_k2()]),
                sum(u.k1_ug for u in uses if u.k1_ug is not None),
                sum(u.energy_kcal for u in uses if u.energy_kcal is not None),
                sum(u.vk_other_ug for u in uses),
            )
        )
    totals = []
    for d in range(days):
        todays = [m for m in planned if m.assignment.day == d]
        day_uses = [u for m in todays for u in m.ingredients]
        totals.append(
            DayTotals(
                d,
                start + dt.timedelta(days=d),
                tally_k2(
                    [*(u.k2 for u in day_uses), *(k for m in todays for k in m.meal.unknown_k2())]
                ),
                sum(u.k1_ug for u in day_uses if u.k1_ug is not None),
                sum(1 for u in day_uses if u.k1_ug is not None),
                sum(u.energy_kcal for u in day_uses if u.energy_kcal is not None),
                sum(u.vk_other_ug for u in day_uses),
                k2_range_of(day_uses),
                weight_coverage_of(day_uses),
            )
        )
    return PlanDetails(start, tuple(planned), tuple(totals), person)
