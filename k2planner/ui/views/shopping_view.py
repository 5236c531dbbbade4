"""The shopping list: tick items off, add your own, reorder aisles, copy, export, print."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k2planner.services.planning import PlanOutcome
from k2planner.services.shopping import LineKind, ListLine, ShoppingService, ShoppingView, Staples
from k2planner.services.shopping_export import to_csv, to_markdown, to_text
from k2planner.ui import printing
from k2planner.ui.dialogs.common import show_error
from k2planner.ui.models.shopping_model import (
    CHECK,
    HAVE,
    ITEM,
    MEALS,
    QUANTITY,
    ShoppingListModel,
)
from k2planner.ui.ui_state import UiState

_STAPLES = [
    ("Pantry staples listed apart", Staples.APART),
    ("Pantry staples in their aisles", Staples.SHOW),
    ("Pantry staples hidden", Staples.HIDE),
]


class AislesDialog(QDialog):
    """Drag aisles (or use the buttons) into the order you walk through your shop."""

    def __init__(self, aisles: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Aisle order")
        self.list = QListWidget()
        self.list.addItems(aisles)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        up = QPushButton("Move up")
        down = QPushButton("Move down")
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(up)
        side.addWidget(down)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The list follows this order of aisles:"))
        layout.addLayout(row)
        layout.addWidget(buttons)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def order(self) -> list[str]:
        """The aisles in the chosen order."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    @classmethod
    def ask(cls, parent: QWidget | None, aisles: list[str]) -> list[str] | None:
        """Show the dialog; the new order, or None."""
        dlg = cls(aisles, parent)
        return dlg.order() if dlg.exec() == QDialog.DialogCode.Accepted else None


