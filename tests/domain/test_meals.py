"""Meal nutrition derived from ingredients."""

from __future__ import annotations

import pytest

from k2planner.domain.diet import Contains
from k2planner.domain.meals import Slot, meal_nutrition, parse_slots
from tests.factories import make_food, make_meal


def test_meal_nutrition_sums_ingredients_per_serving() -> None:
    """Grams/100 × value per ingredient, summed; flags are the union."""
    natto = make_food("natto", contains=Contains.SOY, energy=200, mk7=900.0, k1=30.0)
    rice = make_food("rice", energy=130, k1=0.0)
    meal = make_meal("bowl", [(natto, 50), (rice, 150)])
    n = meal_nutrition(meal, {natto.id: natto, rice.id: rice})
    assert n.k2.total_ug == pytest.approx(450.0)
    assert n.k1_ug == pytest.approx(15.0)
    assert n.energy_kcal == pytest.approx(100 + 195)
    assert n.contains == Contains.SOY
    assert n.k2.known_items == 1 and n.k2.items == 2


def test_servings_scale_everything() -> None:
    """Two servings double every amount."""
    cheese = make_food("cheese", contains=Contains.DAIRY, mk9=40.0)
    meal = make_meal("plate", [(cheese, 30)])
    one = meal_nutrition(meal, {cheese.id: cheese})
    two = meal_nutrition(meal, {cheese.id: cheese}, servings=2)
    assert two.k2.total_ug == pytest.approx(2 * one.k2.total_ug)
    assert two.grams == pytest.approx(60)


def test_missing_ingredient_food_names_the_meal() -> None:
    """A meal whose food is missing raises an error naming the meal."""
    cheese = make_food("cheese")
    meal = make_meal("orphan", [(cheese, 30)])
    with pytest.raises(KeyError, match="orphan"):
        meal_nutrition(meal, {})


def test_parse_slots_in_day_order() -> None:
    """Slots come back in breakfast-to-snack order; unknown ones are rejected."""
    assert parse_slots("dinner, breakfast") == (Slot.BREAKFAST, Slot.DINNER)
    with pytest.raises(ValueError, match="brunch"):
        parse_slots("brunch")


def test_vitamin_k_of_unstated_form_counts_in_the_total_only() -> None:
    """A label's vitamin K (form not stated) adds to total vitamin K, beyond the known K1 and
    K2, and never to K2: warfarin mode sees it, the K2 target does not."""
    label = make_food("kale chips", k1=100.0, vk_total=300.0)
    plain = make_food("spread", vk_total=40.0, mk7=10.0)
    assert label.unattributed_vk_ug() == pytest.approx(200.0)
    assert plain.unattributed_vk_ug() == pytest.approx(30.0)
    assert make_food("bread").unattributed_vk_ug() == 0.0
    assert make_food("over", k1=50.0, vk_total=20.0).unattributed_vk_ug() == 0.0
    meal = make_meal("snack", [(label, 50), (plain, 100)])
    n = meal_nutrition(meal, {label.id: label, plain.id: plain})
    assert n.k2.total_ug == pytest.approx(10.0)
    assert n.k1_ug == pytest.approx(50.0)
    assert n.vk_other_ug == pytest.approx(100.0 + 30.0)
    assert n.total_vitamin_k_ug == pytest.approx(50.0 + 10.0 + 130.0)


def test_plan_totals_carry_vitamin_k_of_unstated_form() -> None:
    """Planned meals and day totals add it to total vitamin K, as the planner's options do."""
    import datetime as dt

    from k2planner.domain.planner.details import plan_details
    from k2planner.domain.planner.types import Assignment

    label = make_food("kale chips", vk_total=300.0)
    meal = make_meal("snack", [(label, 50)])
    a = Assignment(0, Slot.SNACK, meal.id, 2.0)
    details = plan_details((a,), {meal.id: meal}, {label.id: label}, dt.date(2026, 11, 23), 1)
    assert details.meals[0].vitamin_k_ug == pytest.approx(300.0)
    assert details.days[0].vitamin_k_ug == pytest.approx(300.0)
    assert details.days[0].k2.known_total_ug is None  # still no K2 known
