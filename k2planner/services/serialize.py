"""Plain-data (JSON-ready) views of domain objects, shared by the CLI and exports."""

from __future__ import annotations

from typing import Any

from k2planner.domain.diet import Contains, Restriction, compatible_restrictions, noted
from k2planner.domain.foods import Food
from k2planner.domain.nutrients import MACROS, MK_FORMS, Nutrient
from k2planner.services.catalog import MealView


def _value(food: Food, nutrient: Nutrient) -> dict[str, Any] | None:
    v = food.values.get(nutrient)
    if v is None:
        return None
    return {"value": v.value, "unit": nutrient.unit, "source": v.source, "tier": v.tier.value}


def food_to_dict(food: Food) -> dict[str, Any]:
    """A food with every vitamin K form and its provenance; unknown values are null."""
    k2 = food.k2
    return {
        "id": food.id,
        "source_id": food.source_id,
        "name": food.name,
        "group": food.group,
        "aisle": food.aisle,
        "per": "100 g",
        "k1": _value(food, Nutrient.K1),
        "dihydrophylloquinone": _value(food, Nutrient.DK1),
        "menaquinones": {n.label: _value(food, n) for n in MK_FORMS},
        "k2_reported_total": _value(food, Nutrient.K2_REPORTED),
        "vitamin_k_form_not_stated": _value(food, Nutrient.VK_TOTAL),
        "k2_total_ug": k2.total_ug,
        "k2_range_ug": None if food.k2_low_high() is None else list(food.k2_low_high() or ()),
        "k2_sources_range": food.k2_range_ug is not None,
        "k2_coverage": k2.coverage.value,
        "macros": {n.value: _value(food, n) for n in MACROS},
        **diet_json(food.contains, food.may_contain),
        "flag_reasons": food.diet.reasons_json(),
        "portions": [{"amount": p.amount, "unit": p.unit, "grams": p.grams} for p in food.portions],
        "note": food.note,
    }


def diet_json(contains: Contains, may_contain: Contains) -> dict[str, Any]:
    """``contains``, ``may_contain``, ``suitable_for`` (by the default "may contain" rule) and
    the restrictions among those that allow it only with a note."""
    return {
        "contains": contains.names(),
        "may_contain": (may_contain & ~contains).names(),
        "suitable_for": [r.value for r in compatible_restrictions(contains, may_contain)],
        "suitable_with_a_note_for": [r.value for r, _ in noted(contains, may_contain, Restriction)],
    }


def meal_to_dict(view: MealView) -> dict[str, Any]:
    """A meal with its derived per-serving nutrition."""
    n = view.nutrition
    m = view.meal
    return {
        "id": m.id,
        "key": m.key,
        "name": m.name,
        "slots": [s.value for s in m.slots],
        "cuisine": m.cuisine,
        "tags": list(m.tags),
        "per_serving": {
            "grams": round(n.grams, 1),
            "energy_kcal": round(n.energy_kcal, 1),
            "k1_ug": round(n.k1_ug, 2),
            "k2_ug": None if n.k2.known_total_ug is None else round(n.k2.known_total_ug, 2),
            "k2_by_form_ug": {f.label: round(v, 2) for f, v in n.k2.by_form.items()},
            "k2_coverage": n.k2.coverage_text(),
        },
        **diet_json(n.contains, n.may_contain),
        "ingredients": [
            {"food_id": i.food_id, "grams": i.grams, "note": i.note} for i in m.ingredients
        ],
        "unmatched_lines": [{"text": u.text, "name": u.name, "k2_ug": None} for u in m.unmatched],
        "method": list(m.method),
        "prep_minutes": m.prep_minutes,
        "cook_minutes": m.cook_minutes,
        "time_minutes": m.time_minutes,
        "servings": m.servings,
        "source": m.source,
        "is_user": m.is_user,
    }
