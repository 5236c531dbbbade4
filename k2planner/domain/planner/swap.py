"""Alternatives for one slot, ranked by how well the day then meets its goal.

Each candidate is evaluated with the planner's own objective for that day (the rest of the
plan fixed): K2 shortfall or vitamin K band first, then energy, favourites, serving size.
Meals that would break the variety rules or the restrictions are not offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from k2planner.domain.goals import in_band, meets_target
from k2planner.domain.meals import Slot
from k2planner.domain.planner import objective as obj
from k2planner.domain.planner.candidates import candidate_meals
from k2planner.domain.planner.types import Assignment, MealOption, Mode, PlanRequest


@dataclass(frozen=True, slots=True)
class SwapOption:
    """One alternative and its effect on the day."""

    meal_id: int
    name: str
    servings: float
    day_k2_ug: float
    day_vitamin_k_ug: float
    day_energy_kcal: float
    day_objective: float
    meets_goal: bool
    is_current: bool


def day_objective(request: PlanRequest, items: list[tuple[MealOption, float]]) -> float:
    """The planner's objective for one day's meals (without the seeded perturbation)."""
    fav, recent = request.favourite_meal_ids, request.recent_meal_uses
    less = request.disliked_meal_ids
    cost = sum(
        obj.column_cost(lvl, m.id in fav, recent.get(m.id, 0), 0.0, m.id in less)
        for m, lvl in items
    )
    kcal = sum(m.energy_kcal * lvl for m, lvl in items)
    lo, hi = request.energy_range()
    cost += obj.energy_penalty(kcal, lo, hi)
    if request.mode is Mode.K2_TARGET:
        capped = sum(min(m.k2_ug * lvl, request.k2_target_ug) for m, lvl in items)
        raw = sum(m.k2_ug * lvl for m, lvl in items)
        cost += obj.excess_penalty(raw, request.k2_target_ug)
        return cost + obj.SHORTFALL_PER_UG * obj.shortfall(capped, request.k2_target_ug)
    vk = sum(m.vitamin_k_ug * lvl for m, lvl in items)
    return cost + obj.band_penalty(vk, request.vk_baseline_ug, request.vk_band_ug)


def _variety_ok(request: PlanRequest, plan: tuple[Assignment, ...], day: int, meal_id: int) -> bool:
    by_id = {m.id: m for m in request.meals}
    meal = by_id.get(meal_id)
    if meal is not None and meal.mk7_rich:  # natto: one a day, mk7_rich_per_week a week
        rich = [a for a in plan if (o := by_id.get(a.meal_id)) is not None and o.mk7_rich]
        if any(a.day == day for a in rich) or len(rich) >= request.mk7_rich_per_week:
            return False
    others = [a for a in plan if a.meal_id == meal_id]
    if any(a.day == day for a in others):
        return False
    main = meal.main_food if meal is not None else ""
    if main and any(
        a.day == day and (o := by_id.get(a.meal_id)) is not None and o.main_food == main
        for a in plan
    ):
        return False  # the same main food at most once a day
    days_used = {a.day for a in others}
    if len(days_used) >= request.max_uses_per_week:
        return False
    return request.allow_consecutive_days or not ({day - 1, day + 1} & days_used)


def swap_options(
    request: PlanRequest, plan: tuple[Assignment, ...], day: int, slot: Slot, top: int = 10
) -> list[SwapOption]:
    """The ``top`` alternatives for (day, slot), best first; the current meal is included."""
    by_id = {m.id: m for m in request.meals}
    rest = [a for a in plan if a.day == day and a.slot is not slot]
    rest_items = [(by_id[a.meal_id], a.servings) for a in rest]
    current = next((a for a in plan if a.day == day and a.slot is slot), None)
    without = tuple(a for a in plan if not (a.day == day and a.slot is slot))
    options = []
    for m in candidate_meals(request):
        if slot not in m.slots:
            continue
        is_current = current is not None and current.meal_id == m.id
        if not is_current and not _variety_ok(request, without, day, m.id):
            continue
        best: SwapOption | None = None
        for lvl in request.serving_levels:
            items = [*rest_items, (m, lvl)]
            value = day_objective(request, items)
            k2 = sum(x.k2_ug * s for x, s in items)
            vk = sum(x.vitamin_k_ug * s for x, s in items)
            if request.mode is Mode.K2_TARGET:
                meets = meets_target(k2, request.k2_target_ug)
            else:
                meets = in_band(vk, request.vk_baseline_ug, request.vk_band_ug)
            option = SwapOption(
                m.id,
                m.name,
                lvl,
                k2,
                vk,
                sum(x.energy_kcal * s for x, s in items),
                value,
                meets,
                is_current and current is not None and current.servings == lvl,
            )
            if best is None or option.day_objective < best.day_objective:
                best = option
        if best is not None:
            options.append(best)
    # ties (most options meet the goal at no cost) go to the day closest to its goal: an even
    # week, not an alphabetical list
    goal = request.k2_target_ug if request.mode is Mode.K2_TARGET else request.vk_baseline_ug

    def closeness(o: SwapOption) -> float:
        day_value = o.day_k2_ug if request.mode is Mode.K2_TARGET else o.day_vitamin_k_ug
        return abs(day_value - goal)

    options.sort(key=lambda o: (not o.meets_goal, round(o.day_objective, 6), closeness(o), o.name))
    return options[:top]
