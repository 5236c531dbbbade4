"""A fast day-by-day plan: beam search over the slots of each day, then local improvement.

The objective is exactly the program's (see :mod:`objective`); only the search is heuristic.
Its plan is checked against the lower bound of the linear relaxation; when it is within the
tolerance, it is proven good and no branch-and-bound is needed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from k2planner.domain.meals import Slot
from k2planner.domain.planner import objective as obj
from k2planner.domain.planner.model import candidate_meals
from k2planner.domain.planner.types import Assignment, Mode, PlanRequest

BEAM_WIDTH = 400


@dataclass
class _Options:
    """The (meal, serving level) options of one slot on one day, as arrays."""

    meal: NDArray[np.int64]
    level: NDArray[np.float64]
    cost: NDArray[np.float64]
    k2c: NDArray[np.float64]  # K2 capped at the target
    kcal: NDArray[np.float64]
    vk: NDArray[np.float64]
    locked: bool


def _options(
    request: PlanRequest,
    day: int,
    slot: Slot,
    banned: frozenset[int],
    noise: dict[tuple[int, int], float],
) -> _Options:
    lock = next((lk for lk in request.locks if lk.day == day and lk.slot is slot), None)
    if lock is not None:
        meals = [m for m in request.meals if m.id == lock.meal_id]
        pairs = [(m, lock.servings) for m in meals]
    else:
        pairs = [
            (m, lvl)
            for m in candidate_meals(request)
            if slot in m.slots and m.id not in banned
            for lvl in request.serving_levels
        ]
    fav, recent, target = request.favourite_meal_ids, request.recent_meal_uses, request.k2_target_ug
    return _Options(
        meal=np.array([m.id for m, _ in pairs], dtype=np.int64),
        level=np.array([lvl for _, lvl in pairs], dtype=np.float64),
        cost=np.array(
            [
                obj.column_cost(lvl, m.id in fav, recent.get(m.id, 0), noise[(m.id, day)])
                for m, lvl in pairs
            ],
            dtype=np.float64,
        ),
        k2c=np.array([min(m.k2_ug * lvl, target) for m, lvl in pairs], dtype=np.float64),
        kcal=np.array([m.energy_kcal * lvl for m, lvl in pairs], dtype=np.float64),
        vk=np.array([m.vitamin_k_ug * lvl for m, lvl in pairs], dtype=np.float64),
        locked=lock is not None,
    )


def _penalty(
    request: PlanRequest,
    k2c: NDArray[np.float64],
    kcal_lo: NDArray[np.float64],
    kcal_hi: NDArray[np.float64],
    vk_lo: NDArray[np.float64],
    vk_hi: NDArray[np.float64],
) -> NDArray[np.float64]:
    """A lower bound on the day's nutrient penalties, given intervals for what is still open."""
    e_lo, e_hi = request.energy_range()
    energy = obj.ENERGY_PER_KCAL * (
        np.maximum(0.0, e_lo - kcal_hi) + np.maximum(0.0, kcal_lo - e_hi)
    )
    if request.mode is Mode.K2_TARGET:
        return energy + obj.SHORTFALL_PER_UG * np.maximum(0.0, request.k2_target_ug - k2c)
    base, band = request.vk_baseline_ug, request.vk_band_ug
    below = np.maximum(0.0, base - vk_hi)
    above = np.maximum(0.0, vk_lo - base)
    outside = np.maximum(0.0, below - band) + np.maximum(0.0, above - band)
    return energy + obj.BAND_PER_UG * outside + obj.BASELINE_DEV_PER_UG * (below + above)


