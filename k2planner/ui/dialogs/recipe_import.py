"""Review recipes read from another app's file, then import them as meals (on a worker)."""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import QItemSelection, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k2planner.domain.meals import SLOT_ORDER
from k2planner.services.recipe_import import ImportOutcome, ImportPreview, RecipeImportService
from k2planner.services.recipe_review import RecipeReview
from k2planner.ui.dialogs.common import show_error
from k2planner.ui.dialogs.food_pick import FoodPickDialog, Search
from k2planner.ui.models.recipe_models import LineRow, LinesModel, RecipeRow, RecipesModel
from k2planner.ui.widgets.fit import fit_to_screen
from k2planner.ui.workers import TaskRunner


def _table(model: RecipesModel | LinesModel | QSortFilterProxyModel) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.setAlternatingRowColors(True)
    return t


class RecipeImportDialog(QDialog):
    """Every recipe of a file, each line's food and grams; change what needs it, then import.

    Signals:
        imported(ImportOutcome): the recipes were stored.
    """

    imported = Signal(object)

    def __init__(
        self,
        service: RecipeImportService,
        search: Search,
        runner: TaskRunner,
        preview: ImportPreview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._search = search
        self._runner = runner
        self._preview = preview
        self._rows = {r.number: RecipeRow(r, r.importable) for r in preview.recipes}
        self.setWindowTitle(f"Import recipes — {preview.path.name}")
        fit_to_screen(self, QSize(1180, 700))
        self.head = QLabel()
        self.head.setWordWrap(True)
        self.recipes = RecipesModel()
        self.recipe_proxy = QSortFilterProxyModel(self)
        self.recipe_proxy.setSourceModel(self.recipes)
        self.recipe_proxy.setFilterKeyColumn(0)
        self.recipe_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.recipe_filter = QLineEdit()
        self.recipe_filter.setObjectName("recipeFilter")
        self.recipe_filter.setPlaceholderText("Filter recipes by name")
        self.recipe_filter.setClearButtonEnabled(True)
        self.recipe_filter.textChanged.connect(self._filter)
        self.recipe_table = _table(self.recipe_proxy)
        self.recipe_table.setObjectName("recipesTable")
        self.recipe_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.recipe_table.selectionModel().selectionChanged.connect(self._selected)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.servings = QSpinBox()
        self.servings.setRange(1, 100)
        self.servings.setSuffix(" servings")
        self.servings.setToolTip("How many servings the recipe's amounts make")
        self.servings.editingFinished.connect(self._servings_changed)
        self.servings_note = QLabel()
        self.slot_boxes = {s: QCheckBox(s.label) for s in SLOT_ORDER}
        for box in self.slot_boxes.values():
            box.toggled.connect(self._slots_changed)
        self.include = QCheckBox("&Import this recipe")
        self.include.toggled.connect(self._include_changed)
        form = QHBoxLayout()
        form.addWidget(self.servings)
        form.addWidget(self.servings_note)
        form.addSpacing(16)
        form.addWidget(QLabel("Slots:"))
        for box in self.slot_boxes.values():
            form.addWidget(box)
        form.addStretch(1)
        form.addWidget(self.include)
        self.lines = LinesModel()
        self.line_table = _table(self.lines)
        self.line_table.setObjectName("linesTable")
        self.line_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.line_table.doubleClicked.connect(lambda _i: self.change_food())
        self.change_button = QPushButton("&Change food…")
        self.change_button.setToolTip("Match the selected line to another food (Enter)")
        self.change_button.clicked.connect(lambda _checked=False: self.change_food())
        self.text_button = QPushButton("&Keep as text")
        self.text_button.setToolTip("No food: the line is kept as text and counts as unknown K2")
        self.text_button.clicked.connect(lambda _checked=False: self.keep_as_text())
        change = QShortcut(QKeySequence(Qt.Key.Key_Return), self.line_table)
        change.setContext(Qt.ShortcutContext.WidgetShortcut)  # elsewhere Enter imports
        change.activated.connect(lambda: self.change_food())
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.change_button)
        line_buttons.addWidget(self.text_button)
        line_buttons.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setObjectName("recipeProblems")
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.title)
        dl.addLayout(form)
        dl.addWidget(self.line_table, 1)
        dl.addLayout(line_buttons)
        dl.addWidget(self.summary)
        dl.addWidget(self.problems)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.recipe_filter)
        ll.addWidget(self.recipe_table, 1)
        splitter.addWidget(left)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 800])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importRecipes")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.head)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._current: int | None = None
        self._refresh_recipes()
        if self.recipe_proxy.rowCount():
            self.recipe_table.selectRow(0)
        self.recipe_table.resizeColumnsToContents()
        self.recipe_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Interactive
        )
        self.recipe_table.setColumnWidth(0, 200)

    # ------------------------------------------------------------------ state
    def review(self, number: int) -> RecipeReview:
        """The current review of recipe ``number``."""
        return self._rows[number].review

    def current_preview(self) -> ImportPreview:
        """The preview with every change made in the dialog."""
        return dataclasses.replace(
            self._preview, recipes=tuple(self._rows[r.number].review for r in self._preview.recipes)
        )

    def left_out(self) -> list[int]:
        """Recipes the user chose not to import."""
        return [n for n, row in self._rows.items() if not row.included]

    def _set_review(self, review: RecipeReview) -> None:
        old = self._rows[review.number]
        self._rows[review.number] = RecipeRow(review, old.included and review.importable)
        self._refresh_recipes()
        self._show(review.number)

    def _refresh_recipes(self) -> None:
        selected = self._current
        self.recipes.set_rows([self._rows[r.number] for r in self._preview.recipes])
        if selected is not None:
            self._select_recipe(selected)
        n = sum(1 for r in self._rows.values() if r.state == "import")
        rows = [r for r in self._rows.values() if r.state == "import"]
        matched = sum(r.review.matched_lines for r in rows)
        total = sum(len(r.review.lines) for r in rows)
        self.import_button.setText(f"Import {n} recipe" + ("" if n == 1 else "s"))
        self.import_button.setEnabled(n > 0)
        file_problems = "".join(f"<br>⚠ {html.escape(p.text())}" for p in self._preview.problems)
        self.head.setText(
            f"<b>{html.escape(self._preview.path.name)}</b>: {len(self._rows)} recipe(s) from "
            f"{html.escape(self._preview.origin or 'an unknown app')}. {matched} of {total} lines "
            "of the recipes to import match a food with grams. Lines in amber need a look: "
            "double-click one to choose its food. A line with no food is kept as text and its "
            f"K2 counts as unknown, never as zero.{file_problems}"
        )

    # ------------------------------------------------------------------ selection
    def select_recipe_row(self, source_row: int) -> None:
        """Select the recipe at ``source_row`` of the file (tests and keyboard use)."""
        index = self.recipe_proxy.mapFromSource(self.recipes.index(source_row, 0))
        if index.isValid():
            self.recipe_table.selectRow(index.row())

    def _select_recipe(self, number: int) -> None:
        self.select_recipe_row(list(self._rows).index(number))

    def _filter(self, text: str) -> None:
        self.recipe_proxy.setFilterFixedString(text.strip())
        if self.recipe_proxy.rowCount() and not self.recipe_table.selectionModel().selectedRows():
            self.recipe_table.selectRow(0)

    def _selected(self, _s: QItemSelection, _o: QItemSelection) -> None:
        rows = self.recipe_table.selectionModel().selectedRows()
        row = self.recipes.row(self.recipe_proxy.mapToSource(rows[0])) if rows else None
        if row is not None and row.review.number != self._current:
            self._show(row.review.number)

    def _show(self, number: int) -> None:
        self._current = number
        row = self._rows[number]
        r = row.review
        raw = r.raw
        time = " · ".join(
            f"{label} {m} min"
            for label, m in zip(("prep", "cook"), raw.split_times(), strict=True)
            if m
        )
        link = f"<br>{html.escape(raw.url)}" if raw.url else ""
        steps = f"{len(raw.steps)} method steps" if raw.steps else "no method"
        self.title.setText(
            f"<b>{html.escape(r.name or '(no name)')}</b> — {html.escape(raw.origin)}, "
            f"{html.escape(time or 'no time given')}, {steps}{link}"
        )
        for w in (self.servings, *self.slot_boxes.values(), self.include):
            w.blockSignals(True)
        self.servings.setValue(r.servings)
        for s, box in self.slot_boxes.items():
            box.setChecked(s in r.slots)
        self.include.setChecked(row.included)
        self.include.setEnabled(r.importable)
        for w in (self.servings, *self.slot_boxes.values(), self.include):
            w.blockSignals(False)
        self.servings_note.setText("(guessed from its energy)" if r.servings_assumed else "")
        selected_line = self._selected_line()
        self.lines.set_rows([LineRow(ln, r.servings) for ln in r.lines])
        self.line_table.resizeColumnsToContents()
        self.line_table.setColumnWidth(1, 260)
        if selected_line is not None and selected_line <= len(r.lines):
            self.line_table.selectRow(selected_line - 1)
        elif r.lines:
            self.line_table.selectRow(0)
        self.summary.setText(self._summary(r))
        self.problems.setText(
            "".join(f"⚠ {html.escape(p.text())}<br>" for p in r.problems)
            + (f"Already imported as meal #{r.existing_meal_id}." if r.existing_meal_id else "")
        )

    def _summary(self, r: RecipeReview) -> str:
        if not r.importable:
            return ""
        n = self._service.nutrition(r)
        return (
            f"One serving: <b>K2 {html.escape(n.k2.text(1))}</b> · K1 {n.k1_ug:.1f} µg · "
            f"{n.energy_kcal:,.0f} kcal — {html.escape(n.k2.coverage_text())}."
        )

    def _selected_line(self) -> int | None:
        rows = self.line_table.selectionModel().selectedRows()
        row = self.lines.row(rows[0]) if rows else None
        return None if row is None else row.line.number

    # ------------------------------------------------------------------ edits
    def change_food(self, food_id: int | None = None) -> None:
        """Match the selected line to a food (asks which, unless ``food_id`` is given)."""
        number = self._selected_line()
        if self._current is None or number is None:
            return
        r = self.review(self._current)
        line = r.lines[number - 1]
        if food_id is None:
            first = self._service.candidates(line.parsed.name or line.text)
            if line.food_id is not None:  # the current match first, selected
                first = [(line.food_id, line.food_name)] + [
                    (i, n) for i, n in first if i != line.food_id
                ]
            pick = FoodPickDialog(line.text, first, self._search, self)
            if pick.exec() != QDialog.DialogCode.Accepted or pick.chosen is None:
                return
            food_id = pick.chosen
        self._set_review(self._service.choose_food(r, number, food_id))

    def keep_as_text(self) -> None:
        """The selected line gets no food: kept as text, unknown K2."""
        number = self._selected_line()
        if self._current is not None and number is not None:
            self._set_review(self._service.choose_food(self.review(self._current), number, None))

    def _servings_changed(self) -> None:
        if self._current is None:
            return
        r = self.review(self._current)
        if self.servings.value() != r.servings:
            self._set_review(self._service.set_servings(r, self.servings.value()))

    def _slots_changed(self) -> None:
        if self._current is None:
            return
        chosen = [s for s, box in self.slot_boxes.items() if box.isChecked()]
        if not chosen:  # at least one slot: put the tick back
            self._show(self._current)
            return
        self._set_review(self._service.set_slots(self.review(self._current), chosen))

    def _include_changed(self, on: bool) -> None:
        if self._current is not None:
            row = self._rows[self._current]
            self._rows[self._current] = RecipeRow(row.review, on and row.review.importable)
            self._refresh_recipes()

    # ------------------------------------------------------------------ import
    def run_import(self) -> None:
        """Store the recipes on a worker; the dialog closes when they are stored."""
        preview, leave_out = self.current_preview(), self.left_out()
        self.import_button.setEnabled(False)
        self.import_button.setText("Importing…")
        self._runner.run(
            lambda: self._service.commit(preview, leave_out),
            self._done,
            self._failed,
            kind="import",
        )

    def _done(self, outcome: object) -> None:
        if isinstance(outcome, ImportOutcome):
            self.imported.emit(outcome)
        self.accept()

    def _failed(self, exc: BaseException, tb: str) -> None:
        self._refresh_recipes()
        show_error(self, "Import recipes", f"Nothing was imported: {exc}", tb)
