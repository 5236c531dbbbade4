"""Checking food values typed or imported by the user: units, plausibility, per 100 g.

Used by the "Add food" dialog and by every importer, so a value is judged the same way
wherever it comes from. A problem is either an *error* (the value cannot be stored) or a
*question* (probably a unit mix-up: the user decides, with the scaled value shown).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from k2planner.domain.diet import Contains
from k2planner.domain.foods import Portion
from k2planner.domain.nutrients import MK_FORMS, PLAUSIBLE_MAX, Nutrient

MASS_UNITS_IN_UG: dict[str, float] = {
    "µg": 1.0,
    "ug": 1.0,
    "mcg": 1.0,
    "μg": 1.0,  # Greek mu
    "mg": 1_000.0,
    "g": 1_000_000.0,
}
ENERGY_UNITS_IN_KCAL: dict[str, float] = {"kcal": 1.0, "kj": 1.0 / 4.184, "cal": 0.001}
VITAMIN_K = frozenset(
    {Nutrient.K1, Nutrient.DK1, Nutrient.K2_REPORTED, Nutrient.VK_TOTAL, *MK_FORMS}
)
QUESTION_ABOVE_UG = 1_200.0  # natto, the richest K2 food, is about 1,000 µg/100 g


class Severity(StrEnum):
    """How serious a problem is."""

    ERROR = "error"
    QUESTION = "question"


@dataclass(frozen=True, slots=True)
class Problem:
    """A value that cannot be stored as is, and why."""

    field: str
    value: str
    message: str
    severity: Severity = Severity.ERROR
    suggestion: float | None = None  # the value after the suggested unit fix, per 100 g


def canonical_unit(nutrient: Nutrient) -> str:
    """The unit values are stored in."""
    return nutrient.unit


def convert(value: float, unit: str, nutrient: Nutrient) -> float:
    """``value`` in ``unit`` → the nutrient's stored unit; ValueError for an impossible unit."""
    u = unit.strip().lower().replace("μ", "µ")
    target = canonical_unit(nutrient)
    if target == "kcal":
        if u not in ENERGY_UNITS_IN_KCAL:
            raise ValueError(f"energy cannot be given in {unit!r} (use kcal or kJ)")
        return value * ENERGY_UNITS_IN_KCAL[u]
    if u not in MASS_UNITS_IN_UG:
        raise ValueError(f"{nutrient.label} cannot be given in {unit!r} (use µg, mg or g)")
    return value * MASS_UNITS_IN_UG[u] / MASS_UNITS_IN_UG[target]


def check_value(nutrient: Nutrient, per_100g: float, field_name: str, raw: str) -> list[Problem]:
    """Problems with one value per 100 g (in the stored unit)."""
    if math.isnan(per_100g) or math.isinf(per_100g):
        return [Problem(field_name, raw, "is not a number")]
    if per_100g < 0:
        return [Problem(field_name, raw, "cannot be negative")]
    if (
        nutrient in (Nutrient.PROTEIN, Nutrient.FAT, Nutrient.CARB, Nutrient.FIBER)
        and per_100g > 100
    ):
        return [Problem(field_name, raw, "is more grams than 100 g of the food weighs")]
    limit = PLAUSIBLE_MAX.get(nutrient)
    if nutrient in VITAMIN_K and per_100g > QUESTION_ABOVE_UG:
        scaled = per_100g / 1000.0
        return [
            Problem(
                field_name,
                raw,
                f"{per_100g:,.0f} µg per 100 g is far above any food known (natto has about "
                f"1,000 µg); check the unit: a thousand times less, {scaled:g} µg per 100 g, "
                "would be plausible (µg written as mg?).",
                Severity.QUESTION if per_100g <= 1_000_000 else Severity.ERROR,
                scaled,
            )
        ]
    if limit is not None and per_100g > limit:
        return [Problem(field_name, raw, f"{per_100g:g} {nutrient.unit} per 100 g is impossible")]
    return []


def check_totals(values: Mapping[Nutrient, float], name: str = "values") -> list[Problem]:
    """Problems of the whole food: macros heavier than the food, energy beyond fat's 9 kcal/g."""
    grams = sum(values.get(n, 0.0) for n in (Nutrient.PROTEIN, Nutrient.FAT, Nutrient.CARB))
    out = []
    if grams > 102:  # fibre is often part of carbohydrate; allow rounding
        out.append(
            Problem(
                name,
                f"{grams:.1f} g",
                "protein + fat + carbohydrate add up to more than 100 g per 100 g",
            )
        )
    energy = values.get(Nutrient.ENERGY)
    macros_known = all(n in values for n in (Nutrient.PROTEIN, Nutrient.FAT, Nutrient.CARB))
    if energy is not None and macros_known and energy > 9.5 * grams + 40:
        out.append(
            Problem(
                "energy",
                f"{energy:.0f} kcal",
                "is more energy than the protein, fat and carbohydrate can give",
                Severity.QUESTION,
            )
        )
    return out


@dataclass(frozen=True)
class FoodInput:
    """A food as the user entered it: values per ``basis_grams`` in their own units."""

    name: str
    group: str = "Your foods"
    basis_grams: float = 100.0
    values: Mapping[Nutrient, tuple[float, str]] = field(default_factory=dict)
    contains: Contains | None = None  # None: derive from name and group
    may_contain: Contains = Contains.NONE  # with ``contains``: what it may contain
    portions: tuple[Portion, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class NormalisedFood:
    """Values per 100 g in stored units, and the problems found."""

    values: dict[Nutrient, float]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        """Problems that block saving."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def questions(self) -> list[Problem]:
        """Problems the user must confirm."""
        return [p for p in self.problems if p.severity is Severity.QUESTION]


def normalise(food: FoodInput) -> NormalisedFood:
    """Convert to per 100 g in stored units and check every value."""
    problems: list[Problem] = []
    if not food.name.strip():
        problems.append(Problem("name", "", "is required"))
    if len(food.name) > 300:
        problems.append(Problem("name", food.name[:40] + "…", "is longer than 300 characters"))
    if not 0 < food.basis_grams <= 5000 or math.isnan(food.basis_grams):
        problems.append(
            Problem("serving", f"{food.basis_grams:g} g", "must be between 0 and 5,000 g")
        )
        return NormalisedFood({}, tuple(problems))
    out: dict[Nutrient, float] = {}
    for nutrient, (value, unit) in food.values.items():
        raw = f"{value:g} {unit}"
        try:
            per_100 = convert(value, unit, nutrient) * 100.0 / food.basis_grams
        except ValueError as exc:
            problems.append(Problem(nutrient.label, raw, str(exc)))
            continue
        found = check_value(nutrient, per_100, nutrient.label, raw)
        problems.extend(found)
        if not any(p.severity is Severity.ERROR for p in found):
            out[nutrient] = per_100
    problems.extend(check_totals(out))
    return NormalisedFood(out, tuple(problems))
