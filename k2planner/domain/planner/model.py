"""The week as a mixed-integer program, built with arrays and solved by HiGHS.

Decision: one binary per (day, slot, meal, serving level), for the meals allowed in that
slot (restrictions, exclusions and locks are applied before building, so they are never
violated). Rows:

* one meal per enabled slot and day;
* variety: a meal at most ``max_uses_per_week`` times, and never on two consecutive days
  (``use(m, d) + use(m, d+1) ≤ 1``, which also means at most once a day); when consecutive
  days are allowed, at most once a day; meals with the same main K2 food (the ingredient giving
  most of the meal's K2: eggs, Gouda, liver…) at most once a day;
* K2 mode: each day's K2 (each item capped at the target, exact and a tighter relaxation) plus
  a shortfall column ≥ the target; and the day's uncapped K2 minus an "excess" column at most
  twice the target (even days);
* consistency mode: each day's total vitamin K within baseline ± band (soft, with slack
  columns), and its distance from the baseline; and the hard VKA rules of
  :mod:`k2planner.domain.vka`: meals with natto or MK-7-rich foods are never columns, each
  day's MK-7 ≤ the cap, and every day's K2 inside [low, low + spread] for two shared columns
  (``high − low ≤ spread``);
* energy: each day's kcal within the (slot-scaled) range, with under/over slack columns.

The objective is documented in :mod:`k2planner.domain.planner.objective`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

from k2planner.domain.meals import Slot
from k2planner.domain.planner import objective as obj
from k2planner.domain.planner.candidates import candidate_meals as candidate_meals
from k2planner.domain.planner.highs import new_highs
from k2planner.domain.planner.rows import SparseRows
from k2planner.domain.planner.types import (
    Assignment,
    MealOption,
    Mode,
    PlanRequest,
    SolveResult,
    SolveStatus,
)
from k2planner.domain.planner.variety import main_food_rows, mk7_rich_rows

ABS_GAP = 0.5  # points: a plan within half a point of the best is "optimal"


@dataclass
class Model:
    """The built program and the meaning of its columns."""

    lp: highspy.HighsLp
    col_day: NDArray[np.int32]
    col_slot: list[Slot]
    col_meal: NDArray[np.int64]
    col_level: NDArray[np.float64]
    n_x: int
    shortfall_cols: list[int]
    shortfall_row_start: int
    empty_slots: list[tuple[int, Slot]]
    days: list[int]


def _slot_columns(
    request: PlanRequest,
    meals: list[MealOption],
    day: int,
    slot: Slot,
    banned: frozenset[int],
) -> list[tuple[MealOption, float]]:
    lock = next((lk for lk in request.locks if lk.day == day and lk.slot is slot), None)
    if lock is not None:
        meal = next((m for m in request.meals if m.id == lock.meal_id), None)
        return [] if meal is None else [(meal, lock.servings)]
    return [
        (m, lvl)
        for m in meals
        if slot in m.slots and m.id not in banned
        for lvl in request.serving_levels
    ]


def build_model(
    request: PlanRequest,
    *,
    max_k2_only: bool = False,
    day_subset: Sequence[int] | None = None,
    banned: Mapping[int, frozenset[int]] | None = None,
) -> Model:
    """Build the program for ``request``.

    ``max_k2_only`` minimises the K2 shortfall and nothing else; ``day_subset`` builds only
    some days (cross-day rows only between days of the subset); ``banned`` maps a day to meals
    that may not be planned on it (used by the day-by-day pass).
    """
    meals = candidate_meals(request)
    slots = request.slots
    day_list = list(range(request.days)) if day_subset is None else sorted(day_subset)
    bans = banned or {}
    days = request.days
    noise = obj.perturbation(request.seed, [m.id for m in request.meals], days)
    fav, recent = request.favourite_meal_ids, request.recent_meal_uses
    less = request.disliked_meal_ids
    target = request.k2_target_ug

    cols: list[tuple[int, Slot, MealOption, float]] = []
    empty: list[tuple[int, Slot]] = []
    slot_ranges: list[tuple[int, int]] = []  # the columns of each (day, slot), contiguous
    for d in day_list:
        for s in slots:
            options = _slot_columns(request, meals, d, s, bans.get(d, frozenset()))
            if not options:
                empty.append((d, s))
            start = len(cols)
            cols.extend((d, s, m, lvl) for m, lvl in options)
            if len(cols) > start:
                slot_ranges.append((start, len(cols)))
    n_x = len(cols)
    index = {m.id: i for i, m in enumerate(request.meals)}
    per_meal = {
        name: np.asarray([getter(m) for m in request.meals], dtype=np.float64)
        for name, getter in (
            ("k2", lambda m: m.k2_ug),
            ("vk", lambda m: m.vitamin_k_ug),
            ("mk7", lambda m: m.mk7_ug),
            ("kcal", lambda m: m.energy_kcal),
            ("fav", lambda m: m.id in fav),
            ("less", lambda m: m.id in less),
            ("recent", lambda m: recent.get(m.id, 0)),
        )
    }
    col_pos = np.fromiter((index[c[2].id] for c in cols), dtype=np.int64, count=n_x)
    col_day = np.fromiter((c[0] for c in cols), dtype=np.int32, count=n_x)
    col_meal = np.asarray([m.id for m in request.meals], dtype=np.int64)[col_pos]
    col_level = np.fromiter((c[3] for c in cols), dtype=np.float64, count=n_x)
    k2 = per_meal["k2"][col_pos] * col_level
    vk = per_meal["vk"][col_pos] * col_level
    mk7 = per_meal["mk7"][col_pos] * col_level
    kcal = per_meal["kcal"][col_pos] * col_level
    if max_k2_only:
        cost = np.zeros(n_x)
    else:
        noise_of = np.zeros((len(request.meals), days))
        for (mid, d), v in noise.items():
            if mid in index:
                noise_of[index[mid], d] = v
        cost = obj.column_cost(
            col_level,
            per_meal["fav"][col_pos],
            per_meal["recent"][col_pos],
            noise_of[col_pos, col_day],
            per_meal["less"][col_pos],
        )

    col_cost: list[float] = [float(c) for c in cost]
    col_lower = [0.0] * n_x
    col_upper = [1.0] * n_x
    rows = SparseRows()
    all_idx = np.arange(n_x, dtype=np.int64)

    def new_col(c: float, ub: float = highspy.kHighsInf) -> int:
        col_cost.append(c)
        col_lower.append(0.0)
        col_upper.append(ub)
        return len(col_cost) - 1

    # one meal per slot
    for start, end in slot_ranges:
        rows.add(1.0, 1.0, np.arange(start, end, dtype=np.int64), np.ones(end - start))

    # variety: the columns of each (meal, day), grouped with one sort instead of a dict walk
    by_meal_day: dict[tuple[int, int], list[int]] = {}
    if n_x:
        order = np.lexsort((col_day, col_meal))
        m_sorted, d_sorted = col_meal[order], col_day[order]
        cuts = np.flatnonzero((np.diff(m_sorted) != 0) | (np.diff(d_sorted) != 0)) + 1
        for group in np.split(order, cuts):
            by_meal_day[(int(col_meal[group[0]]), int(col_day[group[0]]))] = sorted(group.tolist())
    locked_use: dict[tuple[int, int], int] = {}
    for lk in request.locks:
        locked_use[(lk.meal_id, lk.day)] = locked_use.get((lk.meal_id, lk.day), 0) + 1
    meal_ids = sorted({m for m, _d in by_meal_day})
    day_set = set(day_list)
    for m in meal_ids:
        week = [j for d in day_list for j in by_meal_day.get((m, d), [])]
        locked_week = sum(v for (mm, _d), v in locked_use.items() if mm == m)
        limit = max(request.max_uses_per_week, locked_week)
        if len({int(col_day[j]) for j in week}) > limit:
            rows.add(0.0, float(limit), np.asarray(week, dtype=np.int64), np.ones(len(week)))
        for d in day_list:
            today = by_meal_day.get((m, d), [])
            if not today:
                continue
            if request.allow_consecutive_days or d + 1 not in day_set:
                pair = today
                bound = max(1, locked_use.get((m, d), 0))
            else:
                pair = today + by_meal_day.get((m, d + 1), [])
                bound = max(1, locked_use.get((m, d), 0) + locked_use.get((m, d + 1), 0))
            if len(pair) > 1:
                rows.add(0.0, float(bound), np.asarray(pair, dtype=np.int64), np.ones(len(pair)))

    for lo, hi, rich_idx in mk7_rich_rows(request, meals, col_meal, col_day, day_list):
        rows.add(lo, hi, rich_idx, np.ones(len(rich_idx)))
    for lo, hi, same in main_food_rows(request, meals, col_meal, col_day, day_list):
        rows.add(lo, hi, same, np.ones(len(same)))

    # nutrient rows per day
    e_lo, e_hi = request.energy_range()
    shortfall_cols: list[int] = []
    shortfall_row_start = len(rows.lower)
    vka = request.mode is Mode.CONSISTENCY
    k2_high = k2_low = -1
    if vka and len(day_list) > 1:
        k2_high, k2_low = new_col(0.0), new_col(0.0)
        rows.add(
            -highspy.kHighsInf,
            request.k2_spread_ug,
            np.asarray([k2_high, k2_low], dtype=np.int64),
            np.asarray([1.0, -1.0]),
        )
    for d in day_list:
        idx = all_idx[col_day == d]
        if request.mode is Mode.K2_TARGET:
            s_col = new_col(obj.SHORTFALL_PER_UG, ub=target)
            shortfall_cols.append(s_col)
            capped = np.minimum(k2[idx], target)
            rows.add(target, highspy.kHighsInf, np.append(idx, s_col), np.append(capped, 1.0))
            if not max_k2_only and k2[idx].any():
                over = new_col(obj.EXCESS_PER_UG)
                ceiling = obj.excess_ceiling(target)
                rows.add(
                    -highspy.kHighsInf, ceiling, np.append(idx, over), np.append(k2[idx], -1.0)
                )
        else:
            lo_b = request.vk_baseline_ug - request.vk_band_ug
            hi_b = request.vk_baseline_ug + request.vk_band_ug
            b_under, b_over = new_col(obj.BAND_PER_UG), new_col(obj.BAND_PER_UG)
            rows.add(lo_b, hi_b, np.append(idx, [b_under, b_over]), np.append(vk[idx], [1.0, -1.0]))
            if mk7[idx].any():
                rows.add(-highspy.kHighsInf, request.mk7_cap_ug, idx, mk7[idx])
            if k2_high >= 0:
                rows.add(-highspy.kHighsInf, 0.0, np.append(idx, k2_high), np.append(k2[idx], -1.0))
                rows.add(0.0, highspy.kHighsInf, np.append(idx, k2_low), np.append(k2[idx], -1.0))
            if not max_k2_only:
                up, down = new_col(obj.BASELINE_DEV_PER_UG), new_col(obj.BASELINE_DEV_PER_UG)
                base = request.vk_baseline_ug
                rows.add(base, base, np.append(idx, [up, down]), np.append(vk[idx], [-1.0, 1.0]))
        if not max_k2_only:
            under, over = new_col(obj.ENERGY_PER_KCAL), new_col(obj.ENERGY_PER_KCAL)
            rows.add(e_lo, e_hi, np.append(idx, [under, over]), np.append(kcal[idx], [1.0, -1.0]))

    lp = highspy.HighsLp()
    lp.num_col_ = len(col_cost)
    lp.num_row_ = len(rows.lower)
    lp.col_cost_ = np.asarray(col_cost, dtype=np.float64)
    lp.col_lower_ = np.asarray(col_lower, dtype=np.float64)
    lp.col_upper_ = np.asarray(col_upper, dtype=np.float64)
    lp.row_lower_ = np.asarray(rows.lower, dtype=np.float64)
    lp.row_upper_ = np.asarray(rows.upper, dtype=np.float64)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.asarray([*rows.starts, rows.nnz], dtype=np.int32)
    lp.a_matrix_.index_ = (
        np.concatenate(rows.index).astype(np.int32) if rows.index else np.zeros(0, np.int32)
    )
    lp.a_matrix_.value_ = (
        np.concatenate(rows.value).astype(np.float64) if rows.value else np.zeros(0)
    )
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_x + [highspy.HighsVarType.kContinuous] * (
        len(col_cost) - n_x
    )
    return Model(
        lp,
        col_day,
        [c[1] for c in cols],
        col_meal,
        col_level,
        n_x,
        shortfall_cols,
        shortfall_row_start,
        empty,
        day_list,
    )


def solve_model(
    request: PlanRequest,
    model: Model,
    *,
    max_total_shortfall: float | None = None,
    start: tuple[Assignment, ...] = (),
) -> SolveResult:
    """Solve a built model with HiGHS under the request's time limit and gap."""
    t0 = time.perf_counter()
    if model.empty_slots:
        d, s = model.empty_slots[0]
        return SolveResult(
            (),
            SolveStatus.INFEASIBLE,
            float("inf"),
            0.0,
            0.0,
            message=f"No meal is allowed for {s.label} on day {d + 1} under the current "
            "restrictions and exclusions.",
        )
    h = new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(request.time_limit_s))
    h.setOptionValue("mip_rel_gap", float(request.mip_rel_gap))
    h.setOptionValue("mip_abs_gap", ABS_GAP)
    h.setOptionValue("random_seed", int(request.seed) % 2_147_483_647)
    h.setOptionValue("threads", 1)
    h.passModel(model.lp)
    if max_total_shortfall is not None and model.shortfall_cols:
        idx = np.asarray(model.shortfall_cols, dtype=np.int32)
        h.addRow(0.0, max_total_shortfall, len(idx), idx, np.ones(len(idx)))
    if start:
        _set_start(h, model, start)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    seconds = time.perf_counter() - t0
    if status == highspy.HighsModelStatus.kOptimal:
        st = SolveStatus.OPTIMAL
    elif info.primal_solution_status == 2:  # feasible solution found before a limit
        st = SolveStatus.TIME_LIMITED
    else:
        return SolveResult(
            (),
            SolveStatus.INFEASIBLE,
            float("inf"),
            0.0,
            seconds,
            message="The rules cannot all hold at once (variety limits or locks). "
            "Allow more repeats or unlock some slots.",
        )
    x = np.asarray(h.getSolution().col_value)
    chosen = np.flatnonzero(x[: model.n_x] > 0.5)
    locks = {(lk.day, lk.slot) for lk in request.locks}
    assignments = tuple(
        sorted(
            (
                Assignment(
                    int(model.col_day[j]),
                    model.col_slot[j],
                    int(model.col_meal[j]),
                    float(model.col_level[j]),
                    (int(model.col_day[j]), model.col_slot[j]) in locks,
                )
                for j in chosen
            ),
            key=lambda a: (a.day, list(Slot).index(a.slot)),
        )
    )
    shortfall = tuple(float(x[c]) for c in model.shortfall_cols)
    return SolveResult(
        assignments,
        st,
        float(info.objective_function_value),
        float(info.mip_gap),
        seconds,
        shortfall,
        bound=float(info.mip_dual_bound),
    )


def _set_start(h: highspy.Highs, model: Model, start: tuple[Assignment, ...]) -> None:
    wanted = {(a.day, a.slot, a.meal_id, a.servings) for a in start}
    values = np.zeros(model.lp.num_col_)
    for j in range(model.n_x):
        key = (
            int(model.col_day[j]),
            model.col_slot[j],
            int(model.col_meal[j]),
            float(model.col_level[j]),
        )
        if key in wanted:
            values[j] = 1.0
    sol = highspy.HighsSolution()
    sol.col_value = list(values)
    sol.value_valid = True
    h.setSolution(sol)
