"""The shopping list table: aisle headings and items with tick boxes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from k2planner.services.shopping import LineKind, ListLine
from k2planner.ui import theme
from k2planner.ui.models.base import Column, RowTableModel

CHECK, ITEM, QUANTITY, MEALS, HAVE = range(5)


class ShoppingListModel(RowTableModel[ListLine]):
    """Lines of the list. Ticking a box asks for the change through ``mark_requested``.

    Signals:
        mark_requested(object, object, object): line, checked (bool|None), have (bool|None).
    """

    mark_requested = Signal(object, object, object)

    def __init__(self) -> None:
        super().__init__(
            [
                Column("Bought", lambda ln: ""),
                Column("Item", lambda ln: ln.name, tooltip=lambda ln: ln.full_name or None),
                Column("Quantity", lambda ln: ln.quantity, tooltip=lambda ln: ln.note or None),
                Column("For", lambda ln: ln.meals, tooltip=lambda ln: ln.meals or None),
                Column("Have it", lambda ln: ""),
            ]
        )

    def extra_data(self, row: ListLine, column: int, role: int) -> Any:
        if row.kind is LineKind.HEADING:
            if role == Qt.ItemDataRole.FontRole:
                f = QFont()
                f.setBold(True)
                return f
            if role == Qt.ItemDataRole.BackgroundRole:
                return theme.tint("blue", 0.10)
            return None
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == CHECK:
                return Qt.CheckState.Checked if row.checked or row.have else Qt.CheckState.Unchecked
            if column == HAVE and row.kind is LineKind.ITEM:
                return Qt.CheckState.Checked if row.have else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and (row.checked or row.have):
            return theme.strong("green") if row.checked else None
        if role == Qt.ItemDataRole.FontRole and (row.checked or row.have) and column == ITEM:
            f = QFont()
            f.setStrikeOut(True)
            return f
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = self.row(index)
        if row is not None and row.kind is LineKind.HEADING and role == Qt.ItemDataRole.DisplayRole:
            return row.name if index.column() == CHECK else ""
        return super().data(index, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        row = self.row(index)
        if row is None or row.kind is LineKind.HEADING:
            return base
        if index.column() == CHECK or (index.column() == HAVE and row.kind is LineKind.ITEM):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        row = self.row(index)
        if row is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        if index.column() == CHECK:
            self.mark_requested.emit(row, on, False if not on else None)
            return True
        if index.column() == HAVE:
            self.mark_requested.emit(row, None, on)
            return True
        return False
