"""Shop aisles and the default mapping from food groups (and a few foods) to aisles.

The aisles, the group mapping, the per-food exceptions and the pantry staples are data:
``resources/rules/aisles.toml``. The user can reorder aisles and move a single food to another
aisle; those choices are stored in the database.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from k2planner.paths import resources_dir


@dataclass(frozen=True)
class _FoodRule:
    groups: frozenset[str]
    pattern: re.Pattern[str]
    aisle: str


@dataclass(frozen=True)
class AisleBook:
    """The parsed aisle file."""

    aisles: tuple[str, ...]
    groups: dict[str, str]
    foods: tuple[_FoodRule, ...]
    staple_groups: frozenset[str]
    staple: re.Pattern[str]
    not_staple: re.Pattern[str]


@lru_cache(maxsize=1)
def aisle_book() -> AisleBook:
    """The bundled aisle file, parsed once (raises ValueError naming a bad entry)."""
    data = tomllib.loads((resources_dir() / "rules" / "aisles.toml").read_text(encoding="utf-8"))
    aisles = tuple(data["aisles"])
    groups = {g.lower(): a for g, a in data["groups"].items()}
    foods = tuple(
        _FoodRule(
            frozenset(g.lower() for g in f.get("groups", [])),
            re.compile(f["pattern"], re.IGNORECASE),
            f["aisle"],
        )
        for f in data.get("food", [])
    )
    unknown = {a for a in [*groups.values(), *(f.aisle for f in foods)] if a not in aisles}
    if unknown:
        raise ValueError(f"aisles.toml: unknown aisle(s) {sorted(unknown)}")
    staples = data["staples"]
    return AisleBook(
        aisles,
        groups,
        foods,
        frozenset(g.lower() for g in staples["groups"]),
        re.compile(staples["pattern"], re.IGNORECASE),
        re.compile(staples["not_pattern"], re.IGNORECASE),
    )


def default_aisles() -> tuple[str, ...]:
    """The aisles in their default order."""
    return aisle_book().aisles


def aisle_for_group(group: str) -> str:
    """The default aisle of a food group (unknown groups go to "Other")."""
    return aisle_book().groups.get(group.strip().lower(), "Other")


def aisle_for_food(name: str, group: str) -> str | None:
    """A per-food aisle where the group's aisle reads wrong (USDA cheese → "Cheese")."""
    g = group.strip().lower()
    for rule in aisle_book().foods:
        if (not rule.groups or g in rule.groups) and rule.pattern.search(name):
            return rule.aisle
    return None


def is_pantry_staple(name: str, group: str) -> bool:
    """True for salt, pepper, spices, cooking oils, vinegar, sugar, flour and the like."""
    book = aisle_book()
    if book.not_staple.search(name):
        return False
    if group.strip().lower() in book.staple_groups:
        return True
    return book.staple.search(name) is not None
