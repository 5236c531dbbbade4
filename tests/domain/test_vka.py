"""VKA mode's hard rules, checked on the bundled meals: no natto, MK-7 capped, K2 steady."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from k2planner.domain.diet import Contains
from k2planner.domain.foods import Food
from k2planner.domain.goals import in_band, under_cap
from k2planner.domain.nutrients import Nutrient, NutrientValue, Tier
from k2planner.domain.planner.explain_vka import _outside, explain_vka
from k2planner.domain.planner.solver import solve_week
from k2planner.domain.planner.types import Mode, PlanRequest, SolveStatus
from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.domain.vka import MK7_RICH_UG_PER_100G, named_never, never_reason
from k2planner.services.planning import Catalogue, PlanningService

START = dt.date(2026, 11, 23)


def _food(name: str, mk7: float | None = None) -> Food:
    values = {} if mk7 is None else {Nutrient.MK7: NutrientValue(Nutrient.MK7, mk7, "t", Tier.USER)}
    return Food(1, "user:1", name, "other", "other", Contains.NONE, values)


@pytest.mark.parametrize(
    "name",
    [
        "Natto",
        "natto beans, fermented soybeans",
        "Nattō (Mito)",
        "納豆 3 pack",
        "NATTO",
        "낫토",
        "纳豆",
    ],
)
def test_natto_is_never_planned_by_name_even_without_values(name: str) -> None:
    """An imported natto with no vitamin K value is still refused."""
    assert named_never(name)
    assert "natto" in never_reason(_food(name))


@pytest.mark.parametrize("name", ["Nattokinase-free tofu", "Pinattoli", "Chicken breast"])
def test_other_names_are_not_natto(name: str) -> None:
    """The word must stand alone: no false alarms on names that only contain the letters."""
    assert not named_never(name)


def test_a_high_k2_total_without_forms_is_refused() -> None:
    """An imported table's "K2 870 µg" with no split into forms may be natto: refused; a
    cheese's unsplit 60 µg is not."""
    from k2planner.domain.vka import UNSPLIT_NEVER_UG

    def unsplit(name: str, total: float) -> Food:
        v = NutrientValue(Nutrient.K2_REPORTED, total, "t", Tier.USER)
        return Food(1, "user:1", name, "other", "other", Contains.NONE, {Nutrient.K2_REPORTED: v})

    assert "not split into forms" in never_reason(unsplit("청국장", 870))
    assert not never_reason(unsplit("Aged cheese", 60))
    assert never_reason(unsplit("Imported item", UNSPLIT_NEVER_UG))


def test_mk7_threshold_refuses_rich_foods_only() -> None:
    """MK-7 ≥ 50 µg/100 g is refused; 49 µg is allowed."""
    assert never_reason(_food("Fermented cheese X", MK7_RICH_UG_PER_100G))
    assert not never_reason(_food("Fermented cheese Y", MK7_RICH_UG_PER_100G - 1))


@pytest.fixture(scope="module")
def vka_catalogue(seeded_template) -> tuple[Catalogue, PlanningService]:  # type: ignore[no-untyped-def]
    from k2planner.db.database import open_database
    from k2planner.paths import resources_dir

    db = open_database(seeded_template, resources_dir())
    svc = PlanningService(db.engine)
    return svc.catalogue(), svc


def _request(cat: Catalogue, svc: PlanningService, prefs: Preferences, seed: int) -> PlanRequest:
    return replace(
        svc.build_request(prefs, cat, seed=seed, start=START, time_limit_s=4.0),
        recent_meal_uses={},
    )


