"""A fast day-by-day plan: beam search over the slots of each day, then local improvement.

The objective is exactly the program's (see :mod:`objective`); only the search is heuristic.
Its plan is checked against the lower bound of the linear relaxation; when it is within the
tolerance, it is proven good and no branch-and-bound is needed.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from k2planner.domain.meals import Slot
from k2planner.domain.planner import objective as obj
from k2planner.domain.planner.candidates import candidate_meals
from k2planner.domain.planner.types import Assignment, MealOption, Mode, PlanRequest

BEAM_WIDTH = 400
BEAM_BUDGET = 400 * 500  # partial days × options examined per slot, at most


def beam_width(options: int) -> int:
    """How many partial days to keep: 400, fewer when a slot has very many options (a pool of
    thousands of meals), so each step examines at most :data:`BEAM_BUDGET` candidates."""
    return max(40, min(BEAM_WIDTH, BEAM_BUDGET // max(1, options)))


@dataclass
class _Options:
    """The (meal, serving level) options of one slot on one day, as arrays."""

    meal: NDArray[np.int64]
    level: NDArray[np.float64]
    cost: NDArray[np.float64]
    k2c: NDArray[np.float64]  # K2 capped at the target
    kcal: NDArray[np.float64]
    vk: NDArray[np.float64]
    k2: NDArray[np.float64]  # K2 not capped (consistency mode keeps it steady)
    mk7: NDArray[np.float64]
    locked: bool
    rich: NDArray[np.int64]  # 1 for a meal with natto or MK-7-rich food (one a day at most)
    main: NDArray[np.int64]  # main K2 food's code (-1: none, or locked); one meal a day each


def _options(
    request: PlanRequest,
    day: int,
    slot: Slot,
    banned: frozenset[int],
    noise: dict[tuple[int, int], float],
    candidates: Sequence[MealOption],
) -> _Options:
    lock = next((lk for lk in request.locks if lk.day == day and lk.slot is slot), None)
    by_id = {m.id: m for m in request.meals}
    locked_mains = {
        by_id[lk.meal_id].main_food for lk in request.locks if lk.day == day and lk.meal_id in by_id
    } - {""}
    if lock is not None:
        meals = [m for m in request.meals if m.id == lock.meal_id]
        pairs = [(m, lock.servings) for m in meals]
    else:
        pairs = [
            (m, lvl)
            for m in candidates
            if slot in m.slots and m.id not in banned and m.main_food not in locked_mains
            for lvl in request.serving_levels
        ]
    fav, recent, target = request.favourite_meal_ids, request.recent_meal_uses, request.k2_target_ug
    return _Options(
        meal=np.array([m.id for m, _ in pairs], dtype=np.int64),
        level=np.array([lvl for _, lvl in pairs], dtype=np.float64),
        cost=np.array(
            [
                obj.column_cost(
                    lvl,
                    m.id in fav,
                    recent.get(m.id, 0),
                    noise[(m.id, day)],
                    m.id in request.disliked_meal_ids,
                )
                for m, lvl in pairs
            ],
            dtype=np.float64,
        ),
        k2c=np.array([min(m.k2_ug * lvl, target) for m, lvl in pairs], dtype=np.float64),
        kcal=np.array([m.energy_kcal * lvl for m, lvl in pairs], dtype=np.float64),
        vk=np.array([m.vitamin_k_ug * lvl for m, lvl in pairs], dtype=np.float64),
        k2=np.array([m.k2_ug * lvl for m, lvl in pairs], dtype=np.float64),
        mk7=np.array([m.mk7_ug * lvl for m, lvl in pairs], dtype=np.float64),
        locked=lock is not None,
        rich=np.array([int(m.mk7_rich) for m, _ in pairs], dtype=np.int64),
        main=np.array([-1 if lock else main_code(m.main_food) for m, _ in pairs], dtype=np.int64),
    )


def main_code(name: str) -> int:
    """A number for a main food's name (-1 for none), to compare them as arrays."""
    return zlib.crc32(name.encode()) if name else -1


def _penalty(
    request: PlanRequest,
    k2c: NDArray[np.float64],
    kcal_lo: NDArray[np.float64],
    kcal_hi: NDArray[np.float64],
    vk_lo: NDArray[np.float64],
    vk_hi: NDArray[np.float64],
    raw_lo: NDArray[np.float64],
) -> NDArray[np.float64]:
    """A lower bound on the day's nutrient penalties, given intervals for what is still open
    (``raw_lo``: the least uncapped K2 the day can still have)."""
    e_lo, e_hi = request.energy_range()
    energy = obj.ENERGY_PER_KCAL * (
        np.maximum(0.0, e_lo - kcal_hi) + np.maximum(0.0, kcal_lo - e_hi)
    )
    if request.mode is Mode.K2_TARGET:
        target = request.k2_target_ug
        excess = obj.EXCESS_PER_UG * np.maximum(0.0, raw_lo - obj.excess_ceiling(target))
        return energy + excess + obj.SHORTFALL_PER_UG * np.maximum(0.0, target - k2c)
    base, band = request.vk_baseline_ug, request.vk_band_ug
    below = np.maximum(0.0, base - vk_hi)
    above = np.maximum(0.0, vk_lo - base)
    outside = np.maximum(0.0, below - band) + np.maximum(0.0, above - band)
    return energy + obj.BAND_PER_UG * outside + obj.BASELINE_DEV_PER_UG * (below + above)


