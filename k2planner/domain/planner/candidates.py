"""Which meals a request allows at all (restrictions, exclusions, the VKA rules).

Kept apart from the solver so that swap lists and lock checks need neither HiGHS nor NumPy.
"""

from __future__ import annotations

from k2planner.domain.diet import allowed
from k2planner.domain.planner.types import MealOption, Mode, PlanRequest


def candidate_meals(request: PlanRequest) -> list[MealOption]:
    """Meals allowed by the restrictions and exclusions (any slot)."""
    out = []
    locked = {lk.meal_id for lk in request.locks}
    for m in request.meals:
        if m.id in request.excluded_meal_ids or m.food_ids & request.excluded_food_ids:
            continue
        if not allowed(m.contains, request.restrictions, m.may_contain, request.may_excludes):
            continue
        if request.mode is Mode.CONSISTENCY and m.vka_never:
            continue
        if m.mk7_rich and request.mk7_rich_per_week == 0 and m.id not in locked:
            continue  # "never natto" (a meal the user locked stays)
        out.append(m)
    return out
