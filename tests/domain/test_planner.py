"""Planner behaviour on hand-made catalogues: goals, locks, modes, explanations, swaps."""

from __future__ import annotations

import pytest

from k2planner.domain.diet import Contains, Restriction
from k2planner.domain.meals import Slot
from k2planner.domain.planner.explain import explain_shortfall
from k2planner.domain.planner.solver import solve_week
from k2planner.domain.planner.swap import swap_options
from k2planner.domain.planner.types import Lock, MealOption, Mode, PlanRequest, SolveStatus

ALL = (Slot.BREAKFAST, Slot.LUNCH, Slot.DINNER, Slot.SNACK)


def meal(
    i: int,
    k2: float,
    kcal: float = 500,
    contains: Contains = Contains.NONE,
    slots: tuple[Slot, ...] = ALL,
    k1: float = 10.0,
    top: str = "",
) -> MealOption:
    return MealOption(i, f"meal {i}", slots, k2, k1, kcal, contains, frozenset({i}), top)


def catalogue() -> tuple[MealOption, ...]:
    plain = [meal(i, 1.0) for i in range(1, 31)]
    rich = [meal(50 + i, 60.0, contains=Contains.DAIRY, top="gouda") for i in range(6)]
    natto = [meal(70 + i, 400.0, contains=Contains.SOY, top="natto") for i in range(4)]
    return tuple(plain + rich + natto)


def test_week_meets_target_when_possible() -> None:
    """Every day reaches the target and the status is optimal."""
    req = PlanRequest(meals=catalogue(), k2_target_ug=90, seed=3)
    r = solve_week(req)
    assert r.status in (SolveStatus.OPTIMAL, SolveStatus.NEAR_OPTIMAL)
    assert r.gap_points is not None and r.gap_points <= 20
    assert len(r.assignments) == 28
    assert all(s <= 0.05 for s in r.shortfall_ug)


def test_restriction_removes_meals_and_shortfall_is_explained() -> None:
    """Vegan + soy-free leaves nothing K2-rich: the explanation names the costly rules."""
    req = PlanRequest(
        meals=catalogue(),
        k2_target_ug=90,
        seed=1,
        restrictions=frozenset({Restriction.VEGAN, Restriction.SOY_FREE}),
    )
    r = solve_week(req)
    assert r.status in (SolveStatus.OPTIMAL, SolveStatus.NEAR_OPTIMAL)
    assert r.gap_points is not None and r.gap_points <= 20
    assert len(r.shortfall_ug) == 7 and all(s > 80 for s in r.shortfall_ug)
    e = explain_shortfall(req)
    assert e is not None
    assert e.best_ug < 10
    allow = {x.rule: x for x in e.relaxations}
    assert allow["soy"].reachable_ug >= 89.9 and allow["soy"].example == "natto"
    assert "Vegan + soy-free" in e.text() and "allowing soy (natto) reaches 90" in e.text()


def test_no_explanation_when_target_reachable() -> None:
    """No shortfall, no explanation."""
    assert explain_shortfall(PlanRequest(meals=catalogue(), k2_target_ug=90)) is None


def test_locked_slot_is_kept_on_regenerate() -> None:
    """A lock survives any seed."""
    lock = Lock(2, Slot.DINNER, 5, 1.5)
    for seed in range(4):
        r = solve_week(PlanRequest(meals=catalogue(), seed=seed, locks=(lock,)))
        a = r.at(2, Slot.DINNER)
        assert a is not None and (a.meal_id, a.servings, a.locked) == (5, 1.5, True)


def test_different_seeds_can_differ() -> None:
    """Regenerate (another seed) gives another good plan."""
    plans = {solve_week(PlanRequest(meals=catalogue(), seed=s)).assignments for s in range(5)}
    assert len(plans) > 1


def test_consistency_mode_keeps_vitamin_k_in_band() -> None:
    """Vitamin K antagonist mode holds each day's K1 + K2 within the band."""
    values = [
        (0, 5),
        (0, 20),
        (5, 30),
        (10, 25),
        (0, 300),
        (400, 10),
        (2, 15),
        (3, 40),
        (1, 22),
        (0, 35),
        (4, 18),
        (6, 12),
    ] * 2
    meals = tuple(meal(i, k2, k1=k1) for i, (k2, k1) in enumerate(values, start=1))
    req = PlanRequest(
        meals=meals,
        mode=Mode.CONSISTENCY,
        vk_baseline_ug=100,
        vk_band_ug=20,
        seed=2,
        slots=(Slot.BREAKFAST, Slot.LUNCH, Slot.DINNER),
    )
    r = solve_week(req)
    by = {m.id: m for m in meals}
    for d in range(7):
        vk = sum(by[a.meal_id].vitamin_k_ug * a.servings for a in r.assignments if a.day == d)
        assert 80 - 1e-6 <= vk <= 120 + 1e-6


def test_empty_slot_is_reported_not_crashing() -> None:
    """A slot with no allowed meal gives a clear infeasible result."""
    meals = (meal(1, 10, slots=(Slot.DINNER,)),)
    r = solve_week(PlanRequest(meals=meals, slots=(Slot.BREAKFAST,), days=2))
    assert r.status is SolveStatus.INFEASIBLE
    assert "Breakfast" in r.message


def test_swap_ranks_goal_meeting_options_first() -> None:
    """Swap options put meals that keep the day at target first and include the current one."""
    req = PlanRequest(meals=catalogue(), seed=0)
    plan = solve_week(req).assignments
    opts = swap_options(req, plan, 0, Slot.SNACK, top=50)
    assert opts
    flags = [o.meets_goal for o in opts]
    assert flags == sorted(flags, reverse=True)
    current = next(a for a in plan if a.day == 0 and a.slot is Slot.SNACK)
    assert any(o.meal_id == current.meal_id for o in opts)


@pytest.mark.parametrize("slots", [(Slot.DINNER,), (Slot.BREAKFAST, Slot.SNACK)])
def test_energy_range_scales_with_slots(slots: tuple[Slot, ...]) -> None:
    """A plan with fewer slots asks for a proportionally smaller calorie range."""
    req = PlanRequest(meals=catalogue(), slots=slots)
    lo, hi = req.energy_range()
    assert lo < 1800 and hi < 2400 and lo / hi == pytest.approx(1800 / 2400)
