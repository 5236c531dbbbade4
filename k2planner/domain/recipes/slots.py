"""Meal slots guessed from a recipe's categories (``resources/recipes/categories.toml``)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from typing import Any

from k2planner.domain.diet import Restriction
from k2planner.domain.meals import SLOT_ORDER, Slot
from k2planner.paths import resources_dir


@cache
def _table() -> dict[str, Any]:
    path = resources_dir() / "recipes" / "categories.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def guess_slots(categories: Iterable[str]) -> tuple[Slot, ...]:
    """The slots the categories name ("Breakfast", "Main dishes"), else lunch and dinner."""
    words: dict[str, list[str]] = _table()["words"]
    found: set[Slot] = set()
    for category in categories:
        text = category.lower()
        for word, slots in words.items():
            if re.search(rf"\b{re.escape(word)}", text):
                found.update(Slot(s) for s in slots)
    if not found:
        found = {Slot(s) for s in _table()["default"]}
    return tuple(s for s in SLOT_ORDER if s in found)


def plain_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags without the ones naming a diet: diet flags come from the ingredients only."""
    diets = {r.value for r in Restriction}
    out = []
    for tag in tags:
        t = tag.strip()
        if t and t.lower().replace(" ", "-") not in diets and "," not in t:
            out.append(t[:40])
    return tuple(dict.fromkeys(out))[:12]
