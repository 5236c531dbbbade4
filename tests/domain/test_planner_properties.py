"""Property tests of the planner on small random catalogues (hypothesis)."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k2planner.domain.diet import Contains, Restriction, allowed
from k2planner.domain.meals import SLOT_ORDER, Slot
from k2planner.domain.planner.explain import best_reachable
from k2planner.domain.planner.solver import solve_week
from k2planner.domain.planner.types import Lock, MealOption, Mode, PlanRequest, SolveStatus

FLAGS = [Contains.MEAT, Contains.FISH, Contains.DAIRY, Contains.EGG, Contains.SOY]


@st.composite
def meal_options(draw: st.DrawFn) -> tuple[MealOption, ...]:
    n = draw(st.integers(6, 16))
    meals = []
    for i in range(n):
        slots = tuple(s for s in SLOT_ORDER if draw(st.booleans())) or (SLOT_ORDER[i % 4],)
        contains = Contains.NONE
        for f in FLAGS:
            if draw(st.integers(0, 3)) == 0:
                contains |= f
        meals.append(
            MealOption(
                id=i + 1,
                name=f"meal {i + 1}",
                slots=slots,
                k2_ug=draw(st.sampled_from([0.0, 0.0, 2.5, 10.0, 25.0, 60.0, 200.0])),
                k1_ug=draw(st.floats(0, 150)),
                energy_kcal=draw(st.floats(80, 900)),
                contains=contains,
                food_ids=frozenset({100 + i}),
            )
        )
    return tuple(meals)


@st.composite
def requests(draw: st.DrawFn) -> PlanRequest:
    meals = draw(meal_options())
    days = draw(st.integers(2, 5))
    slots = tuple(s for s in SLOT_ORDER if draw(st.booleans())) or (Slot.DINNER,)
    restrictions = frozenset(
        draw(
            st.sets(
                st.sampled_from(
                    [
                        Restriction.VEGETARIAN,
                        Restriction.DAIRY_FREE,
                        Restriction.SOY_FREE,
                        Restriction.EGG_FREE,
                    ]
                ),
                max_size=2,
            )
        )
    )
    locks = []
    for _ in range(draw(st.integers(0, 2))):
        day = draw(st.integers(0, days - 1))
        slot = draw(st.sampled_from(slots))
        fitting = [m for m in meals if slot in m.slots]
        if fitting and not any(lk.day == day and lk.slot is slot for lk in locks):
            meal = draw(st.sampled_from(fitting))
            locks.append(Lock(day, slot, meal.id, draw(st.sampled_from([0.5, 1.0, 2.0]))))
    mode = draw(st.sampled_from([Mode.K2_TARGET, Mode.K2_TARGET, Mode.CONSISTENCY]))
    return PlanRequest(
        meals=meals,
        days=days,
        slots=slots,
        mode=mode,
        k2_target_ug=draw(st.sampled_from([20.0, 50.0, 90.0])),
        vk_baseline_ug=draw(st.sampled_from([80.0, 150.0])),
        vk_band_ug=30.0,
        restrictions=restrictions,
        locks=tuple(locks),
        max_uses_per_week=draw(st.integers(1, 3)),
        allow_consecutive_days=draw(st.booleans()),
        seed=draw(st.integers(0, 10_000)),
        time_limit_s=5.0,
    )


PROPS = settings(max_examples=45, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(requests())
def test_plans_obey_every_hard_rule(request: PlanRequest) -> None:
    """Restrictions, locks, one meal per slot and variety always hold."""
    result = solve_week(request)
    if result.status is SolveStatus.INFEASIBLE:
        assert result.assignments == () and result.message
        return
    by_id = {m.id: m for m in request.meals}
    locks = {(lk.day, lk.slot): lk for lk in request.locks}
    cells = Counter((a.day, a.slot) for a in result.assignments)
    assert set(cells) == {(d, s) for d in range(request.days) for s in request.slots}
    assert all(n == 1 for n in cells.values())
    for a in result.assignments:
        lock = locks.get((a.day, a.slot))
        if lock is not None:
            assert (a.meal_id, a.servings, a.locked) == (lock.meal_id, lock.servings, True)
            continue
        meal = by_id[a.meal_id]
        assert a.slot in meal.slots
        assert allowed(meal.contains, request.restrictions)
        assert a.servings in request.serving_levels
    free = [a for a in result.assignments if (a.day, a.slot) not in locks]
    locked_ids = {lk.meal_id for lk in request.locks}
    for meal_id in {a.meal_id for a in free} - locked_ids:
        days = sorted(a.day for a in result.assignments if a.meal_id == meal_id)
        assert len(days) == len(set(days)), "a meal twice on one day"
        assert len(days) <= request.max_uses_per_week
        if not request.allow_consecutive_days:
            assert all(b - a > 1 for a, b in itertools.pairwise(days))


@PROPS
@given(requests())
def test_target_met_whenever_reachable(request: PlanRequest) -> None:
    """If the max-K2 solve can reach the target every day, the plan does too."""
    if request.mode is not Mode.K2_TARGET:
        return
    result = solve_week(request)
    best = best_reachable(request)
    if result.status is SolveStatus.INFEASIBLE or best is None:
        return
    total_short = sum(result.shortfall_ug)
    best_total = (request.k2_target_ug - best) * request.days
    assert total_short <= best_total + 0.06 * request.days
    if best >= request.k2_target_ug - 1e-6:
        assert all(s <= 0.06 for s in result.shortfall_ug)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_same_seed_same_plan(request: PlanRequest) -> None:
    """Solving twice with the same seed gives the same plan."""
    first = solve_week(request)
    second = solve_week(request)
    assert first.assignments == second.assignments
    assert first.status == second.status
