"""Food-level variety rows of the program: natto and MK-7-rich meals.

At most one such meal a day and at most ``request.mk7_rich_per_week`` a week (more only where
the user locked them): a week a person eats, not a natto avalanche. The day-by-day heuristic
applies the same rule (``heuristic.day_bans`` and ``_rich_limit``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from numpy.typing import NDArray

from k2planner.domain.planner.types import MealOption, PlanRequest


def main_food_rows(
    request: PlanRequest,
    meals: Sequence[MealOption],
    col_meal: NDArray[np.int64],
    col_day: NDArray[np.int32],
    day_list: Sequence[int],
) -> Iterator[tuple[float, float, NDArray[np.int64]]]:
    """(lower, upper, columns): meals with the same main K2 food at most once a day (more
    only where the user locked them)."""
    main_of = {m.id: m.main_food for m in meals if m.main_food}
    by_id = {m.id: m for m in request.meals}
    groups: dict[tuple[int, str], list[int]] = {}
    for j in range(len(col_meal)):
        main = main_of.get(int(col_meal[j]))
        if main:
            groups.setdefault((int(col_day[j]), main), []).append(j)
    days = set(day_list)
    for (d, main), cols in groups.items():
        if d not in days or len({int(col_meal[j]) for j in cols}) < 2:
            continue
        locked = sum(
            1
            for lk in request.locks
            if lk.day == d and lk.meal_id in by_id and by_id[lk.meal_id].main_food == main
        )
        yield 0.0, float(max(1, locked)), np.asarray(cols, dtype=np.int64)


def mk7_rich_rows(
    request: PlanRequest,
    meals: Sequence[MealOption],
    col_meal: NDArray[np.int64],
    col_day: NDArray[np.int32],
    day_list: Sequence[int],
) -> Iterator[tuple[float, float, NDArray[np.int64]]]:
    """(lower, upper, columns) of each row: one a day per day, and the week's total."""
    rich = {m.id for m in meals if m.mk7_rich}
    rich_cols = [j for j in range(len(col_meal)) if int(col_meal[j]) in rich]
    if not rich_cols:
        return
    locked_rich = [lk for lk in request.locks if lk.meal_id in rich]
    for d in day_list:
        today = [j for j in rich_cols if int(col_day[j]) == d]
        bound = max(1, sum(1 for lk in locked_rich if lk.day == d))
        if len(today) > bound:
            yield 0.0, float(bound), np.asarray(today, dtype=np.int64)
    week_bound = max(request.mk7_rich_per_week, len(locked_rich))
    yield 0.0, float(week_bound), np.asarray(rich_cols, dtype=np.int64)
