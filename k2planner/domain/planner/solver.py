"""Solving the week fast and provably well.

1. A **day-by-day plan** (:mod:`heuristic`): beam search over each day's slots, honouring the
   variety rules given the days already planned, with the program's exact objective.
2. A **lower bound** from the linear relaxation of the whole-week program.
3. If the plan is within the tolerance of the bound (0.5 points a day, or 1 %), it is *proven*
   optimal within that tolerance and returned at once. Otherwise the whole-week program is
   solved by HiGHS branch-and-bound, warm-started from that plan, within the time limit; its
   status says whether it was proven optimal or stopped at the limit.

When days fall short of the K2 target, the smallest possible total shortfall is found first
(a max-K2 solve) and kept as a hard limit, so nothing else is ever traded for K2.
"""

from __future__ import annotations

import time
from dataclasses import replace

from k2planner.domain.planner import objective as obj
from k2planner.domain.planner.heuristic import plan_day_by_day
from k2planner.domain.planner.model import build_model, relaxation_bound, solve_model
from k2planner.domain.planner.types import (
    Assignment,
    Mode,
    PlanRequest,
    SolveResult,
    SolveStatus,
)

SHORTFALL_TOLERANCE_UG = 0.05  # per day
POINTS_PER_DAY_TOLERANCE = 0.5


def tolerance(request: PlanRequest, upper: float) -> float:
    """How far above the bound a plan may be and still count as optimal."""
    return max(POINTS_PER_DAY_TOLERANCE * request.days, request.mip_rel_gap * abs(upper))


def _shortfalls(request: PlanRequest, plan: tuple[Assignment, ...]) -> tuple[float, ...]:
    by_id = {m.id: m for m in request.meals}
    out = []
    for d in range(request.days):
        k2 = sum(
            min(by_id[a.meal_id].k2_ug * a.servings, request.k2_target_ug)
            for a in plan
            if a.day == d
        )
        out.append(max(0.0, request.k2_target_ug - k2))
    return tuple(out)


def solve_week(request: PlanRequest) -> SolveResult:
    """Plan the week (see the module docstring for the method)."""
    t0 = time.perf_counter()
    model = build_model(request)
    if model.empty_slots:
        return replace(solve_model(request, model), seconds=time.perf_counter() - t0)
    fast = plan_day_by_day(request)
    k2_mode = request.mode is Mode.K2_TARGET
    cap = None
    if fast is not None:
        plan, upper = fast
        short = _shortfalls(request, plan) if k2_mode else ()
        if k2_mode and sum(short) > SHORTFALL_TOLERANCE_UG * request.days:
            cap = _min_total_shortfall(request)
        lower = relaxation_bound(model, max_total_shortfall=cap)
        short_ok = cap is None or sum(short) <= cap
        if short_ok and upper - lower <= tolerance(request, upper):
            return SolveResult(
                plan,
                SolveStatus.OPTIMAL,
                upper,
                max(0.0, (upper - lower) / max(abs(upper), 1e-9)),
                time.perf_counter() - t0,
                short,
                bound=lower,
            )
        start: tuple[Assignment, ...] = plan if short_ok else ()
    else:
        start = ()
        if k2_mode:
            cap = _min_total_shortfall(request)
    full = solve_model(request, model, max_total_shortfall=cap, start=start)
    return replace(full, seconds=time.perf_counter() - t0)


def _min_total_shortfall(request: PlanRequest) -> float | None:
    """The smallest total K2 shortfall any plan can reach (plus a small tolerance)."""
    best = solve_model(request, build_model(request, max_k2_only=True))
    if best.status is SolveStatus.INFEASIBLE:
        return None
    return best.objective / obj.SHORTFALL_PER_UG + SHORTFALL_TOLERANCE_UG * request.days
