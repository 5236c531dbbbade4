"""Small builders for domain objects used across tests."""

from __future__ import annotations

from itertools import count

from k2planner.domain.diet import Contains
from k2planner.domain.foods import Food, Portion
from k2planner.domain.meals import Ingredient, Meal, Slot
from k2planner.domain.nutrients import Nutrient, NutrientValue, Tier

_ids = count(1000)


def make_food(
    name: str = "Test food",
    *,
    food_id: int | None = None,
    contains: Contains = Contains.NONE,
    energy: float | None = 100.0,
    k1: float | None = None,
    portions: tuple[Portion, ...] = (),
    **values: float | None,
) -> Food:
    """A food; pass nutrient values by Nutrient name in lower case, e.g. ``mk7=10``."""
    vals: dict[Nutrient, NutrientValue] = {}
    given = {"energy": energy, "k1": k1, **values}
    for key, value in given.items():
        if value is None:
            continue
        nutrient = Nutrient[key.upper()] if key.upper() in Nutrient.__members__ else Nutrient(key)
        vals[nutrient] = NutrientValue(nutrient, value, "test", Tier.USER)
    fid = next(_ids) if food_id is None else food_id
    return Food(fid, f"test:{fid}", name, "Test group", "Other", contains, vals, portions)


def make_meal(
    name: str,
    ingredients: list[tuple[Food, float]],
    *,
    slots: tuple[Slot, ...] = (Slot.BREAKFAST, Slot.LUNCH, Slot.DINNER, Slot.SNACK),
    meal_id: int | None = None,
) -> Meal:
    """A meal from (food, grams per serving) pairs."""
    mid = next(_ids) if meal_id is None else meal_id
    return Meal(
        mid,
        f"meal-{mid}",
        name,
        slots,
        "Test",
        (),
        tuple(Ingredient(f.id, g) for f, g in ingredients),
    )