Window = tuple[float, float]


def _hard_ok(
    request: PlanRequest,
    window: Window | None,
    mk7_lo: NDArray[np.float64],
    k2_lo: NDArray[np.float64],
    k2_hi: NDArray[np.float64],
) -> NDArray[np.bool_]:
    """Which partial days can still keep the hard VKA rules (MK-7 cap, K2 window)."""
    ok = np.ones(len(mk7_lo), dtype=bool)
    if request.mode is Mode.CONSISTENCY:
        ok &= mk7_lo <= request.mk7_cap_ug + 1e-9
    if window is not None:
        ok &= (k2_hi >= window[0] - 1e-9) & (k2_lo <= window[1] + 1e-9)
    return ok


def solve_day(
    request: PlanRequest,
    day: int,
    banned: frozenset[int],
    noise: dict[tuple[int, int], float],
    window: Window | None = None,
    candidates: Sequence[MealOption] | None = None,
) -> tuple[tuple[Assignment, ...], float] | None:
    """The best day found by beam search: (assignments, objective), or None if none fits.

    ``window`` bounds the day's (uncapped) K2, as the K2 spread rule of VKA mode needs.
    """
    slots = list(request.slots)
    allowed = candidate_meals(request) if candidates is None else candidates
    opts = [_options(request, day, s, banned, noise, allowed) for s in slots]
    width = beam_width(max(len(o.meal) for o in opts))
    if any(len(o.meal) == 0 for o in opts):
        return None
    # bounds of what the remaining slots can still add
    n = len(slots)
    keys = ("k2_max", "kcal_min", "kcal_max", "vk_min", "vk_max", "raw_min", "raw_max", "mk7_min")
    rem = {key: np.zeros(n + 1) for key in keys}
    for i in range(n - 1, -1, -1):
        o = opts[i]
        for key, arr, fn in (
            ("k2_max", o.k2c, np.max),
            ("kcal_min", o.kcal, np.min),
            ("kcal_max", o.kcal, np.max),
            ("vk_min", o.vk, np.min),
            ("vk_max", o.vk, np.max),
            ("raw_min", o.k2, np.min),
            ("raw_max", o.k2, np.max),
            ("mk7_min", o.mk7, np.min),
        ):
            rem[key][i] = rem[key][i + 1] + fn(arr)

    cost = np.zeros(1)
    rich = np.zeros(1, dtype=np.int64)
    k2c = np.zeros(1)
    kcal = np.zeros(1)
    vk = np.zeros(1)
    raw = np.zeros(1)
    mk7 = np.zeros(1)
    chosen = np.zeros((1, 0), dtype=np.int64)  # option index per slot
    meals = np.zeros((1, 0), dtype=np.int64)
    mains = np.zeros((1, 0), dtype=np.int64)
    for i, o in enumerate(opts):
        c = (cost[:, None] + o.cost[None, :]).ravel()
        k = (k2c[:, None] + o.k2c[None, :]).ravel()
        e = (kcal[:, None] + o.kcal[None, :]).ravel()
        v = (vk[:, None] + o.vk[None, :]).ravel()
        r = (raw[:, None] + o.k2[None, :]).ravel()
        m7 = (mk7[:, None] + o.mk7[None, :]).ravel()
        ri = (rich[:, None] + o.rich[None, :]).ravel()
        dup = np.zeros((len(cost), len(o.meal)), dtype=bool)
        for col in range(meals.shape[1]):
            dup |= meals[:, col][:, None] == o.meal[None, :]
            dup |= (mains[:, col][:, None] == o.main[None, :]) & (o.main[None, :] >= 0)
        j = i + 1
        score = c + _penalty(
            request,
            k + rem["k2_max"][j],
            e + rem["kcal_min"][j],
            e + rem["kcal_max"][j],
            v + rem["vk_min"][j],
            v + rem["vk_max"][j],
            r + rem["raw_min"][j],
        )
        score[dup.ravel()] = np.inf
        score[ri > _rich_limit(request, day)] = np.inf
        ok = _hard_ok(
            request, window, m7 + rem["mk7_min"][j], r + rem["raw_min"][j], r + rem["raw_max"][j]
        )
        score[~ok] = np.inf
        if len(score) > width:  # the best ``width`` in linear time, then in order
            top = np.argpartition(score, width - 1)[:width]
            keep = top[np.argsort(score[top], kind="stable")]
        else:
            keep = np.argsort(score, kind="stable")
        keep = keep[np.isfinite(score[keep])]
        if len(keep) == 0:
            return None
        parent, option = np.divmod(keep, len(o.meal))
        cost, k2c, kcal, vk, raw, mk7 = c[keep], k[keep], e[keep], v[keep], r[keep], m7[keep]
        rich = ri[keep]
        chosen = np.column_stack([chosen[parent], option])
        meals = np.column_stack([meals[parent], o.meal[option]])
        mains = np.column_stack([mains[parent], o.main[option]])
    total = cost + _penalty(request, k2c, kcal, kcal, vk, vk, raw)
    best = int(np.argmin(total))
    picks = [int(x) for x in chosen[best]]
    picks, value = _improve(request, day, opts, picks, window)
    assignments = tuple(
        Assignment(day, slots[i], int(opts[i].meal[p]), float(opts[i].level[p]), opts[i].locked)
        for i, p in enumerate(picks)
    )
    return assignments, value


