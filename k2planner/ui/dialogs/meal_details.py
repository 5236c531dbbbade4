"""Details of a meal: ingredients with their vitamin K, totals, flags, time and method."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from k2planner.domain.foods import Food
from k2planner.domain.meals import Meal, meal_flags, meal_nutrition
from k2planner.domain.nutrients import Nutrient
from k2planner.services.recipes_html import method_panel_html
from k2planner.ui.diet_text import flags_html
from k2planner.ui.models.small_models import IngredientRow, IngredientsModel
from k2planner.ui.widgets.fit import fit_to_screen


def ingredient_rows(meal: Meal, foods: Mapping[int, Food], servings: float) -> list[IngredientRow]:
    """Ingredient lines scaled to ``servings``."""
    rows = []
    for i in meal.ingredients:
        food = foods[i.food_id]
        grams = i.grams * servings
        k1 = food.value(Nutrient.K1)
        rows.append(
            IngredientRow(
                food.id,
                food.name,
                round(grams, 1),
                i.note,
                None if food.k2.total_ug is None else food.k2.total_ug * grams / 100,
                None if k1 is None else k1 * grams / 100,
            )
        )
    return rows


def size_ingredient_columns(table: QTableView) -> None:
    """Food takes the room; the measure (an imported recipe's whole line) stays narrow."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col in (1, 3, 4):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
    table.setColumnWidth(2, 150)
    table.setWordWrap(False)


class MealDetailsDialog(QDialog):
    """What is in a meal (for the servings planned)."""

    def __init__(
        self,
        meal: Meal,
        foods: Mapping[int, Food],
        servings: float = 1.0,
        parent: QWidget | None = None,
        portions: str = "",
    ) -> None:
        """``portions`` names each person's servings ("Ana 1 · Ben 1½"); the figures are for
        ``servings``."""
        super().__init__(parent)
        self.setWindowTitle(meal.name)
        fit_to_screen(self, QSize(760, 640))
        n = meal_nutrition(meal, foods, servings)
        forms = (
            ", ".join(f"{f.label} {v:.1f}" for f, v in n.k2.by_form.items() if v > 0.05)
            or "no known forms"
        )
        if n.k2.unsplit_ug > 0.05:
            forms += f", forms unknown {n.k2.unsplit_ug:.1f}"
        serv = "1 serving" if servings == 1 else f"{servings:g} servings"
        head = QLabel(
            f"<h3>{html.escape(meal.name)}</h3>"
            "<p>"
            + " · ".join(
                html.escape(x)
                for x in (meal.cuisine, ", ".join(s.label for s in meal.slots), serv)
                if x
            )
            + (f" (the figures below)<br>Servings: {html.escape(portions)}" if portions else "")
            + " per person</p>"
            f"<p><b>K2 {n.k2.text(1)}</b> ({html.escape(forms)}) · K1 {n.k1_ug:.1f} µg · "
            f"{n.energy_kcal:.0f} kcal<br>{html.escape(n.k2.coverage_text())}; unknown K2 is "
            f"counted as 0.</p><p>{flags_html(meal_flags(meal, foods))}</p>"
            + (f"<p>{html.escape(meal.description)}</p>" if meal.description else "")
        )
        head.setWordWrap(True)
        self.model = IngredientsModel()
        self.model.set_rows(ingredient_rows(meal, foods, servings))
        table = QTableView()
        table.setModel(self.model)
        table.verticalHeader().hide()
        size_ingredient_columns(table)
        self.method = QTextBrowser()
        self.method.setObjectName("method")
        self.method.setOpenLinks(False)
        self.method.setHtml(method_panel_html(meal))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(table, 3)
        layout.addWidget(self.method, 2)
        layout.addWidget(buttons)