def test_bundled_natto_meals_are_all_marked(vka_catalogue) -> None:  # type: ignore[no-untyped-def]
    """Every bundled meal with natto carries a VKA refusal; so does any food ≥ 50 µg MK-7."""
    cat, _svc = vka_catalogue
    natto_meals = [
        o for o in cat.options if any(named_never(cat.foods[f].name) for f in o.food_ids)
    ]
    assert len(natto_meals) >= 5
    assert all(o.vka_never for o in natto_meals)
    for o in cat.options:
        rich = [f for f in o.food_ids if (cat.foods[f].value(Nutrient.MK7) or 0) >= 50]
        assert bool(rich) <= bool(o.vka_never)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    baseline=st.integers(50, 800),
    band=st.integers(10, 200),
    seed=st.integers(0, 10_000),
)
def test_vka_plans_never_hold_natto_or_exceed_the_mk7_cap(
    vka_catalogue, baseline: int, band: int, seed: int
) -> None:  # type: ignore[no-untyped-def]
    """Any baseline/band: no natto, no MK-7-rich food, MK-7 ≤ cap, K2 within the spread,
    and every day in band whenever a week exists that keeps every day in band."""
    cat, svc = vka_catalogue
    band = min(band, baseline)
    prefs = Preferences(
        start_date=START,
        anticoagulant=Anticoagulant.VKA,
        vk_baseline_ug=float(baseline),
        vk_band_ug=float(band),
    )
    request = _request(cat, svc, prefs, seed)
    assert request.mode is Mode.CONSISTENCY
    result = solve_week(request)
    assert result.status is not SolveStatus.INFEASIBLE
    by_id = {m.id: m for m in cat.options}
    k2_days = []
    for d in range(request.days):
        todays = [a for a in result.assignments if a.day == d]
        for a in todays:
            meal = cat.meals[a.meal_id]
            for ing in meal.ingredients:
                food = cat.foods[ing.food_id]
                assert not named_never(food.name), meal.name
                assert (food.value(Nutrient.MK7) or 0.0) < MK7_RICH_UG_PER_100G, meal.name
        mk7 = sum(by_id[a.meal_id].mk7_ug * a.servings for a in todays)
        assert under_cap(mk7, prefs.vka_mk7_cap_ug)
        k2_days.append(sum(by_id[a.meal_id].k2_ug * a.servings for a in todays))
    assert max(k2_days) - min(k2_days) <= prefs.vka_k2_spread_ug + 1e-6
    if result.status in (SolveStatus.OPTIMAL, SolveStatus.NEAR_OPTIMAL) and _outside(request) == 0:
        for d in range(request.days):
            vk = sum(
                by_id[a.meal_id].vitamin_k_ug * a.servings for a in result.assignments if a.day == d
            )
            assert in_band(vk, float(baseline), float(band))


def test_binding_mk7_cap_is_named_with_what_relaxing_it_gives() -> None:
    """Every meal has 5 µg MK-7 and the cap is 0: no week; the cap is named as the rule."""
    from k2planner.domain.meals import SLOT_ORDER
    from k2planner.domain.planner.types import MealOption

    meals = tuple(
        MealOption(
            i,
            f"meal {i}",
            SLOT_ORDER,
            k2_ug=6.0,
            k1_ug=20.0,
            energy_kcal=500.0,
            contains=Contains.NONE,
            mk7_ug=5.0,
        )
        for i in range(1, 15)
    )
    request = PlanRequest(
        meals,
        days=3,
        mode=Mode.CONSISTENCY,
        vk_baseline_ug=100.0,
        vk_band_ug=20.0,
        mk7_cap_ug=0.0,
        time_limit_s=3.0,
    )
    result = solve_week(request)
    assert result.status is SolveStatus.INFEASIBLE
    explanation = explain_vka(request, result)
    assert explanation is not None and not explanation.feasible
    text = explanation.text()
    assert "No week can keep all the vitamin K antagonist rules" in text
    assert "An MK-7 cap of 20 µg a day would keep every day in band" in text
    assert "anticoagulation clinic" in text


def test_swap_to_natto_is_refused_in_vka_mode(seeded_engine: Engine) -> None:
    """replace_slot refuses a natto meal with the reason; unlocking is always allowed."""
    from k2planner.domain.meals import Slot
    from k2planner.services.planning import PlanRuleError

    svc = PlanningService(seeded_engine)
    prefs = Preferences(start_date=START, anticoagulant=Anticoagulant.VKA)
    out = svc.generate(prefs, seed=4)
    natto = next(m for m in out.catalogue.meals.values() if m.key == "natto-rice-bowl")
    with pytest.raises(PlanRuleError, match="natto"):
        svc.replace_slot(out, 0, Slot.BREAKFAST, natto.id)
