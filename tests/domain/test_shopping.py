"""Shopping aggregation: sums, household, counts, units kept apart (no Qt)."""

from __future__ import annotations

import pytest

from k2planner.domain.diet import Contains
from k2planner.domain.foods import Food, Portion
from k2planner.domain.meals import Slot
from k2planner.domain.planner.types import Assignment
from k2planner.domain.shopping import (
    Amount,
    Need,
    aggregate,
    format_mass,
    needs_of_plan,
    shop_name,
    to_grams,
)
from tests.factories import make_food, make_meal

EGG_PORTIONS = (Portion(1, "large", 50.0), Portion(1, "cup (4.86 large eggs)", 243.0))


def egg() -> Food:
    return make_food("Egg, whole, raw, fresh", contains=Contains.EGG, portions=EGG_PORTIONS)


def test_same_food_in_several_meals_and_days_sums() -> None:
    """Cheese used by two meals on three days adds up."""
    cheese = make_food("Cheese, gouda")
    bread = make_food("Bread, rye")
    toast = make_meal("toast", [(cheese, 30), (bread, 60)])
    gratin = make_meal("gratin", [(cheese, 50)])
    plan = (
        Assignment(0, Slot.LUNCH, toast.id, 1.0),
        Assignment(1, Slot.DINNER, gratin.id, 1.5),
        Assignment(2, Slot.LUNCH, toast.id, 0.5),
    )
    foods = {cheese.id: cheese, bread.id: bread}
    lst = aggregate(needs_of_plan(plan, {toast.id: toast, gratin.id: gratin}, 1), foods, 1)
    by = {i.food_id: i for i in lst.items}
    assert by[cheese.id].grams == pytest.approx(30 + 75 + 15)
    assert by[bread.id].grams == pytest.approx(90)
    assert set(by[cheese.id].meals) == {"toast", "gratin"}


def test_household_size_scales() -> None:
    """Three people buy three times as much."""
    cheese = make_food("Cheese, gouda")
    meal = make_meal("plate", [(cheese, 40)])
    plan = (Assignment(0, Slot.SNACK, meal.id, 1.0),)
    one = aggregate(needs_of_plan(plan, {meal.id: meal}, 1), {cheese.id: cheese}, 1)
    three = aggregate(needs_of_plan(plan, {meal.id: meal}, 3), {cheese.id: cheese}, 3)
    assert three.items[0].grams == pytest.approx(3 * one.items[0].grams)


def test_eggs_come_out_as_a_count() -> None:
    """300 g of egg reads "6 × large"."""
    e = egg()
    lst = aggregate([Need(e.id, Amount(300, "g"), "omelette")], {e.id: e}, 1)
    text = lst.items[0].quantity(False, e)
    assert text.startswith("6 × large")
    assert "300 g" in text


def test_unconvertible_unit_is_kept_apart_with_a_note() -> None:
    """A volume for a food without density is not merged into its grams."""
    cheese = make_food("Cheese, cottage")
    needs = [
        Need(cheese.id, Amount(200, "g"), "a"),
        Need(cheese.id, Amount(1, "cup"), "b"),
        Need(cheese.id, Amount(0.5, "cup"), "c"),
    ]
    item = aggregate(needs, {cheese.id: cheese}, 1).items[0]
    assert item.grams == pytest.approx(200)
    assert [(a.value, a.unit) for a in item.unconverted] == [(1.5, "cup")]
    assert "could not be converted" in item.note
    assert item.quantity() == "200 g + 1.5 cup"


def test_volume_converts_with_density_and_counts_with_portions() -> None:
    """1 cup of milk with its density, 2 large eggs with the portion weight."""
    milk = Food(
        1,
        "usda:01077",
        "Milk, whole",
        "Dairy",
        "Dairy & eggs",
        Contains.DAIRY,
        density_g_per_ml=1.03,
    )
    assert to_grams(Amount(1, "cup"), milk) == pytest.approx(236.588 * 1.03, rel=1e-3)
    assert to_grams(Amount(2, "large"), egg()) == pytest.approx(100)
    assert to_grams(Amount(3, "kg"), milk) == pytest.approx(3000)
    assert to_grams(Amount(1, "handful"), milk) is None
    assert format_mass(1030.0, food=milk) == "1 L"


@pytest.mark.parametrize(
    ("grams", "metric", "imperial"),
    [
        (250, "250 g", "8.8 oz"),
        (1234, "1.23 kg", "2.7 lb"),
        (12.4, "12 g", "0.4 oz"),
    ],
)
def test_mass_display(grams: float, metric: str, imperial: str) -> None:
    """Grams up to a kilogram, then kg; ounces and pounds on request."""
    assert format_mass(grams) == metric
    assert format_mass(grams, imperial=True) == imperial


def test_shop_names_are_short_but_user_names_untouched() -> None:
    """USDA qualifiers go; the user's own names print exactly as typed."""
    assert (
        shop_name("Beef, top sirloin, steak, separable lean and fat, all grades, raw", "usda:13929")
        == "Beef, top sirloin, steak"
    )
    assert (
        shop_name("Tomatoes, red, ripe, canned, packed in tomato juice", "usda:11531")
        == "Tomatoes, red, ripe, canned"
    )
    hostile = "<b>x</b> & <img src=y>, raw"
    assert shop_name(hostile, "user:abc") == hostile
