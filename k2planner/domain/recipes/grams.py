"""A line's amount in grams, from the matched food's own portions wherever possible.

Mass units convert directly (pint, through the parser). Volumes use the food's USDA portions
("1 cup = 125 g" for flour): its grams per millilitre. Counts use a portion of the same name
("2 cloves", "1 stick", "3 large" eggs) or a typical whole one ("medium"). What no portion
covers falls back to a typical weight from ``resources/recipes/units.toml`` or to the density
of water, and says so, with a lower confidence.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from k2planner.domain.foods import Portion
from k2planner.domain.recipes.lines import Kind, ParsedLine, singular
from k2planner.paths import resources_dir

# millilitres of the volume words USDA portions use
_ML = {
    "cup": 236.588,
    "tbsp": 14.787,
    "tablespoon": 14.787,
    "tsp": 4.929,
    "teaspoon": 4.929,
    "fl oz": 29.574,
    "ml": 1.0,
    "l": 1000.0,
    "liter": 1000.0,
    "litre": 1000.0,
    "quart": 946.353,
    "pint": 473.176,
}
_VOLUME = re.compile(
    r"^(cups?|tbsps?|tablespoons?|tsps?|teaspoons?|fl oz|ml|l|liters?|litres?|quarts?|pints?)\b"
)
_MASS = re.compile(r"^(oz|lb|g|kg|ounces?|pounds?|grams?)\b")
_SIZES = ("medium", "large", "small", "extra large", "jumbo")
_NOT_A_UNIT = re.compile(r"^(serving|nlea|package|container|cup|tbsp|tsp|oz|lb|fl)", re.I)


@dataclass(frozen=True, slots=True)
class Grams:
    """Grams of a line (None: unknown), how they were found, and how sure."""

    grams: float | None
    how: str
    confidence: float


@cache
def _units() -> dict[str, Any]:
    path = resources_dir() / "recipes" / "units.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _g_per_ml(portions: Sequence[Portion]) -> tuple[float, str] | None:
    """Grams per millilitre from the food's volume portions, plain "cup" style first."""
    best: tuple[int, float, str] | None = None
    for p in portions:
        unit = p.unit.lower().strip()
        m = _VOLUME.match(unit)
        if m is None or p.amount <= 0 or p.grams <= 0:
            continue
        word = singular(m.group(1)) if m.group(1) != "fl oz" else "fl oz"
        ml = _ML.get(word, _ML.get(m.group(1)))
        if ml is None:
            continue
        rank = 0 if unit == m.group(1) else 1
        cand = (rank, p.grams / (p.amount * ml), f"1 {p.unit} = {p.grams / p.amount:g} g")
        if best is None or cand[0] < best[0]:
            best = cand
    return None if best is None else (best[1], best[2])


def _portion_named(portions: Sequence[Portion], word: str) -> Portion | None:
    for p in portions:
        first = re.split(r"[ ,(]", p.unit.lower().strip(), maxsplit=1)[0]
        if first and singular(first) == word and p.amount > 0:
            return p
    return None


def _whole(portions: Sequence[Portion], size: str) -> Portion | None:
    """A portion for one whole item: the size asked for, else medium, large, else any count."""
    sizes = [s for s in (size.lower().strip(), *_SIZES) if s]
    for s in sizes:
        for p in portions:
            if p.unit.lower().startswith(s) and p.amount > 0:
                return p
    for p in portions:
        unit = p.unit.lower()
        if p.amount > 0 and not _NOT_A_UNIT.match(unit) and not _MASS.match(unit):
            return p
    return None


def grams_of(
    line: ParsedLine,
    food_name: str,
    portions: Sequence[Portion],
    density_g_per_ml: float | None = None,
) -> Grams:
    """The grams of ``line`` of this food (``portions`` are the food's household measures)."""
    a = line.amount
    if a is None:
        return _no_amount(line, food_name)
    if a.kind is Kind.MASS:
        return Grams(a.value, "weight as written", 1.0)
    if a.kind is Kind.VOLUME:
        density = _g_per_ml(portions)
        if density is not None:
            return Grams(a.value * density[0], f"{a.value:.0f} ml; {density[1]}", 0.9)
        if density_g_per_ml:
            return Grams(
                a.value * density_g_per_ml, f"{a.value:.0f} ml at the food's density", 0.85
            )
        by_word = _typical_density(food_name, line.name)
        if by_word is not None:
            g, word = by_word
            return Grams(a.value * g, f"{a.value:.0f} ml; {word} taken as {g:g} g per ml", 0.6)
        return Grams(a.value, f"{a.value:.0f} ml taken as water (1 g per ml)", 0.6)
    word = a.unit
    if word:
        p = _portion_named(portions, word)
        if p is not None:
            each = p.grams / p.amount
            return Grams(a.value * each, f"1 {word} = {each:g} g", 0.9)
        typical = _typical(word, food_name)
        if typical is not None:
            return Grams(a.value * typical, f"a {word} taken as {typical:g} g", 0.5)
        if word in _SIZES:
            p = _whole(portions, word)
            if p is not None:
                each = p.grams / p.amount
                return Grams(a.value * each, f"1 {p.unit} = {each:g} g", 0.85)
        return Grams(None, f"“{word}” of this food: no known weight", 0.0)
    p = _whole(portions, line.size)
    if p is not None:
        each = p.grams / p.amount
        return Grams(a.value * each, f"1 {p.unit} = {each:g} g", 0.85)
    each_grams = _units()["each_grams"]
    words = [_food_word(food_name), *(singular(w) for w in line.name.lower().split())]
    typical = next((float(each_grams[w]) for w in words if w in each_grams), None)
    if typical is not None:
        return Grams(a.value * typical, f"one taken as {typical:g} g", 0.6)
    return Grams(None, "a number of it, with no known weight each", 0.0)


def _food_word(food_name: str) -> str:
    """The first word of a food's name, folded ("Garlic, raw" → "garlic")."""
    words = re.split(r"[^a-z]+", food_name.lower())
    return singular(next((w for w in words if w), ""))


def _typical(word: str, food_name: str) -> float | None:
    """A typical weight of one ``word`` of this food ("head" of garlic), else of any food."""
    table = _units()["typical_grams"]
    value = table.get(f"{word}@{_food_word(food_name)}", table.get(word))
    return None if value is None else float(value)


def _typical_density(food_name: str, line_name: str) -> tuple[float, str] | None:
    """A typical density for a food with no volume portion, by a word of its name."""
    table = _units()["density_g_per_ml"]
    words = re.split(r"[^a-z]+", f"{food_name} {line_name}".lower())
    for w in (singular(x) for x in words if x):
        if w in table:
            return float(table[w]), w
    return None


def _no_amount(line: ParsedLine, food_name: str) -> Grams:
    rule = _units()["to_taste"]
    words = f"{line.name} {food_name}".lower()
    if any(w in words for w in rule["words"]):
        return Grams(
            float(rule["grams"]), f"no amount: taken as a pinch ({rule['grams']:g} g)", 0.5
        )
    return Grams(None, "no amount given", 0.0)
