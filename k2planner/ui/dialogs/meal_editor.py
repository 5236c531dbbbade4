"""Create or edit your own meal: ingredients in grams or household measures."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k2planner.domain.foods import Food
from k2planner.domain.meals import SLOT_ORDER, Ingredient, Meal, Slot, meal_flags, meal_nutrition
from k2planner.domain.nutrients import Nutrient
from k2planner.services.user_meals import MealInput, check_meal
from k2planner.ui.diet_text import flags_short
from k2planner.ui.models.base import Column, RowTableModel
from k2planner.ui.models.small_models import IngredientRow, IngredientsModel
from k2planner.ui.widgets.fit import fit_to_screen


def _k2(f: Food) -> str:
    v = f.k2.total_ug
    return "unknown" if v is None else f"{v:.1f}"


class FoodResultsModel(RowTableModel[Food]):
    """Search results of the ingredient picker."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column("Food", lambda f: f.name),
                Column("Group", lambda f: f.group),
                Column("K2 µg/100 g", _k2, align_right=True),
            ]
        )


class MealEditorDialog(QDialog):
    """The meal form with a searchable ingredient picker."""

    def __init__(
        self,
        search: Callable[[str], list[Food]],
        lookup: Callable[[Iterable[int]], dict[int, Food]],
        meal: Meal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit meal" if meal else "New meal")
        fit_to_screen(self, QSize(820, 640))
        self._search = search
        self._foods: dict[int, Food] = {}
        self.result_input: MealInput | None = None

        self.name = QLineEdit(meal.name if meal else "")
        self.name.setObjectName("name")
        self.cuisine = QLineEdit(meal.cuisine if meal else "")
        self.tags = QLineEdit(", ".join(meal.tags) if meal else "")
        self.slot_boxes: dict[Slot, QCheckBox] = {}
        slots = QHBoxLayout()
        for s in SLOT_ORDER:
            box = QCheckBox(s.label)
            box.setChecked(meal is not None and s in meal.slots)
            self.slot_boxes[s] = box
            slots.addWidget(box)
        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Slots:", slots)
        form.addRow("Cuisine:", self.cuisine)
        form.addRow("Tags:", self.tags)

        self.query = QLineEdit()
        self.query.setObjectName("query")
        self.query.setPlaceholderText("Search a food to add, e.g. gouda")
        self.results = FoodResultsModel()
        self.results_view = QTableView()
        self.results_view.setModel(self.results)
        self.results_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.verticalHeader().hide()
        self.results_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.results_view.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.results_view.setMaximumHeight(170)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.results_view.selectionModel().selectionChanged.connect(self._result_selected)

        self.amount = QDoubleSpinBox()
        self.amount.setRange(0.1, 2000)
        self.amount.setValue(100)
        self.measure = QComboBox()
        self.measure.setMinimumContentsLength(18)
        add = QPushButton("Add ingredient")
        add.setObjectName("add")
        add.clicked.connect(self._add)
        picker = QHBoxLayout()
        picker.addWidget(QLabel("Amount:"))
        picker.addWidget(self.amount)
        picker.addWidget(self.measure, 1)
        picker.addWidget(add)

        self.ingredients = IngredientsModel()
        self.ingredients_view = QTableView()
        self.ingredients_view.setModel(self.ingredients)
        self.ingredients_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ingredients_view.verticalHeader().hide()
        self.ingredients_view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        remove = QPushButton("Remove selected")
        remove.clicked.connect(self._remove)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Ingredients</b> (per serving)"))
        layout.addWidget(self.query)
        layout.addWidget(self.results_view)
        layout.addLayout(picker)
        layout.addWidget(self.ingredients_view, 1)
        layout.addWidget(remove)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        if meal is not None:
            self._foods.update(lookup(i.food_id for i in meal.ingredients))
            self._set_rows([(i.food_id, i.grams, i.note) for i in meal.ingredients])
        else:
            self._refresh_summary()

    def _run_search(self) -> None:
        text = self.query.text().strip()
        self.results.set_rows(self._search(text) if len(text) >= 2 else [])
        if self.results.rows:
            self.results_view.selectRow(0)

    def _result_selected(self, *_args: Any) -> None:
        self.measure.clear()
        food = self._selected_food()
        self.measure.addItem("g", 1.0)
        if food is None:
            return
        for p in food.portions:
            self.measure.addItem(f"{p.unit} ({p.grams_per_unit:g} g)", p.grams_per_unit)

    def _selected_food(self) -> Food | None:
        rows = self.results_view.selectionModel().selectedRows()
        return self.results.row(rows[0]) if rows else None

    def _current(self) -> list[tuple[int, float, str]]:
        return [(r.food_id, r.grams, r.measure) for r in self.ingredients.rows]

    def _add(self) -> None:
        food = self._selected_food()
        if food is None:
            return
        per_unit = float(self.measure.currentData() or 1.0)
        grams = round(self.amount.value() * per_unit, 1)
        note = "" if per_unit == 1.0 else f"{self.amount.value():g} {self.measure.currentText()}"
        self._foods[food.id] = food
        self._set_rows([*self._current(), (food.id, grams, note)])

    def _remove(self) -> None:
        gone = {i.row() for i in self.ingredients_view.selectionModel().selectedRows()}
        self._set_rows([x for i, x in enumerate(self._current()) if i not in gone])

    def _set_rows(self, items: list[tuple[int, float, str]]) -> None:
        rows = []
        for fid, grams, note in items:
            f = self._foods[fid]
            k1 = f.value(Nutrient.K1)
            rows.append(
                IngredientRow(
                    fid,
                    f.name,
                    grams,
                    note,
                    None if f.k2.total_ug is None else f.k2.total_ug * grams / 100,
                    None if k1 is None else k1 * grams / 100,
                )
            )
        self.ingredients.set_rows(rows)
        self._refresh_summary()

    def meal_input(self) -> MealInput:
        """The form as a MealInput."""
        return MealInput(
            name=self.name.text().strip(),
            slots=tuple(s for s, b in self.slot_boxes.items() if b.isChecked()),
            ingredients=tuple(self._current()),
            cuisine=self.cuisine.text().strip(),
            tags=tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
        )

    def _refresh_summary(self) -> None:
        m = self.meal_input()
        if not m.ingredients:
            self.summary.setText("Add ingredients to see the meal's K2, K1 and energy.")
            return
        meal = Meal(
            0,
            "",
            m.name,
            m.slots,
            m.cuisine,
            m.tags,
            tuple(Ingredient(f, g, n) for f, g, n in m.ingredients),
        )
        n = meal_nutrition(meal, self._foods)
        self.summary.setText(
            f"Per serving: K2 {n.k2.text(1)} ({n.k2.coverage_text()}), K1 "
            f"{n.k1_ug:.1f} µg, {n.energy_kcal:.0f} kcal. Diet flags: "
            f"{flags_short(meal_flags(meal, self._foods))}."
        )

    def _save(self) -> None:
        m = self.meal_input()
        problems = check_meal(m)
        if problems:
            self.summary.setText("⚠ " + " ".join(problems))
            return
        self.result_input = m
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        search: Callable[[str], list[Food]],
        lookup: Callable[[Iterable[int]], dict[int, Food]],
        meal: Meal | None = None,
    ) -> MealInput | None:
        """Show the editor; the meal to save, or None."""
        dlg = cls(search, lookup, meal, parent)
        return dlg.result_input if dlg.exec() == QDialog.DialogCode.Accepted else None
