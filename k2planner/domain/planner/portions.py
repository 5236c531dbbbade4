"""Each person's servings of each planned meal, so every day fits their energy target.

The week's meals are chosen once for the household, for its *reference person* (the one with
the smallest energy target: they eat the fewest servings, so their K2 is the hardest to reach).
Each person then gets servings of every meal in half-serving steps, chosen day by day by an
exhaustive search over at most 6⁴ combinations, in this order of importance:

1. K2 mode: the day within ±10 % of the person's energy target, then the K2 target met.
   Anticoagulant (consistency) mode: vitamin K inside the band and MK-7 under the cap first,
   then energy.
2. Servings close to the reference servings scaled by the person's share of energy (a bigger
   eater has more of each meal rather than three helpings of one), and energy close to the
   target (1 serving of difference weighs as much as 25 % of the target).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from k2planner.domain.goals import band
from k2planner.domain.household import PORTION_LEVELS, Person
from k2planner.domain.planner.types import SLOT_ENERGY_SHARE, Assignment, MealOption, Mode
from k2planner.domain.planner.types import PlanRequest as Request

if TYPE_CHECKING:  # NumPy loads with the solver, on the worker, not at start-up
    from numpy.typing import NDArray


def reference_person(people: Sequence[Person]) -> Person:
    """The person the meals are chosen for: the smallest energy target (the first on a tie)."""
    return min(people, key=lambda p: p.energy_kcal)


def reference_index(people: Sequence[Person]) -> int | None:
    """The index of the reference person in ``people`` (None when nobody is named)."""
    if not people:
        return None
    return people.index(reference_person(people))


@cache
def _combos(n: int) -> NDArray[Any]:
    """Every choice of servings for ``n`` meals, one row each (8ⁿ rows)."""
    import numpy as np

    return np.array(list(itertools.product(PORTION_LEVELS, repeat=n)), dtype=np.float64).reshape(
        -1, n
    )


def _fit_day(
    request: Request,
    options: Sequence[MealOption],
    ref_servings: Sequence[float],
    person: Person,
    ratio: float,
) -> tuple[float, ...]:
    import numpy as np

    if not options:
        return ()
    share = sum(SLOT_ENERGY_SHARE[s] for s in request.slots) or 1.0
    lo, hi = person.energy_range(share)
    target = person.energy_kcal * share
    want = np.clip(np.asarray(ref_servings) * ratio, PORTION_LEVELS[0], PORTION_LEVELS[-1])
    combos = _combos(len(options))

    def per(attr: str) -> NDArray[Any]:
        return combos @ np.array([getattr(o, attr) for o in options], dtype=np.float64)

    kcal = per("energy_kcal")
    energy_out = np.maximum(0.0, lo - kcal) + np.maximum(0.0, kcal - hi)
    if request.mode is Mode.CONSISTENCY:
        band_lo, band_hi = band(request.vk_baseline_ug, request.vk_band_ug)
        vk, mk7 = per("vitamin_k_ug"), per("mk7_ug")
        goal = np.maximum(0.0, band_lo - vk) + np.maximum(0.0, vk - band_hi)
        goal += np.maximum(0.0, mk7 - request.mk7_cap_ug) * 10
        first, second = np.round(goal, 1), energy_out
    else:
        short = np.maximum(0.0, request.k2_target_ug - per("k2_ug"))
        first, second = energy_out, np.round(short, 1)
    dev = np.abs(combos - want).sum(axis=1) + 4 * np.abs(kcal - target) / target
    best = int(np.lexsort((np.round(dev, 3), second, first))[0])  # the last key sorts first
    return tuple(float(x) for x in combos[best])


def fit_portions_of_nobody(assignments: Sequence[Assignment]) -> tuple[Assignment, ...]:
    """The assignments without per-person servings (no people are named)."""
    return tuple(replace(a, portions=()) for a in assignments)


def fit_portions(
    request: Request, assignments: Sequence[Assignment], people: Sequence[Person]
) -> tuple[Assignment, ...]:
    """The assignments with ``portions`` set: one entry per person, in ``people``'s order.

    ``request`` is the plan's request (its goal and slots); ``servings`` of each assignment
    stay the reference person's servings as the solver chose them."""
    if not people:
        return fit_portions_of_nobody(assignments)
    by_id = {m.id: m for m in request.meals}
    ref = reference_person(people).energy_kcal
    out: dict[tuple[int, int], Assignment] = {}
    for day in sorted({a.day for a in assignments}):
        todays = [(i, a) for i, a in enumerate(assignments) if a.day == day]
        usable = [(i, a) for i, a in todays if a.meal_id in by_id]
        options = [by_id[a.meal_id] for _, a in usable]
        per_person = [
            _fit_day(request, options, [a.servings for _, a in usable], p, p.energy_kcal / ref)
            for p in people
        ]
        for k, (i, a) in enumerate(usable):
            out[(day, i)] = replace(a, portions=tuple(pp[k] for pp in per_person))
    return tuple(out.get((a.day, i), a) for i, a in enumerate(assignments))
