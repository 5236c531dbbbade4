"""Small tables: swap options, a food's values with provenance, a meal's ingredients."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from k2planner.domain.planner.swap import SwapOption
from k2planner.ui import theme
from k2planner.ui.models.base import Column, RowTableModel


class SwapOptionsModel(RowTableModel[SwapOption]):
    """Alternatives for one slot and their effect on the day."""

    def __init__(self, goal_label: str = "K2 target") -> None:
        super().__init__(
            [
                Column("Meal", lambda o: o.name + ("  (current)" if o.is_current else "")),
                Column("Servings", lambda o: f"{o.servings:g}", align_right=True),
                Column("Day K2 µg", lambda o: f"{o.day_k2_ug:.0f}", align_right=True),
                Column("Day vitamin K µg", lambda o: f"{o.day_vitamin_k_ug:.0f}", align_right=True),
                Column("Day kcal", lambda o: f"{o.day_energy_kcal:,.0f}", align_right=True),
                Column(goal_label, lambda o: "meets" if o.meets_goal else "below"),
            ]
        )

    def extra_data(self, row: SwapOption, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 5:
            return theme.strong("green" if row.meets_goal else "red")
        if role == Qt.ItemDataRole.FontRole and row.is_current:
            f = QFont()
            f.setItalic(True)
            return f
        return None


@dataclass(frozen=True, slots=True)
class ValueRow:
    """One nutrient value of a food (None = not measured)."""

    label: str
    value: float | None
    unit: str
    tier: str
    source: str


class FoodValuesModel(RowTableModel[ValueRow]):
    """A food's values per 100 g with tier and source."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column("Nutrient", lambda r: r.label),
                Column(
                    "per 100 g",
                    lambda r: "unknown" if r.value is None else f"{r.value:g} {r.unit}",
                    align_right=True,
                ),
                Column("Tier", lambda r: r.tier),
                Column("Source", lambda r: r.source, tooltip=lambda r: r.source or None),
            ]
        )

    def extra_data(self, row: ValueRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.value is None:
            return theme.strong("amber")
        return None


@dataclass(frozen=True, slots=True)
class IngredientRow:
    """An ingredient line of a meal (editor or details)."""

    food_id: int
    food_name: str
    grams: float
    measure: str
    k2_ug: float | None
    k1_ug: float | None


class IngredientsModel(RowTableModel[IngredientRow]):
    """A meal's ingredients per serving."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column("Food", lambda r: r.food_name, tooltip=lambda r: r.food_name),
                Column("Grams", lambda r: f"{r.grams:g} g", align_right=True),
                Column("Measure", lambda r: r.measure, tooltip=lambda r: r.measure or None),
                Column(
                    "K2 µg",
                    lambda r: "unknown" if r.k2_ug is None else f"{r.k2_ug:.1f}",
                    align_right=True,
                ),
                Column(
                    "K1 µg",
                    lambda r: "unknown" if r.k1_ug is None else f"{r.k1_ug:.1f}",
                    align_right=True,
                ),
            ]
        )