class ShoppingListView(QWidget):
    """The week's shopping list.

    Signals:
        status_message(str): a short message for the status bar.
    """

    status_message = Signal(str)

    def __init__(
        self, shopping: ShoppingService, ui_state: UiState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._shopping = shopping
        self._ui_state = ui_state
        self._outcome: PlanOutcome | None = None
        self._view: ShoppingView | None = None

        self.title = QLabel("Plan a week to get its shopping list.")
        self.title.setObjectName("shoppingTitle")
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.subtitle = QLabel()
        self.staples = QComboBox()
        for text, mode in _STAPLES:
            self.staples.addItem(text, mode.value)
        saved = ui_state.value("shopping/staples", Staples.APART.value)
        self.staples.setCurrentIndex(max(0, self.staples.findData(saved)))
        self.staples.currentIndexChanged.connect(self._staples_changed)
        self.page = QComboBox()
        self.page.addItem("A4", printing.PageSize.A4.value)
        self.page.addItem("Letter", printing.PageSize.LETTER.value)
        self.page.setCurrentIndex(max(0, self.page.findData(ui_state.value("print/page", "a4"))))
        self.page.currentIndexChanged.connect(
            lambda _i: ui_state.set_value("print/page", str(self.page.currentData()))
        )

        self.model = ShoppingListModel()
        self.model.mark_requested.connect(self._mark)
        self.table = QTableView()
        self.table.setObjectName("shoppingTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.new_item = QLineEdit()
        self.new_item.setObjectName("newItem")
        self.new_item.setPlaceholderText("Add something else to buy, e.g. washing-up liquid")
        self.new_item.returnPressed.connect(self.add_item)
        add = QPushButton("Add")
        add.clicked.connect(self.add_item)

        buttons = QHBoxLayout()
        self.copy_button = QPushButton("Copy")
        self.export_button = QPushButton("Export…")
        self.aisles_button = QPushButton("Aisles…")
        self.preview_button = QPushButton("Print preview…")
        self.print_button = QPushButton("Print…")
        self.pdf_button = QPushButton("Save PDF…")
        self.pack_button = QPushButton("Weekly pack PDF…")
        self.copy_button.clicked.connect(self.copy)
        self.export_button.clicked.connect(self.export)
        self.aisles_button.clicked.connect(self.edit_aisles)
        self.preview_button.clicked.connect(self.print_preview)
        self.print_button.clicked.connect(self.print_list)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.pack_button.clicked.connect(self.save_pack)
        for b in (
            self.copy_button,
            self.export_button,
            self.aisles_button,
            self.preview_button,
            self.print_button,
            self.pdf_button,
            self.pack_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(QLabel("Paper:"))
        buttons.addWidget(self.page)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        top.addWidget(self.staples)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_item, 1)
        add_row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_row)
        layout.addLayout(buttons)

        self.print_action = QAction("Print preview…", self)
        self.print_action.triggered.connect(self.print_preview)
        self._update_enabled()

    # ------------------------------------------------------------------ data
    def set_outcome(self, outcome: PlanOutcome | None) -> None:
        """Show the list of a plan (None: no plan)."""
        self._outcome = outcome
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the plan and the stored state."""
        if self._outcome is None or not self._outcome.assignments:
            self._view = None
            self.model.set_rows([])
            self.title.setText("Plan a week to get its shopping list.")
            self.subtitle.setText("")
        else:
            self._view = self._shopping.build(self._outcome, self._staples())
            self.model.set_rows(self._view.lines)
            self.title.setText(self._view.title)
            self.subtitle.setText(self._view.subtitle)
            self.table.clearSpans()
            for i, ln in enumerate(self._view.lines):
                if ln.kind is LineKind.HEADING:
                    self.table.setSpan(i, 0, 1, self.model.columnCount())
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(MEALS, QHeaderView.ResizeMode.Stretch)
            for col in (CHECK, QUANTITY, HAVE):
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
            if self.table.columnWidth(ITEM) < 200:
                self.table.setColumnWidth(ITEM, 320)
        self._update_enabled()

    @property
    def shopping_view(self) -> ShoppingView | None:
        """The list shown."""
        return self._view

    def _staples(self) -> Staples:
        return Staples(str(self.staples.currentData()))

    def _staples_changed(self, _i: int) -> None:
        self._ui_state.set_value("shopping/staples", self._staples().value)
        self.refresh()

    def _update_enabled(self) -> None:
        has = self._view is not None
        for b in (
            self.copy_button,
            self.export_button,
            self.preview_button,
            self.print_button,
            self.pdf_button,
            self.pack_button,
            self.new_item,
        ):
            b.setEnabled(has)

    # ------------------------------------------------------------------ actions
    def _mark(self, line: object, checked: object, have: object) -> None:
        if not isinstance(line, ListLine) or self._view is None:
            return
        self._shopping.set_state(
            self._view.list_key,
            line,
            checked=checked if isinstance(checked, bool) else None,
            have=have if isinstance(have, bool) else None,
        )
        row = self.table.verticalScrollBar().value()
        self.refresh()
        self.table.verticalScrollBar().setValue(row)

    def add_item(self) -> None:
        """Add the typed free-text item."""
        if self._view is None:
            return
        try:
            self._shopping.add_extra(self._view.list_key, self.new_item.text())
        except ValueError as exc:
            self.status_message.emit(str(exc).capitalize())
            return
        self.new_item.clear()
        self.refresh()

    def copy(self) -> None:
        """Copy the list as plain text."""
        if self._view is not None:
            QGuiApplication.clipboard().setText(to_text(self._view))
            self.status_message.emit("Shopping list copied")

    def export(self) -> None:
        """Save as text, Markdown or CSV."""
        if self._view is None:
            return
        path, chosen = QFileDialog.getSaveFileName(
            self,
            "Export shopping list",
            f"shopping-{self._view.list_key}.txt",
            "Text (*.txt);;Markdown (*.md);;CSV (*.csv)",
        )
        if not path:
            return
        target = Path(path)
        text = (
            to_markdown(self._view)
            if target.suffix == ".md" or "Markdown" in chosen
            else to_csv(self._view)
            if target.suffix == ".csv" or "CSV" in chosen
            else to_text(self._view)
        )
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            show_error(self, "Export", f"The list could not be saved: {exc}")
            return
        self.status_message.emit(f"Saved {target}")

    def edit_aisles(self) -> None:
        """Reorder the aisles."""
        order = AislesDialog.ask(self, self._shopping.aisle_order())
        if order is not None:
            self._shopping.set_aisle_order(order)
            self.refresh()

    def _page(self) -> printing.PageSize:
        return printing.PageSize(str(self.page.currentData()))

    def print_preview(self) -> None:
        """Print preview of the list (print from there)."""
        if self._view is not None:
            printing.preview(printing.list_document(self._view), self, self._page())

    def print_list(self) -> None:
        """Print the list on a printer."""
        if self._view is not None:
            printing.print_with_dialog(printing.list_document(self._view), self, self._page())

    def save_pdf(self) -> None:
        """Save the list as PDF."""
        if self._view is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Save shopping list as PDF", f"shopping-{self._view.list_key}.pdf", "PDF (*.pdf)"
        )
        if path:
            printing.write_pdf(printing.list_document(self._view), Path(path), self._page())
            self.status_message.emit(f"Saved {path}")

    def save_pack(self) -> None:
        """Save the weekly pack (plan, chart, advice, list) as PDF."""
        if self._view is None or self._outcome is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Save weekly pack as PDF", f"week-{self._view.list_key}.pdf", "PDF (*.pdf)"
        )
        if path:
            doc = printing.pack_document(self._outcome, self._view)
            printing.write_pdf(doc, Path(path), self._page())
            self.status_message.emit(f"Saved {path}")

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        line = self.model.row(index)
        if line is None or line.kind is LineKind.HEADING:
            return
        menu = QMenu(self)
        if line.kind is LineKind.EXTRA and line.extra_id is not None:
            menu.addAction("Remove", partial(self._remove_extra, line.extra_id))
        elif line.food_id is not None:
            move = menu.addMenu("Move to aisle")
            for aisle in self._shopping.aisle_order():
                move.addAction(aisle, partial(self._move, line.food_id, aisle))
            menu.addAction("Back to its usual aisle", partial(self._move, line.food_id, None))
            menu.addAction(
                "Already have it" if not line.have else "Need it after all",
                partial(self._mark, line, None, not line.have),
            )
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _remove_extra(self, extra_id: int) -> None:
        self._shopping.remove_extra(extra_id)
        self.refresh()

    def _move(self, food_id: int, aisle: str | None) -> None:
        self._shopping.move_food(food_id, aisle)
        self.refresh()
