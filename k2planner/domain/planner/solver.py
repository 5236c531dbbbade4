"""Solving the week fast and provably well.

1. A **day-by-day plan** (:mod:`heuristic`): beam search over each day's slots, honouring the
   variety rules given the days already planned, with the program's exact objective.
2. A **lower bound** from the linear relaxation of the whole-week program.
3. If the plan is within half a point of the bound it is *optimal*. If it is within
   :data:`GOALS_PROVEN_POINTS` (20 points: a fifth of one µg of K2 shortfall or of vitamin K
   outside the band) it is *near-optimal*: the nutrient goals are met as well as any plan can
   meet them, and the preferences (favourites, variety, serving sizes, the seeded tie-break)
   are within the reported gap; it is returned at once, since proving those few points takes
   branch-and-bound many seconds (a week with favourites is a hard packing problem) for no
   difference a person would notice. Otherwise the whole-week program is solved by HiGHS
   branch-and-bound, warm-started from that plan, within the time limit, and the status says
   how it finished.

When days fall short of the K2 target, the smallest possible total shortfall is found first
(a max-K2 solve) and kept as a hard limit, so nothing else is ever traded for K2.
"""

from __future__ import annotations

import time
from dataclasses import replace

from k2planner.domain.planner import objective as obj
from k2planner.domain.planner.bound import relaxation_bound
from k2planner.domain.planner.heuristic import plan_day_by_day
from k2planner.domain.planner.model import build_model, solve_model
from k2planner.domain.planner.types import (
    Assignment,
    Mode,
    PlanRequest,
    SolveResult,
    SolveStatus,
)

SHORTFALL_TOLERANCE_UG = 0.05  # per day
OPTIMAL_POINTS = 0.5  # a plan within half a point of the bound is optimal
GOALS_PROVEN_POINTS = 20.0  # within this, no plan meets the goals better by 0.2 µg


def status_for(points: float, finished: bool) -> SolveStatus:
    """The status word for a plan ``points`` above the proven bound (the one rule)."""
    if points <= OPTIMAL_POINTS + 1e-9:
        return SolveStatus.OPTIMAL
    if finished or points <= GOALS_PROVEN_POINTS:
        return SolveStatus.NEAR_OPTIMAL
    return SolveStatus.TIME_LIMITED


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
        if short_ok and upper - lower <= GOALS_PROVEN_POINTS:
            return SolveResult(
                plan,
                status_for(upper - lower, finished=True),
                upper,
                max(0.0, (upper - lower) / max(abs(upper), 1e-9)),
                time.perf_counter() - t0,
                short,
                bound=lower,
                least_shortfall_ug=_least(cap, short, request),
            )
        start: tuple[Assignment, ...] = plan if short_ok else ()
    else:
        start = ()
        if k2_mode:
            cap = _min_total_shortfall(request)
    full = solve_model(request, model, max_total_shortfall=cap, start=start)
    if full.assignments:
        finished = full.status is SolveStatus.OPTIMAL
        full = replace(
            full,
            status=status_for(full.objective - full.bound, finished),
            least_shortfall_ug=_least(cap, full.shortfall_ug, request),
        )
    return replace(full, seconds=time.perf_counter() - t0)


def _least(cap: float | None, short: tuple[float, ...], request: PlanRequest) -> float | None:
    """The least total shortfall any plan can have: proven by the max-K2 solve when one ran,
    else 0 when the plan has none (VKA mode: not applicable)."""
    if request.mode is not Mode.K2_TARGET:
        return None
    if cap is not None:
        return max(0.0, cap - SHORTFALL_TOLERANCE_UG * request.days)
    return 0.0 if sum(short) <= SHORTFALL_TOLERANCE_UG * request.days else None


def _min_total_shortfall(request: PlanRequest) -> float | None:
    """The smallest total K2 shortfall any plan can reach (plus a small tolerance)."""
    best = solve_model(request, build_model(request, max_k2_only=True))
    if best.status is SolveStatus.INFEASIBLE:
        return None
    return best.objective / obj.SHORTFALL_PER_UG + SHORTFALL_TOLERANCE_UG * request.days
