"""Ingredient lines read by ingredient-parser-nlp: the food named, its amount and unit.

The parser labels each word of "2 cups grated aged gouda" (quantity, unit, name, preparation)
with a model it ships. It tags parts of speech with NLTK's perceptron tagger, which NLTK would
download on first use; we point NLTK at the small stand-in tagger in ``resources/nlp`` (see
``scripts/make_pos_tagger.py``), so nothing is fetched from the internet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from k2planner.paths import resources_dir


class Kind(StrEnum):
    """What an amount measures."""

    MASS = "mass"  # value in grams
    VOLUME = "volume"  # value in millilitres
    COUNT = "count"  # value is a number of ``unit`` ("2 cloves", "3" eggs)


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount of a line: grams, millilitres, or a count of a unit."""

    kind: Kind
    value: float
    unit: str = ""  # for counts: the unit word as written, singular ("clove", "can", "")


@dataclass(frozen=True, slots=True)
class ParsedLine:
    """An ingredient line read: the food's name, its amount, size and preparation."""

    text: str
    name: str
    amount: Amount | None
    size: str = ""
    preparation: str = ""
    confidence: float = 0.0  # the parser's confidence in the name
    to_taste: bool = False  # "salt to taste": no amount on purpose


_TO_TASTE = re.compile(r"\b(to taste|as needed|as required|for serving|to serve|optional)\b", re.I)
MAX_LINE = 300
_SIZE_WORDS = frozenset({"small", "medium", "large", "big", "extra", "jumbo", "heaped", "level"})


@cache
def _parser() -> Any:
    import nltk.data

    folder = str(resources_dir() / "nlp")
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)
    from ingredient_parser import parse_ingredient

    return parse_ingredient


def singular(word: str) -> str:
    """A word in the singular ("cloves" → "clove", "berries" → "berry", "tomatoes" → "tomato")."""
    w = word.lower().strip(". ")
    for plural, single in (
        ("ies", "y"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("oes", "o"),
        ("xes", "x"),
    ):
        if w.endswith(plural) and len(w) > len(plural) + 1:
            return w[: -len(plural)] + single
    return w[:-1] if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2 else w


def _quantity(a: Any) -> float | None:
    try:
        low = float(a.quantity)
        high = float(a.quantity_max) if a.quantity_max is not None else low
    except (TypeError, ValueError):
        return None
    return (low + high) / 2 if high >= low else low


def _amount(a: Any) -> Amount | None:
    """An amount from the parser's IngredientAmount or CompositeIngredientAmount."""
    if hasattr(a, "combined"):  # "1 lb 2 oz"
        try:
            q = a.combined()
        except Exception:  # pint raises many kinds of errors
            return None
        return _measured(float(q.magnitude), q.units)
    value = _quantity(a)
    if value is None or value <= 0:
        return None
    unit = a.unit
    if hasattr(unit, "dimensionality"):
        return _measured(value, unit)
    words = [w for w in str(unit or "").lower().split() if w not in _SIZE_WORDS]
    return Amount(Kind.COUNT, value, singular(" ".join(words)) if words else "")


def _measured(value: float, unit: Any) -> Amount | None:
    dims = str(unit.dimensionality)
    q = unit._REGISTRY.Quantity(value, unit)
    if dims == "[mass]":
        return Amount(Kind.MASS, float(q.to("gram").magnitude))
    if dims == "[length] ** 3":
        return Amount(Kind.VOLUME, float(q.to("milliliter").magnitude))
    return None


def _choose(amounts: list[tuple[Amount, bool]]) -> Amount | None:
    """Grams first, then volume, then a count; "2 (15 oz) cans" is 2 × 15 oz."""
    counts = [a for a, _s in amounts if a.kind is Kind.COUNT]
    for kind in (Kind.MASS, Kind.VOLUME):
        for a, single in amounts:
            if a.kind is kind:
                times = counts[0].value if single and counts else 1.0
                return Amount(kind, a.value * times)
    return counts[0] if counts else None


def parse_line(text: str) -> ParsedLine:
    """Read one ingredient line (at most 300 characters are read)."""
    line = " ".join(text.split())[:MAX_LINE]
    if not line:
        return ParsedLine(text, "", None)
    try:
        p = _parser()(line)
    except Exception:  # a line the parser cannot read is a line not understood
        return ParsedLine(text, "", None)
    names = [n.text for n in (p.name or [])]
    amounts = []
    for a in p.amount or []:
        got = _amount(a)
        if got is not None:
            amounts.append((got, bool(getattr(a, "SINGULAR", False))))
    comment = p.comment.text if p.comment else ""
    preparation = p.preparation.text if p.preparation else ""
    name = names[0] if names else ""
    if name and re.match(r"(juice|zest) of\b", preparation, re.I):  # "Juice of 1 lemon"
        name = f"{name} {preparation.split()[0].lower()}"
    return ParsedLine(
        text=text,
        name=name,
        amount=_choose(amounts),
        size=p.size.text if p.size else "",
        preparation=preparation,
        confidence=float(p.name[0].confidence) if p.name else 0.0,
        to_taste=bool(_TO_TASTE.search(comment) or _TO_TASTE.search(line)),
    )
