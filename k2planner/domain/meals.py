"""Meals (recipes) and the nutrients derived from their ingredients.

A meal's nutrients and dietary flags are always computed from its ingredients (grams per
serving × the food's values per 100 g); nothing is typed in by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from k2planner.domain.diet import Contains, DietFlags
from k2planner.domain.diet_rules import derive_flags
from k2planner.domain.foods import Food
from k2planner.domain.k2 import UNKNOWN_K2, K2Summary, K2Tally, tally_k2
from k2planner.domain.nutrients import MACROS, Nutrient


class Slot(StrEnum):
    """Meal slots of a day, in order."""

    BREAKFAST = "breakfast"
    LUNCH = "lunch"
    DINNER = "dinner"
    SNACK = "snack"

    @property
    def label(self) -> str:
        """Capitalised name."""
        return self.value.capitalize()


SLOT_ORDER: tuple[Slot, ...] = (Slot.BREAKFAST, Slot.LUNCH, Slot.DINNER, Slot.SNACK)


def parse_slots(text: str | Iterable[str]) -> tuple[Slot, ...]:
    """Parse "breakfast,dinner" into slots in day order, with a clear error."""
    items = text.split(",") if isinstance(text, str) else list(text)
    out: set[Slot] = set()
    for raw in items:
        name = raw.strip().lower()
        if not name:
            continue
        try:
            out.add(Slot(name))
        except ValueError:
            valid = ", ".join(s.value for s in Slot)
            raise ValueError(f"unknown meal slot {raw.strip()!r}; choose from: {valid}") from None
    return tuple(s for s in SLOT_ORDER if s in out)


@dataclass(frozen=True, slots=True)
class Ingredient:
    """An ingredient of a meal: a food and its grams per serving."""

    food_id: int
    grams: float
    note: str = ""


def split_method(text: str) -> tuple[str, ...]:
    """A stored method (one step a line) as its steps."""
    return tuple(step.strip() for step in text.splitlines() if step.strip())


def join_method(steps: Iterable[str]) -> str:
    """Steps as stored: one a line, each step's own line breaks folded into spaces."""
    return "\n".join(" ".join(step.split()) for step in steps if step.strip())


@dataclass(frozen=True, slots=True)
class UnmatchedLine:
    """A recipe line that matches no food: kept as text, its K2 unknown (never zero)."""

    text: str
    name: str = ""  # the food it names, as read; its diet flags come from these words

    def flags(self) -> DietFlags:
        """Diet flags from the named food's words (the whole line when no name was read)."""
        return _words_flags(self.name or self.text)


@lru_cache(maxsize=4096)
def _words_flags(words: str) -> DietFlags:
    """The rule book over a line's words, once per distinct text (meals are read often)."""
    return derive_flags(words)


@dataclass(frozen=True, slots=True)
class Meal:
    """A recipe: ingredients in grams per serving, the slots it suits, cuisine and tags."""

    id: int
    key: str
    name: str
    slots: tuple[Slot, ...]
    cuisine: str
    tags: tuple[str, ...]
    ingredients: tuple[Ingredient, ...]
    description: str = ""
    is_user: bool = False
    method: tuple[str, ...] = ()
    prep_minutes: int | None = None
    cook_minutes: int | None = None
    servings: int = 1
    source: str = ""
    # recipe lines that match no food: unknown K2, never zero
    unmatched: tuple[UnmatchedLine, ...] = ()

    def unknown_k2(self) -> tuple[K2Summary, ...]:
        """An unknown K2 for each recipe line that matches no food: counted, never as 0."""
        return (UNKNOWN_K2,) * len(self.unmatched)

    @property
    def time_minutes(self) -> int | None:
        """Prep plus cook time, or None when neither is known."""
        if self.prep_minutes is None and self.cook_minutes is None:
            return None
        return (self.prep_minutes or 0) + (self.cook_minutes or 0)


@dataclass(frozen=True, slots=True)
class MealNutrition:
    """Nutrients of one serving of a meal, derived from its ingredients."""

    k2: K2Tally
    k1_ug: float
    k1_known_items: int
    macros: Mapping[Nutrient, float]
    contains: Contains
    grams: float
    vk_other_ug: float = 0.0  # vitamin K of unstated form (labels), beyond K1 and K2
    may_contain: Contains = Contains.NONE  # flags an ingredient may contain (and none contains)

    @property
    def energy_kcal(self) -> float:
        """Energy per serving (unknown energy counts as 0)."""
        return self.macros.get(Nutrient.ENERGY, 0.0)

    @property
    def total_vitamin_k_ug(self) -> float:
        """K1 + K2 (+ vitamin K of unstated form) per serving, known values only."""
        return self.k1_ug + self.k2.total_ug + self.vk_other_ug


def meal_nutrition(meal: Meal, foods: Mapping[int, Food], servings: float = 1.0) -> MealNutrition:
    """Derive a meal's nutrients and flags from its ingredients (``servings`` scales them).

    Raises KeyError naming the meal when an ingredient's food is missing.
    """
    summaries = []
    k1 = 0.0
    k1_known = 0
    macros = dict.fromkeys(MACROS, 0.0)
    contains = may = Contains.NONE
    grams = 0.0
    vk_other = 0.0
    for ing in meal.ingredients:
        food = foods.get(ing.food_id)
        if food is None:
            raise KeyError(f"meal {meal.name!r}: ingredient food #{ing.food_id} not found")
        factor = ing.grams * servings / 100.0
        grams += ing.grams * servings
        summaries.append(food.k2.scaled(factor))
        vk_other += food.unattributed_vk_ug() * factor
        k1_value = food.value(Nutrient.K1)
        if k1_value is not None:
            k1 += k1_value * factor
            k1_known += 1
        for n in MACROS:
            v = food.value(n)
            if v is not None:
                macros[n] += v * factor
        contains |= food.contains
        may |= food.may_contain
    summaries.extend(meal.unknown_k2())
    for line in meal.unmatched:  # a line no food matches: its diet flags come from its words
        line_flags = line.flags()
        contains |= line_flags.contains
        may |= line_flags.may_contain
    return MealNutrition(
        tally_k2(summaries), k1, k1_known, macros, contains, grams, vk_other, may & ~contains
    )


def meal_flags(meal: Meal, foods: Mapping[int, Food]) -> DietFlags:
    """A meal's diet flags: the union of its ingredients', each reason naming the ingredient
    ("Cheese, gouda: cheese is often made with animal rennet …")."""
    contains = may = Contains.NONE
    reasons: dict[str, list[str]] = {}
    for ing in meal.ingredients:
        food = foods[ing.food_id]
        contains |= food.contains
        may |= food.may_contain
        for flag in (food.contains | food.may_contain).each():
            why = food.diet.reason(flag)
            reasons.setdefault(flag.names()[0], []).append(
                f"{food.name}: {why}" if why else food.name
            )
    for line in meal.unmatched:
        line_flags = line.flags()
        contains |= line_flags.contains
        may |= line_flags.may_contain
        for flag in (line_flags.contains | line_flags.may_contain).each():
            reasons.setdefault(flag.names()[0], []).append(
                f"“{line.text}” (matches no food): {line_flags.reason(flag)}"
            )
    may &= ~contains
    kept = (contains | may).names()
    return DietFlags(
        contains,
        may,
        tuple(sorted((k, "; ".join(dict.fromkeys(v))) for k, v in reasons.items() if k in kept)),
    )
