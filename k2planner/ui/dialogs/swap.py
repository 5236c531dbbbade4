"""Swap…: ranked alternatives for one slot with their effect on the day."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, QSortFilterProxyModel, Qt
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

from k2planner.domain.planner.swap import SwapOption
from k2planner.ui.models.small_models import SwapOptionsModel
from k2planner.ui.widgets.fit import fit_to_screen


class SwapDialog(QDialog):
    """Pick another meal for a slot; the best options come first."""

    def __init__(
        self,
        title: str,
        options: Sequence[SwapOption],
        goal_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Swap – {title}")
        fit_to_screen(self, QSize(760, 420))
        self.model = SwapOptionsModel(goal_label)
        self.model.set_rows(options)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setObjectName("swapFilter")
        self.filter.setPlaceholderText(f"Filter {len(options)} meals by name")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(self._double_clicked)
        if options:
            self.table.selectRow(0)
        info = QLabel(
            "Ranked by how well the day then meets your goal; meals that would break "
            "your restrictions or the variety rules are left out."
        )
        info.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use this meal")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount() and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.accept()

    def chosen(self) -> SwapOption | None:
        """The selected option."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(self.proxy.mapToSource(rows[0])) if rows else None

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, options: Sequence[SwapOption], goal_label: str
    ) -> SwapOption | None:
        """Show the dialog; the chosen option, or None."""
        dlg = cls(title, options, goal_label, parent)
        return dlg.chosen() if dlg.exec() == QDialog.DialogCode.Accepted else None
