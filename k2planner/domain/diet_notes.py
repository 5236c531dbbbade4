"""Notes for "may contain": planned meals a diet allows only with a note.

Under the diet restrictions (vegetarian, strict vegetarian, vegan, pescatarian) a meal whose
ingredient *may contain* a forbidden flag is planned by default, with a note that names the
meal, the ingredient and the reason, so the user can choose a product labelled accordingly.
Which restrictions exclude instead is the user's setting (``Preferences.may_contain_excludes``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from k2planner.domain.advice import Advice, Kind, Severity
from k2planner.domain.diet import Contains, Restriction, noted
from k2planner.domain.foods import Food
from k2planner.domain.meals import Meal


@dataclass(frozen=True, slots=True)
class MayContainNote:
    """One planned ingredient that may contain something a diet avoids."""

    restriction: Restriction
    flags: Contains
    meal: str
    food: str
    reason: str


def meal_notes(
    meal: Meal,
    foods: Mapping[int, Food],
    restrictions: Iterable[Restriction],
    may_excludes: Iterable[Restriction],
) -> list[MayContainNote]:
    """The ingredients of ``meal`` that need a "may contain" note under the restrictions."""
    rules = frozenset(restrictions)
    excludes = frozenset(may_excludes)
    out = []
    for ing in meal.ingredients:
        food = foods[ing.food_id]
        for restriction, flags in noted(food.contains, food.may_contain, rules, excludes):
            reasons = (food.diet.reason(f).removeprefix("reviewed: ") for f in flags.each())
            why = "; ".join(dict.fromkeys(text for text in reasons if text))
            out.append(MayContainNote(restriction, flags, meal.name, food.name, why))
    return out


def may_contain_advice(
    meal_ids: Iterable[int],
    meals: Mapping[int, Meal],
    foods: Mapping[int, Food],
    restrictions: Iterable[Restriction],
    may_excludes: Iterable[Restriction],
) -> Advice | None:
    """One advice item for the planned meals that need a "may contain" note, or None."""
    groups: dict[tuple[Restriction, Contains], list[MayContainNote]] = {}
    for mid in dict.fromkeys(meal_ids):
        for note in meal_notes(meals[mid], foods, restrictions, may_excludes):
            groups.setdefault((note.restriction, note.flags), []).append(note)
    if not groups:
        return None
    parts = []
    for (restriction, flags), notes in groups.items():
        meals_text = ", ".join(dict.fromkeys(f"{n.meal} ({n.food})" for n in notes))
        reasons = "; ".join(dict.fromkeys(n.reason for n in notes if n.reason))
        parts.append(
            f"{restriction.label}: may contain {flags.label} — {meals_text}."
            + (f" Why: {reasons}." if reasons else "")
        )
    return Advice(
        Kind.DIET_NOTE,
        Severity.INFO,
        "Check these ingredients for your diet",
        "Some planned meals have an ingredient that may contain something your diet avoids: "
        "buy a product labelled for your diet, or exclude the meal. "
        + " ".join(parts)
        + " (In Settings you can choose to exclude such meals instead.)",
    )