def solve_day(
    request: PlanRequest, day: int, banned: frozenset[int], noise: dict[tuple[int, int], float]
) -> tuple[tuple[Assignment, ...], float] | None:
    """The best day found by beam search: (assignments, objective), or None if a slot is empty."""
    slots = list(request.slots)
    opts = [_options(request, day, s, banned, noise) for s in slots]
    if any(len(o.meal) == 0 for o in opts):
        return None
    # bounds of what the remaining slots can still add
    n = len(slots)
    rem = {key: np.zeros(n + 1) for key in ("k2_max", "kcal_min", "kcal_max", "vk_min", "vk_max")}
    for i in range(n - 1, -1, -1):
        o = opts[i]
        rem["k2_max"][i] = rem["k2_max"][i + 1] + o.k2c.max()
        rem["kcal_min"][i] = rem["kcal_min"][i + 1] + o.kcal.min()
        rem["kcal_max"][i] = rem["kcal_max"][i + 1] + o.kcal.max()
        rem["vk_min"][i] = rem["vk_min"][i + 1] + o.vk.min()
        rem["vk_max"][i] = rem["vk_max"][i + 1] + o.vk.max()

    cost = np.zeros(1)
    k2c = np.zeros(1)
    kcal = np.zeros(1)
    vk = np.zeros(1)
    chosen = np.zeros((1, 0), dtype=np.int64)  # option index per slot
    meals = np.zeros((1, 0), dtype=np.int64)
    for i, o in enumerate(opts):
        c = (cost[:, None] + o.cost[None, :]).ravel()
        k = (k2c[:, None] + o.k2c[None, :]).ravel()
        e = (kcal[:, None] + o.kcal[None, :]).ravel()
        v = (vk[:, None] + o.vk[None, :]).ravel()
        dup = np.zeros((len(cost), len(o.meal)), dtype=bool)
        for col in range(meals.shape[1]):
            dup |= meals[:, col][:, None] == o.meal[None, :]
        j = i + 1
        score = c + _penalty(
            request,
            k + rem["k2_max"][j],
            e + rem["kcal_min"][j],
            e + rem["kcal_max"][j],
            v + rem["vk_min"][j],
            v + rem["vk_max"][j],
        )
        score[dup.ravel()] = np.inf
        keep = np.argsort(score, kind="stable")[:BEAM_WIDTH]
        keep = keep[np.isfinite(score[keep])]
        if len(keep) == 0:
            return None
        parent, option = np.divmod(keep, len(o.meal))
        cost, k2c, kcal, vk = c[keep], k[keep], e[keep], v[keep]
        chosen = np.column_stack([chosen[parent], option])
        meals = np.column_stack([meals[parent], o.meal[option]])
    total = cost + _penalty(request, k2c, kcal, kcal, vk, vk)
    best = int(np.argmin(total))
    picks = [int(x) for x in chosen[best]]
    picks, value = _improve(request, opts, picks)
    assignments = tuple(
        Assignment(day, slots[i], int(opts[i].meal[p]), float(opts[i].level[p]), opts[i].locked)
        for i, p in enumerate(picks)
    )
    return assignments, value


def _day_value(request: PlanRequest, opts: list[_Options], picks: list[int]) -> float:
    cost = sum(o.cost[p] for o, p in zip(opts, picks, strict=True))
    k = np.array([sum(o.k2c[p] for o, p in zip(opts, picks, strict=True))])
    e = np.array([sum(o.kcal[p] for o, p in zip(opts, picks, strict=True))])
    v = np.array([sum(o.vk[p] for o, p in zip(opts, picks, strict=True))])
    return float(cost + _penalty(request, k, e, e, v, v)[0])


def _improve(
    request: PlanRequest, opts: list[_Options], picks: list[int]
) -> tuple[list[int], float]:
    """Replace one slot at a time while that lowers the day's objective."""
    best = _day_value(request, opts, picks)
    improved = True
    while improved:
        improved = False
        for i, o in enumerate(opts):
            others = [p for j, p in enumerate(picks) if j != i]
            other_meals = {int(opts[j].meal[p]) for j, p in enumerate(picks) if j != i}
            cost = sum(opts[j].cost[p] for j, p in enumerate(picks) if j != i) + o.cost
            k = sum(opts[j].k2c[p] for j, p in enumerate(picks) if j != i) + o.k2c
            e = sum(opts[j].kcal[p] for j, p in enumerate(picks) if j != i) + o.kcal
            v = sum(opts[j].vk[p] for j, p in enumerate(picks) if j != i) + o.vk
            values = cost + _penalty(request, k, e, e, v, v)
            values[np.isin(o.meal, list(other_meals))] = np.inf
            cand = int(np.argmin(values))
            if values[cand] < best - 1e-9:
                picks[i] = cand
                best = float(values[cand])
                improved = True
            del others
    return picks, best


def plan_day_by_day(request: PlanRequest) -> tuple[tuple[Assignment, ...], float] | None:
    """The week planned one day after the other, honouring the variety rules."""
    noise = obj.perturbation(request.seed, [m.id for m in request.meals], request.days)
    planned: dict[int, tuple[Assignment, ...]] = {}
    total = 0.0
    for d in range(request.days):
        result = solve_day(request, d, day_bans(request, d, planned), noise)
        if result is None:
            return None
        planned[d], value = result
        total += value
    return tuple(a for d in range(request.days) for a in planned[d]), total


def day_bans(
    request: PlanRequest, day: int, planned: dict[int, tuple[Assignment, ...]]
) -> frozenset[int]:
    """Meals day ``day`` may not use, given the days already planned and the locks."""
    uses: Counter[int] = Counter()
    for d, items in planned.items():
        if d != day:
            uses.update({a.meal_id for a in items})
    for lk in request.locks:
        if lk.day not in planned and lk.day != day:
            uses[lk.meal_id] += 1
    banned = {m for m, count in uses.items() if count >= request.max_uses_per_week}
    if not request.allow_consecutive_days:
        for d in (day - 1, day + 1):
            banned |= {a.meal_id for a in planned.get(d, ())}
            banned |= {lk.meal_id for lk in request.locks if lk.day == d}
    own_locks = {lk.meal_id for lk in request.locks if lk.day == day}
    return frozenset(banned - own_locks)
