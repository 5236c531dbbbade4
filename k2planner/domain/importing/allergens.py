"""Allergen lists in imported files ("milk, eggs, wheat"; Open Food Facts "en:milk") as flags.

The word lists are data (``resources/rules/allergen_words.toml``). A list says what a food
contains; an allergen list also says the food is free of the allergens it does not name, so it
*covers* the allergen flags. Unknown words are reported, never guessed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from k2planner.domain.diet import ALLERGENS, Contains
from k2planner.domain.diet_rules import fold
from k2planner.paths import resources_dir

_SPLIT = re.compile(r"[,;/|+]|\s(?:and|et|und|en|y|e)\s")


@dataclass(frozen=True)
class AllergenWords:
    """The parsed word lists."""

    words: dict[str, Contains]
    untracked: frozenset[str]
    none: frozenset[str]


@lru_cache(maxsize=1)
def allergen_words() -> AllergenWords:
    """The bundled lists, parsed once."""
    data = tomllib.loads(
        (resources_dir() / "rules" / "allergen_words.toml").read_text(encoding="utf-8")
    )
    words: dict[str, Contains] = {}
    for flag, items in data["flags"].items():
        bit = Contains.from_names([flag])
        for w in items:
            words[fold(w)] = words.get(fold(w), Contains.NONE) | bit
    known = data["known"]
    return AllergenWords(
        words,
        frozenset(fold(w) for w in known["untracked"]),
        frozenset(fold(w) for w in known["none"]),
    )


@dataclass(frozen=True, slots=True)
class ParsedList:
    """What a list cell says."""

    flags: Contains
    stated: bool  # False for an empty cell: the file says nothing
    unknown: tuple[str, ...] = ()


def parse_allergen_list(text: str, words: AllergenWords | None = None) -> ParsedList:
    """Parse "Milk, eggs and wheat" or "en:milk,en:gluten"; an empty cell states nothing."""
    words = words or allergen_words()
    cell = re.sub(r"\b[a-z]{2}:", "", fold(text))  # Open Food Facts tags: "en:milk"
    if not cell.strip():
        return ParsedList(Contains.NONE, False)
    flags = Contains.NONE
    unknown = []
    for raw in _SPLIT.split(cell):
        token = raw.strip().replace("-", " ").strip(" .()")
        if not token or token in words.none or token in words.untracked:
            continue
        bit = words.words.get(token) or words.words.get(token.rstrip("s"))
        if bit is None:
            unknown.append(raw.strip())
        else:
            flags |= bit
    return ParsedList(flags, True, tuple(unknown))


def covered_by_list(flags: Contains) -> Contains:
    """The flags an allergen list speaks about: the allergens, and any other flag it names."""
    return ALLERGENS | flags


def stated_flags(contains: str, may_contain: str, source: str) -> dict[str, Any]:
    """FoodRecord fields for a file's "contains" and "may contain" cells.

    Both empty: the file says nothing (the rules decide). A list with a word the planner does not
    know covers only the flags it names, so nothing becomes "free" on a guess.
    """
    said = parse_allergen_list(contains)
    may = parse_allergen_list(may_contain)
    if not said.stated and not may.stated:
        return {}
    unknown = said.unknown + may.unknown
    covered = said.flags | may.flags
    if said.stated and not unknown:
        covered = covered_by_list(covered)
    where = source + (
        f"; it also lists {', '.join(unknown)!r}, not tracked here" if unknown else ""
    )
    return {
        "contains": said.flags,
        "may_contain": may.flags & ~said.flags,
        "flags_covered": covered,
        "flags_source": where,
    }


_ANIMAL = (
    Contains.MEAT
    | Contains.FISH
    | Contains.DAIRY
    | Contains.EGG
    | Contains.OTHER_ANIMAL
    | Contains.ANIMAL_ADDITIVE
)


def _joined(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value or "")


def off_flags(product: Mapping[str, Any]) -> dict[str, Any]:
    """FoodRecord fields from an Open Food Facts product: its allergens (which cover the
    allergen flags only when the product has an ingredient list), its traces ("may contain")
    and its ingredient analysis ("en:vegan", "en:non-vegetarian" …)."""
    has_ingredients = any(
        str(v or "").strip() for k, v in product.items() if k.startswith("ingredients_text")
    )
    said = parse_allergen_list(_joined(product.get("allergens_tags") or product.get("allergens")))
    may = parse_allergen_list(_joined(product.get("traces_tags") or product.get("traces")))
    analysis = {str(t).lower() for t in product.get("ingredients_analysis_tags") or []}
    contains, covered = said.flags, said.flags | may.flags
    listed = said.stated or "allergens_tags" in product or "allergens" in product
    if listed and has_ingredients and not said.unknown:
        covered |= ALLERGENS
    if "en:vegan" in analysis:
        covered |= _ANIMAL
    elif "en:vegetarian" in analysis:
        covered |= Contains.MEAT | Contains.FISH
    if "en:non-vegetarian" in analysis:
        contains |= Contains.MEAT
        covered |= Contains.MEAT
    if "en:non-vegan" in analysis:
        contains |= Contains.OTHER_ANIMAL
        covered |= Contains.OTHER_ANIMAL
    if not covered:
        return {}
    return {
        "contains": contains,
        "may_contain": may.flags & ~contains,
        "flags_covered": covered,
        "flags_source": "Open Food Facts (allergens, traces, ingredient analysis)",
    }
