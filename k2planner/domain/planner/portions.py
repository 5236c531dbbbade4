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

from k2planner.domain.goals import band
from k2planner.domain.household import PORTION_LEVELS, Person
from k2planner.domain.planner.types import SLOT_ENERGY_SHARE, Assignment, MealOption, Mode
from k2planner.domain.planner.types import PlanRequest as Request


def reference_person(people: Sequence[Person]) -> Person:
    """The person the meals are chosen for: the smallest energy target (the first on a tie)."""
    return min(people, key=lambda p: p.energy_kcal)


def reference_index(people: Sequence[Person]) -> int | None:
    """The index of the reference person in ``people`` (None when nobody is named)."""
    if not people:
        return None
    return people.index(reference_person(people))


def _combos(n: int) -> list[tuple[float, ...]]:
    return list(itertools.product(PORTION_LEVELS, repeat=n))


def _fit_day(
    request: Request,
    options: Sequence[MealOption],
    ref_servings: Sequence[float],
    person: Person,
    ratio: float,
) -> tuple[float, ...]:
    share = sum(SLOT_ENERGY_SHARE[s] for s in request.slots) or 1.0
    lo, hi = person.energy_range(share)
    target = person.energy_kcal * share
    want = [min(max(s * ratio, PORTION_LEVELS[0]), PORTION_LEVELS[-1]) for s in ref_servings]
    vka = request.mode is Mode.CONSISTENCY
    band_lo, band_hi = band(request.vk_baseline_ug, request.vk_band_ug)
    best: tuple[float, ...] = tuple(ref_servings)
    best_key: tuple[float, float, float] | None = None
    for combo in _combos(len(options)):
        kcal = sum(o.energy_kcal * s for o, s in zip(options, combo, strict=True))
        energy_out = max(0.0, lo - kcal) + max(0.0, kcal - hi)
        if vka:
            vk = sum(o.vitamin_k_ug * s for o, s in zip(options, combo, strict=True))
            mk7 = sum(o.mk7_ug * s for o, s in zip(options, combo, strict=True))
            goal = max(0.0, band_lo - vk) + max(0.0, vk - band_hi)
            goal += max(0.0, mk7 - request.mk7_cap_ug) * 10
            first, second = round(goal, 1), float(energy_out)
        else:
            k2 = sum(o.k2_ug * s for o, s in zip(options, combo, strict=True))
            first, second = energy_out, round(max(0.0, request.k2_target_ug - k2), 1)
        dev = sum(abs(c - w) for c, w in zip(combo, want, strict=True))
        key = (first, second, round(dev + 4 * abs(kcal - target) / target, 3))
        if best_key is None or key < best_key:
            best, best_key = combo, key
    return best


def fit_portions(
    request: Request, assignments: Sequence[Assignment], people: Sequence[Person]
) -> tuple[Assignment, ...]:
    """The assignments with ``portions`` set: one entry per person, in ``people``'s order.

    ``request`` is the plan's request (its goal and slots); ``servings`` of each assignment
    stay the reference person's servings as the solver chose them."""
    if not people:
        return tuple(replace(a, portions=()) for a in assignments)
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
