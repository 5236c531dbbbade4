"""What the planner needs to know of each meal, derived from its ingredients."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from k2planner.domain.foods import Food
from k2planner.domain.meals import Meal, meal_nutrition
from k2planner.domain.nutrients import Nutrient
from k2planner.domain.planner.types import MealOption
from k2planner.domain.vka import meal_never_reason


def short_food_name(name: str) -> str:
    """A readable short name: "Cheese, gouda, aged" → "gouda cheese", "Natto" → "natto"."""
    parts = [p.strip() for p in name.split(",") if p.strip()]
    if not parts:
        return name
    if len(parts) > 1 and parts[0].lower() in {"cheese", "fish", "egg", "nuts", "seeds"}:
        return f"{parts[1]} {parts[0]}".lower()
    return parts[0].lower()


def meal_options(meals: Iterable[Meal], foods: Mapping[int, Food]) -> tuple[MealOption, ...]:
    """Per-serving planner inputs for each meal, derived from its ingredients."""
    out = []
    for m in meals:
        n = meal_nutrition(m, foods)
        richest = max(
            m.ingredients,
            key=lambda i: foods[i.food_id].k2.total_or_zero() * i.grams,
            default=None,
        )
        top = (
            short_food_name(foods[richest.food_id].name)
            if richest is not None and foods[richest.food_id].k2.total_or_zero() > 0
            else ""
        )
        out.append(
            MealOption(
                m.id,
                m.name,
                m.slots,
                n.k2.total_ug,
                n.k1_ug,
                n.energy_kcal,
                n.contains,
                frozenset(i.food_id for i in m.ingredients),
                top,
                n.vk_other_ug,
                n.k2.by_form[Nutrient.MK7],
                meal_never_reason(
                    (foods[i.food_id] for i in m.ingredients), (u.text for u in m.unmatched)
                ),
                n.may_contain,
            )
        )
    return tuple(out)
