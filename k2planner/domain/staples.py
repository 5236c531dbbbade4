"""How a shopping list shows pantry staples."""

from __future__ import annotations

from enum import StrEnum


class Staples(StrEnum):
    """What to do with pantry staples (salt, oil, spices …)."""

    SHOW = "show"  # in their aisles like everything else
    APART = "apart"  # in a section of their own at the end
    HIDE = "hide"  # left out
