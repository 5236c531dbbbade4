"""The meals table: derived nutrition per serving, flags, favourite and excluded marks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from k2planner.domain.diet import compatible_restrictions
from k2planner.services.catalog import MealView
from k2planner.services.recipes_html import time_text
from k2planner.ui import theme
from k2planner.ui.models.base import SORT_ROLE, Column, RowTableModel, sort_key_number


@dataclass(frozen=True, slots=True)
class MealRow:
    """A meal with the user's marks."""

    view: MealView
    favourite: bool
    excluded: bool

    @property
    def suitable(self) -> str:
        """The restrictions the meal satisfies, e.g. "vegan, gluten-free"."""
        n = self.view.nutrition
        names = [r.value for r in compatible_restrictions(n.contains, n.may_contain)]
        implied = {
            "vegan": ("strict-vegetarian", "vegetarian", "pescatarian", "dairy-free", "egg-free"),
            "strict-vegetarian": ("vegetarian", "pescatarian"),
            "vegetarian": ("pescatarian",),
        }
        for diet in ("vegan", "strict-vegetarian", "vegetarian"):
            if diet in names:
                names = [x for x in names if x not in implied[diet]]
                break
        return ", ".join(names)


def _or_below_zero(v: float | None) -> float:
    """Sort unknown values below every known one."""
    return -1.0 if v is None else v


def _marks(r: MealRow) -> str:
    return ("★ " if r.favourite else "") + ("excluded" if r.excluded else "")


COLUMNS: list[Column[MealRow]] = [
    Column("Meal", lambda r: r.view.meal.name, lambda r: r.view.meal.name.lower()),
    Column("Slots", lambda r: ", ".join(s.label for s in r.view.meal.slots)),
    Column("Cuisine", lambda r: r.view.meal.cuisine),
    Column(
        "K2 µg",
        lambda r: r.view.nutrition.k2.text(1).removesuffix(" µg"),
        lambda r: _or_below_zero(r.view.nutrition.k2.known_total_ug),
        True,
        lambda r: f"{r.view.nutrition.k2.coverage_text()}; K2 nobody measured is not included",
    ),
    Column(
        "K1 µg", lambda r: f"{r.view.nutrition.k1_ug:.1f}", lambda r: r.view.nutrition.k1_ug, True
    ),
    Column(
        "kcal",
        lambda r: f"{r.view.nutrition.energy_kcal:.0f}",
        lambda r: r.view.nutrition.energy_kcal,
        True,
    ),
    Column(
        "K2 known",
        lambda r: f"{r.view.nutrition.k2.known_items}/{r.view.nutrition.k2.items}",
        lambda r: r.view.nutrition.k2.known_items / max(1, r.view.nutrition.k2.items),
        True,
    ),
    Column(
        "Time",
        lambda r: "" if r.view.meal.time_minutes is None else f"{r.view.meal.time_minutes} min",
        lambda r: sort_key_number(r.view.meal.time_minutes),
        True,
        lambda r: time_text(r.view.meal) or None,
    ),
    Column("Suitable for", lambda r: r.suitable),
    Column(
        "Yours",
        lambda r: _marks(r) or ("your meal" if r.view.meal.is_user else ""),
        lambda r: (r.favourite, r.view.meal.is_user),
    ),
]


class MealsTableModel(RowTableModel[MealRow]):
    """Meals with derived nutrition per serving."""

    def __init__(self) -> None:
        super().__init__(COLUMNS)

    def extra_data(self, row: MealRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.excluded:
            return theme.strong("red")
        if role == Qt.ItemDataRole.FontRole and row.favourite and column == 0:
            f = QFont()
            f.setBold(True)
            return f
        return None


class MealsFilterProxy(QSortFilterProxyModel):
    """Filters meals by a text (name, cuisine, tags, suitability)."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
