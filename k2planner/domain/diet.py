"""Dietary flags in three states (contains / may contain / free) and the restrictions on them.

A food carries *contains* and *may contain* flags, each with a reason; restrictions are rules
over those flags (:func:`blocked_by` is the one place that decides). Meals inherit the union of
their ingredients' flags. The derivation is in :mod:`k2planner.domain.diet_rules`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Flag, StrEnum, auto
from functools import lru_cache


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
    ANIMAL_ADDITIVE = auto()  # animal rennet, gelatine, isinglass fining, carmine (strict veg.)

    def names(self) -> list[str]:
        """Names of the flags set, in declaration order ("dairy", "animal-additive")."""
        return list(_names_of(self.value))

    def each(self) -> list[Contains]:
        """The single flags set, in declaration order."""
        return list(_each_of(self.value))

    @property
    def name_text(self) -> str:
        """The first flag's name ("dairy"), or "" for none."""
        names = _names_of(self.value)
        return names[0] if names else ""

    @property
    def label(self) -> str:
        """Readable names, e.g. "dairy, egg" or "animal rennet, gelatine, isinglass or carmine"."""
        return _label_of(self.value)

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


@lru_cache(maxsize=4096)
def _each_of(value: int) -> tuple[Contains, ...]:
    """The single flags of a bit set (cached: imports ask this for every food)."""
    return tuple(f for f in Contains if f.value and f.value & value == f.value)


@lru_cache(maxsize=4096)
def _label_of(value: int) -> str:
    flags = _each_of(value)
    return ", ".join(_LABELS.get(f, _names_of(f.value)[0]) for f in flags) or "nothing tracked"


@lru_cache(maxsize=4096)
def _names_of(value: int) -> tuple[str, ...]:
    return tuple((f.name or "").lower().replace("_", "-") for f in _each_of(value))


_LABELS: dict[Contains, str] = {
    Contains.OTHER_ANIMAL: "honey or another animal product",
    Contains.ANIMAL_ADDITIVE: "animal rennet, gelatine, isinglass or carmine",
}

ALLERGENS = Contains.DAIRY | Contains.EGG | Contains.GLUTEN | Contains.SOY | Contains.NUTS
"""The flags that are allergens (as opposed to diet choices)."""

ALL_FLAGS = Contains(sum(f.value for f in Contains))
"""Every tracked flag."""


class Restriction(StrEnum):
    """Dietary restrictions the planner honours."""

    VEGETARIAN = "vegetarian"
    STRICT_VEGETARIAN = "strict-vegetarian"
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
        """Human label, e.g. "Dairy-free", "Strict vegetarian"."""
        return (
            self.value.replace("-", " ").capitalize()
            if self is Restriction.STRICT_VEGETARIAN
            else self.value.capitalize()
        )

    @property
    def is_allergy(self) -> bool:
        """True for allergen restrictions (dairy, egg, gluten, soy, nuts), False for diets."""
        return bool(self.forbidden & ALLERGENS) and not self.forbidden & ~ALLERGENS


