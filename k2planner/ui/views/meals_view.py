"""The meals browser: derived nutrition, favourites, exclusions, your own meals."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from k2planner.services.catalog import CatalogService
from k2planner.services.preferences import PreferencesService
from k2planner.services.recipes_html import method_panel_html
from k2planner.services.user_meals import UserMealService
from k2planner.ui.dialogs.common import show_error
from k2planner.ui.dialogs.meal_details import ingredient_rows, size_ingredient_columns
from k2planner.ui.dialogs.meal_editor import MealEditorDialog
from k2planner.ui.models.meals_model import MealRow, MealsFilterProxy, MealsTableModel
from k2planner.ui.models.small_models import IngredientsModel
from k2planner.ui.plain import ask
from k2planner.ui.ui_state import UiState


class MealsView(QWidget):
    """All meals with per-serving nutrition derived from their ingredients.

    Signals:
        meals_changed(): a meal was added, edited or deleted.
        preferences_changed(): favourites or exclusions changed.
    """

    meals_changed = Signal()
    preferences_changed = Signal()

    def __init__(
        self,
        catalog: CatalogService,
        meals: UserMealService,
        preferences: PreferencesService,
        ui_state: UiState,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._meals = meals
        self._prefs = preferences
        self._ui_state = ui_state
        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText("Filter meals by name, cuisine or diet, e.g. vegan")
        self.filter.setClearButtonEnabled(True)
        self.count = QLabel()
        self.model = MealsTableModel()
        self.proxy = MealsFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("mealsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _i: self.edit_meal())
        self.filter.textChanged.connect(self._filter)

        self.head = QLabel("Select a meal to see its ingredients.")
        self.head.setWordWrap(True)
        self.ingredients = IngredientsModel()
        self.ingredients_view = QTableView()
        self.ingredients_view.setModel(self.ingredients)
        self.ingredients_view.verticalHeader().hide()
        size_ingredient_columns(self.ingredients_view)
        self.method = QTextBrowser()
        self.method.setObjectName("mealMethod")
        self.method.setOpenLinks(False)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.head)
        dl.addWidget(self.ingredients_view, 3)
        dl.addWidget(self.method, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.new_button = QPushButton("New meal…")
        self.new_button.setObjectName("newMeal")
        self.edit_button = QPushButton("Edit…")
        self.copy_button = QPushButton("Copy as my meal…")
        self.delete_button = QPushButton("Delete")
        self.favourite_button = QPushButton("★ Favourite")
        self.favourite_button.setCheckable(True)
        self.exclude_button = QPushButton("Exclude")
        self.exclude_button.setCheckable(True)
        self.new_button.clicked.connect(self.new_meal)
        self.edit_button.clicked.connect(self.edit_meal)
        self.copy_button.clicked.connect(self.copy_meal)
        self.delete_button.clicked.connect(self.delete_meal)
        self.favourite_button.clicked.connect(self.toggle_favourite)
        self.exclude_button.clicked.connect(self.toggle_excluded)
        buttons = QHBoxLayout()
        for b in (
            self.new_button,
            self.edit_button,
            self.copy_button,
            self.delete_button,
            self.favourite_button,
            self.exclude_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        self._current: MealRow | None = None
        self._foods: dict[int, object] = {}
        self._sized = False
        self._update_buttons()

    def reload(self) -> None:
        """Read the meals again (cheap: a few hundred rows)."""
        prefs = self._prefs.load()
        views = self._catalog.meals()
        self._foods = dict(
            self._catalog.foods({i.food_id for v in views for i in v.meal.ingredients})
        )
        selected = self._current.view.meal.id if self._current else None
        self.model.set_rows(
            [
                MealRow(
                    v, v.meal.id in prefs.favourite_meal_ids, v.meal.id in prefs.excluded_meal_ids
                )
                for v in views
            ]
        )
        if not self._sized:
            self._sized = True
            if not self._ui_state.restore_header("meals/table", self.table.horizontalHeader()):
                self.table.resizeColumnsToContents()
                self.table.setColumnWidth(0, 360)
            self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._filter(self.filter.text())
        if selected is not None:
            self.select_meal(selected)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} meals")

    def select_meal(self, meal_id: int) -> None:
        """Select a meal by id."""
        for r in range(self.proxy.rowCount()):
            row = self.proxy.data(self.proxy.index(r, 0), Qt.ItemDataRole.UserRole)
            if isinstance(row, MealRow) and row.view.meal.id == meal_id:
                self.table.selectRow(r)
                return

    def _selected(self, _s: QItemSelection, _o: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.proxy.data(rows[0], Qt.ItemDataRole.UserRole) if rows else None
        self._current = row if isinstance(row, MealRow) else None
        if self._current is None:
            self.head.setText("Select a meal to see its ingredients.")
            self.ingredients.set_rows([])
            self.method.clear()
        else:
            v = self._current.view
            n = v.nutrition
            self.head.setText(
                f"<b>{html.escape(v.meal.name)}</b><br>K2 {n.k2.text(1)} · K1 "
                f"{n.k1_ug:.1f} µg · {n.energy_kcal:.0f} kcal per serving<br>"
                f"{html.escape(n.k2.coverage_text())}; unknown K2 counted as 0<br>Suitable for: "
                f"{html.escape(self._current.suitable or '—')}"
            )
            self.ingredients.set_rows(ingredient_rows(v.meal, self._foods, 1.0))  # type: ignore[arg-type]
            self.method.setHtml(method_panel_html(v.meal))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self._current
        mine = row is not None and row.view.meal.is_user
        for b in (self.edit_button, self.delete_button):
            b.setEnabled(mine)
        for b in (self.copy_button, self.favourite_button, self.exclude_button):
            b.setEnabled(row is not None)
        self.favourite_button.setChecked(bool(row and row.favourite))
        self.exclude_button.setChecked(bool(row and row.excluded))

    def _editor(self, meal: object | None) -> object:
        return MealEditorDialog.ask(
            self,
            lambda q: self._catalog.search_foods(q, 60),
            self._catalog.foods,
            meal,  # type: ignore[arg-type]
        )

    def new_meal(self) -> None:
        """Create a meal."""
        self._save(self._editor(None), None)

    def edit_meal(self) -> None:
        """Edit your meal (bundled meals can be copied instead)."""
        row = self._current
        if row is None:
            return
        if not row.view.meal.is_user:
            self.copy_meal()
            return
        self._save(self._editor(row.view.meal), row.view.meal.id)

    def copy_meal(self) -> None:
        """Start a new meal from a copy of the selected one."""
        row = self._current
        if row is None:
            return
        from dataclasses import replace

        base = replace(row.view.meal, name=f"{row.view.meal.name} (my version)")
        self._save(self._editor(base), None)

    def _save(self, meal_input: object, meal_id: int | None) -> None:
        if meal_input is None:
            return
        try:
            new_id = self._meals.save(meal_input, meal_id)  # type: ignore[arg-type]
        except ValueError as exc:
            show_error(self, "Meal", f"The meal was not saved: {exc}")
            return
        self.meals_changed.emit()
        self.reload()
        self.select_meal(new_id)

    def delete_meal(self) -> None:
        """Delete your meal."""
        row = self._current
        if row is None or not row.view.meal.is_user:
            return
        if not ask(self, "Delete meal", f"Delete {row.view.meal.name}?"):
            return
        try:
            self._meals.delete(row.view.meal.id)
        except ValueError as exc:
            show_error(self, "Delete meal", str(exc))
            return
        self._current = None
        self.meals_changed.emit()
        self.reload()

    def toggle_favourite(self) -> None:
        """Mark or unmark the selected meal as a favourite."""
        row = self._current
        if row is None:
            return
        prefs = self._prefs.load()
        mid = row.view.meal.id
        favs = prefs.favourite_meal_ids
        self._prefs.save(
            prefs.with_changes(favourite_meal_ids=favs - {mid} if mid in favs else favs | {mid})
        )
        self.preferences_changed.emit()
        self.reload()

    def toggle_excluded(self) -> None:
        """Exclude the selected meal from plans, or allow it again."""
        row = self._current
        if row is None:
            return
        prefs = self._prefs.load()
        mid = row.view.meal.id
        ex = prefs.excluded_meal_ids
        self._prefs.save(
            prefs.with_changes(excluded_meal_ids=ex - {mid} if mid in ex else ex | {mid})
        )
        self.preferences_changed.emit()
        self.reload()

    def save_state(self) -> None:
        """Remember column widths and the splitter."""
        self._ui_state.save_header("meals/table", self.table.horizontalHeader())
        self._ui_state.save_splitter("meals/splitter", self.splitter)

    def restore_state(self) -> None:
        """Restore the splitter."""
        self._ui_state.restore_splitter("meals/splitter", self.splitter)
