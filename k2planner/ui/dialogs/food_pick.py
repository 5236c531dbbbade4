"""Choose the food a recipe line means: close matches first, or search every food."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k2planner.ui.models.recipe_models import FoodChoice, FoodChoiceModel
from k2planner.ui.widgets.fit import fit_to_screen

Search = Callable[[str], list[tuple[int, str]]]


class FoodPickDialog(QDialog):
    """A food for one line: ``chosen`` holds its id after Accept."""

    def __init__(
        self, line: str, first: list[tuple[int, str]], search: Search, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose the food")
        fit_to_screen(self, QSize(620, 460))
        self._search = search
        self.chosen: int | None = None
        head = QLabel(
            f"Which food is “{line}”? Close matches are listed; type to search all foods."
        )
        head.setWordWrap(True)
        self.query = QLineEdit()
        self.query.setObjectName("foodSearch")
        self.query.setPlaceholderText("Search foods, e.g. gouda aged")
        self.query.setClearButtonEnabled(True)
        self.model = FoodChoiceModel()
        self.model.set_rows([FoodChoice(i, n) for i, n in first])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        self.empty = QLabel("No food matches; try fewer or other words.")
        self.empty.setVisible(not first)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self._run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.query)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        if first:
            self.table.selectRow(0)
        self.query.setFocus()

    def _run_search(self) -> None:
        text = self.query.text().strip()
        if len(text) < 2:
            return
        rows = [FoodChoice(i, n) for i, n in self._search(text)]
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)

    def accept(self) -> None:
        """Keep the selected food (nothing selected: stay open)."""
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row(rows[0]) if rows else None
        if row is None:
            return
        self.chosen = row.id
        super().accept()