_FORBIDDEN: dict[Restriction, Contains] = {
    Restriction.VEGETARIAN: Contains.MEAT | Contains.FISH,
    Restriction.STRICT_VEGETARIAN: Contains.MEAT | Contains.FISH | Contains.ANIMAL_ADDITIVE,
    Restriction.VEGAN: Contains.MEAT
    | Contains.FISH
    | Contains.DAIRY
    | Contains.EGG
    | Contains.OTHER_ANIMAL
    | Contains.ANIMAL_ADDITIVE,
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


DEFAULT_MAY_EXCLUDES: frozenset[Restriction] = frozenset(r for r in Restriction if r.is_allergy)
"""Restrictions under which "may contain" excludes a food by default: the allergies. For the
diets (vegetarian, strict vegetarian, vegan, pescatarian) a "may contain" is shown with a note."""


def blocked_by(
    contains: Contains,
    restrictions: Iterable[Restriction],
    may_contain: Contains = Contains.NONE,
    may_excludes: Iterable[Restriction] = DEFAULT_MAY_EXCLUDES,
) -> list[tuple[Restriction, Contains, bool]]:
    """The restrictions a food or meal breaks: ``(restriction, flags, only_may)`` each.

    The one rule for restrictions: a flag the food contains breaks the restriction; a flag it
    may contain breaks it only when the restriction is in ``may_excludes``.
    """
    excludes = frozenset(may_excludes)
    out = []
    for r in sorted(frozenset(restrictions), key=list(Restriction).index):
        hard = contains & r.forbidden
        if hard:
            out.append((r, hard, False))
        elif r in excludes and may_contain & r.forbidden:
            out.append((r, may_contain & r.forbidden, True))
    return out


def allowed(
    contains: Contains,
    restrictions: Iterable[Restriction],
    may_contain: Contains = Contains.NONE,
    may_excludes: Iterable[Restriction] = DEFAULT_MAY_EXCLUDES,
) -> bool:
    """True when a food or meal with these flags is allowed under all restrictions."""
    return not blocked_by(contains, restrictions, may_contain, may_excludes)


def noted(
    contains: Contains,
    may_contain: Contains,
    restrictions: Iterable[Restriction],
    may_excludes: Iterable[Restriction] = DEFAULT_MAY_EXCLUDES,
) -> list[tuple[Restriction, Contains]]:
    """The "may contain" flags that are allowed but need a note (diets shown with a note); a
    restriction the food breaks outright is not listed."""
    excludes = frozenset(may_excludes)
    return [
        (r, may_contain & r.forbidden & ~contains)
        for r in sorted(frozenset(restrictions), key=list(Restriction).index)
        if r not in excludes
        and may_contain & r.forbidden & ~contains
        and not contains & r.forbidden
    ]


def compatible_restrictions(
    contains: Contains, may_contain: Contains = Contains.NONE
) -> list[Restriction]:
    """All restrictions a food or meal with these flags satisfies by default (for display)."""
    return [r for r in Restriction if allowed(contains, [r], may_contain)]


class FlagState(StrEnum):
    """What is known of one flag of a food: it contains it, may contain it, or is free of it."""

    CONTAINS = "contains"
    MAY_CONTAIN = "may contain"
    FREE = "free"


@dataclass(frozen=True, slots=True)
class DietFlags:
    """A food's flags in three states, with the reason that decided each (flag name → text).

    A flag in neither ``contains`` nor ``may_contain`` is free; ``reasons`` holds a reason for
    every flag that is contained or may be, and for free flags decided by a label or a review.
    """

    contains: Contains = Contains.NONE
    may_contain: Contains = Contains.NONE
    reasons: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "may_contain", self.may_contain & ~self.contains)

    def state(self, flag: Contains) -> FlagState:
        """The state of a single flag."""
        if flag & self.contains:
            return FlagState.CONTAINS
        if flag & self.may_contain:
            return FlagState.MAY_CONTAIN
        return FlagState.FREE

    def reason(self, flag: Contains) -> str:
        """Why this flag has its state ("" when no rule said anything: free by default)."""
        return dict(self.reasons).get(flag.names()[0] if flag.names() else "", "")

    def reasons_json(self) -> dict[str, str]:
        """``{"dairy": "…", …}`` for JSON output and storage."""
        return dict(self.reasons)

    @classmethod
    def from_stored(cls, contains: int, may_contain: int, reasons_json: str) -> DietFlags:
        """Rebuild from the database columns (reasons stored as a JSON object)."""
        reasons = json.loads(reasons_json) if reasons_json else {}
        return cls(
            Contains(contains),
            Contains(may_contain),
            tuple(sorted((str(k), str(v)) for k, v in reasons.items())),
        )

    def stored_reasons(self) -> str:
        """The reasons as compact JSON text (for the database)."""
        return json.dumps(dict(self.reasons), ensure_ascii=False, sort_keys=True)
