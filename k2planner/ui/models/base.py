"""A reusable table model over immutable rows with named columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from k2planner.ui.plain import plain_tooltip

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 10


@dataclass(frozen=True)
class Column(Generic[T]):
    """A named column: how to show a row, and how to sort it."""

    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[T], str | None] | None = None


def sort_key_number(value: float | None) -> float:
    """Numbers sort ascending; unknown sorts below every number."""
    return float("-inf") if value is None else value


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows are immutable values; ``set_rows`` replaces all of them in one reset."""

    def __init__(self, columns: Sequence[Column[T]]) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: list[T] = []

    @property
    def rows(self) -> list[T]:
        """The rows (do not mutate)."""
        return self._rows

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        try:
            self._rows = list(rows)
        finally:
            self.endResetModel()

    def row(self, index: Index) -> T | None:
        """The row object of an index."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def column_index(self, title: str) -> int:
        """The position of a column by title."""
        return next(i for i, c in enumerate(self._columns) if c.title == title)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index)
        if row is None or not 0 <= index.column() < len(self._columns):
            return None
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == SORT_ROLE:
            return col.sort(row) if col.sort is not None else col.text(row).lower()
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return plain_tooltip(col.tooltip(row))
        return self.extra_data(row, index.column(), role)

    def extra_data(self, row: T, column: int, role: int) -> Any:
        """Hook for subclasses (fonts, colours)."""
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation is not Qt.Orientation.Horizontal:
            return None
        return self._columns[section].title if 0 <= section < len(self._columns) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