def _rich_limit(request: PlanRequest, day: int) -> int:
    """Natto or MK-7-rich meals allowed on ``day``: one, or more only if the user locked them."""
    rich = {m.id for m in request.meals if m.mk7_rich}
    return max(1, sum(1 for lk in request.locks if lk.day == day and lk.meal_id in rich))


def _day_value(request: PlanRequest, opts: list[_Options], picks: list[int]) -> float:
    cost = sum(o.cost[p] for o, p in zip(opts, picks, strict=True))
    k = np.array([sum(o.k2c[p] for o, p in zip(opts, picks, strict=True))])
    e = np.array([sum(o.kcal[p] for o, p in zip(opts, picks, strict=True))])
    v = np.array([sum(o.vk[p] for o, p in zip(opts, picks, strict=True))])
    r = np.array([sum(o.k2[p] for o, p in zip(opts, picks, strict=True))])
    return float(cost + _penalty(request, k, e, e, v, v, r)[0])


def _improve(
    request: PlanRequest, day: int, opts: list[_Options], picks: list[int], window: Window | None
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
            r = sum(opts[j].k2[p] for j, p in enumerate(picks) if j != i) + o.k2
            values = cost + _penalty(request, k, e, e, v, v, r)
            values[np.isin(o.meal, list(other_meals))] = np.inf
            other_mains = [int(opts[j].main[p]) for j, p in enumerate(picks) if j != i]
            values[np.isin(o.main, other_mains) & (o.main >= 0)] = np.inf
            other_rich = sum(int(opts[j].rich[p]) for j, p in enumerate(picks) if j != i)
            values[other_rich + o.rich > _rich_limit(request, day)] = np.inf
            m7 = sum(opts[j].mk7[p] for j, p in enumerate(picks) if j != i) + o.mk7
            values[~_hard_ok(request, window, m7, r, r)] = np.inf
            cand = int(np.argmin(values))
            if values[cand] < best - 1e-9:
                picks[i] = cand
                best = float(values[cand])
                improved = True
            del others
    return picks, best


def plan_day_by_day(request: PlanRequest) -> tuple[tuple[Assignment, ...], float] | None:
    """The week planned one day after the other, honouring the variety rules.

    In consistency mode the week's K2 must stay within the spread: when the free plan's days
    spread too far, the days are planned again inside a K2 window of that width (placed at
    the median day, then at the lowest and the highest day), the first window that works wins.
    """
    noise = obj.perturbation(request.seed, [m.id for m in request.meals], request.days)
    first = _plan_days(request, noise, None)
    if request.mode is not Mode.CONSISTENCY or first is None or request.days < 2:
        return first
    by_id = {m.id: m for m in request.meals}
    k2 = sorted(
        sum(by_id[a.meal_id].k2_ug * a.servings for a in first[0] if a.day == d)
        for d in range(request.days)
    )
    spread = request.k2_spread_ug
    if k2[-1] - k2[0] <= spread + 1e-9:
        return first
    median = k2[len(k2) // 2]
    for lo in (median - spread / 2, k2[0], k2[-1] - spread):
        lo = max(0.0, lo)
        again = _plan_days(request, noise, (lo, lo + spread))
        if again is not None:
            return again
    return None


def _plan_days(
    request: PlanRequest, noise: dict[tuple[int, int], float], window: Window | None
) -> tuple[tuple[Assignment, ...], float] | None:
    planned: dict[int, tuple[Assignment, ...]] = {}
    total = 0.0
    allowed = candidate_meals(request)
    for d in range(request.days):
        result = solve_day(request, d, day_bans(request, d, planned), noise, window, allowed)
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
    rich = {m.id for m in request.meals if m.mk7_rich}
    if sum(count for m, count in uses.items() if m in rich) >= request.mk7_rich_per_week:
        banned |= rich  # the week's natto meals are used up
    if not request.allow_consecutive_days:
        for d in (day - 1, day + 1):
            banned |= {a.meal_id for a in planned.get(d, ())}
            banned |= {lk.meal_id for lk in request.locks if lk.day == d}
    own_locks = {lk.meal_id for lk in request.locks if lk.day == day}
    return frozenset(banned - own_locks)
