"""Dietary flags ("contains …") and the restrictions built on them.

A food carries *contains* flags; restrictions are rules over those flags. Meals inherit the
union of their ingredients' flags. The derivation rules are in :mod:`k2planner.domain.diet_rules`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Flag, StrEnum, auto


class Contains(Flag):
    """What a food contains (for restrictions and allergens)."""

    NONE = 0
    MEAT = auto()  # incl. poultry, offal, gelatin, animal fats other than butter
    FISH = auto()  # incl. shellfish
    DAIRY = auto()
    EGG = auto()
    GLUTEN = auto()  # wheat, barley, rye, spelt, oats (unless labelled gluten-free)
    SOY = auto()
    NUTS = auto()  # tree nuts and peanuts; not coconut, nutmeg or seeds
    OTHER_ANIMAL = auto()  # honey and other animal products that are not meat, fish, dairy, egg

    def names(self) -> list[str]:
        """Lower-case names of the flags set, in declaration order."""
        return [f.name.lower() for f in Contains if f.name and f in self and f.value]

    @classmethod
    def from_names(cls, names: Iterable[str]) -> Contains:
        """Parse names such as ``["dairy", "egg"]`` (case-insensitive)."""
        out = cls.NONE
        for name in names:
            name = name.strip().upper().replace("-", "_")
            if not name:
                continue
            try:
                out |= cls[name]
            except KeyError:
                raise ValueError(f"unknown ingredient flag {name.lower()!r}") from None
        return out


class Restriction(StrEnum):
    """Dietary restrictions the planner honours."""

    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"
    PESCATARIAN = "pescatarian"
    DAIRY_FREE = "dairy-free"
    EGG_FREE = "egg-free"
    GLUTEN_FREE = "gluten-free"
    SOY_FREE = "soy-free"
    NUT_FREE = "nut-free"

    @property
    def forbidden(self) -> Contains:
        """The flags a food must not have under this restriction."""
        return _FORBIDDEN[self]

    @property
    def label(self) -> str:
        """Human label, e.g. "Dairy-free"."""
        return self.value.capitalize()


_FORBIDDEN: dict[Restriction, Contains] = {
    Restriction.VEGETARIAN: Contains.MEAT | Contains.FISH,
    Restriction.VEGAN: Contains.MEAT
    | Contains.FISH
    | Contains.DAIRY
    | Contains.EGG
    | Contains.OTHER_ANIMAL,
    Restriction.PESCATARIAN: Contains.MEAT,
    Restriction.DAIRY_FREE: Contains.DAIRY,
    Restriction.EGG_FREE: Contains.EGG,
    Restriction.GLUTEN_FREE: Contains.GLUTEN,
    Restriction.SOY_FREE: Contains.SOY,
    Restriction.NUT_FREE: Contains.NUTS,
}


def parse_restrictions(text: str | Iterable[str]) -> frozenset[Restriction]:
    """Parse "vegan, soy-free" (or a list of names) into restrictions, with a clear error."""
    items = text.split(",") if isinstance(text, str) else list(text)
    out: set[Restriction] = set()
    for raw in items:
        name = raw.strip().lower().replace("_", "-").replace(" ", "-")
        if not name:
            continue
        try:
            out.add(Restriction(name))
        except ValueError:
            valid = ", ".join(r.value for r in Restriction)
            raise ValueError(f"unknown diet {raw.strip()!r}; choose from: {valid}") from None
    return frozenset(out)


def allowed(contains: Contains, restrictions: Iterable[Restriction]) -> bool:
    """True when a food or meal with these flags is allowed under all restrictions."""
    return all(not (contains & r.forbidden) for r in restrictions)


def compatible_restrictions(contains: Contains) -> list[Restriction]:
    """All restrictions a food or meal with these flags satisfies (for display)."""
    return [r for r in Restriction if not (contains & r.forbidden)]
