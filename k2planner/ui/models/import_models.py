"""Tables of the import dialog: the column mapping and the preview of checked rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from k2planner.domain.food_input import Severity
from k2planner.domain.importing.mapping import FIELD_LABELS
from k2planner.domain.nutrients import Nutrient
from k2planner.services.importer import OnDuplicate
from k2planner.ui import theme
from k2planner.ui.models.base import Column, RowTableModel

IGNORE = ""


@dataclass(frozen=True, slots=True)
class MappingRow:
    """One column of the file and what it is mapped to."""

    column: int
    header: str
    sample: str
    field: str  # "" = ignored
    unit: str


class MappingModel(RowTableModel[MappingRow]):
    """File columns → fields; the "Maps to" and "Unit" cells are editable.

    Signals:
        mapping_changed(): the user changed a field or a unit.
    """

    mapping_changed = Signal()

    def __init__(self) -> None:
        super().__init__(
            [
                Column("Column in the file", lambda r: r.header),
                Column("First value", lambda r: r.sample),
                Column("Maps to", lambda r: FIELD_LABELS.get(r.field, "(ignored)")),
                Column("Unit", lambda r: r.unit),
            ]
        )

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in (2, 3):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = self.row(index)
        if row is not None and role == Qt.ItemDataRole.EditRole:
            return row.field if index.column() == 2 else row.unit
        return super().data(index, role)

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        row = self.row(index)
        if row is None or role != Qt.ItemDataRole.EditRole or index.column() not in (2, 3):
            return False
        if index.column() == 2:
            field = str(value)
            unit = row.unit
            if field and field != row.field:
                try:
                    unit = Nutrient(field).unit
                except ValueError:
                    unit = ""
            new = MappingRow(row.column, row.header, row.sample, field, unit)
        else:
            new = MappingRow(row.column, row.header, row.sample, row.field, str(value))
        self._rows[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 3))
        self.mapping_changed.emit()
        return True


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """A checked row of the file."""

    row: int
    name: str
    k1: float | None
    mk4: float | None
    mk7: float | None
    k2: float | None
    kcal: float | None
    status: str  # "ok", "error", "question", "duplicate"
    message: str
    duplicate_of: str = ""
    action: OnDuplicate | None = None


def _n(v: float | None) -> str:
    return "" if v is None else f"{v:.3g}"


class PreviewModel(RowTableModel[PreviewRow]):
    """What the import would do, row by row."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column("Row", lambda r: str(r.row), lambda r: r.row, True),
                Column("Food", lambda r: r.name),
                Column("K1 µg", lambda r: _n(r.k1), align_right=True),
                Column("MK-4 µg", lambda r: _n(r.mk4), align_right=True),
                Column("MK-7 µg", lambda r: _n(r.mk7), align_right=True),
                Column("K2 µg", lambda r: _n(r.k2), align_right=True),
                Column("kcal", lambda r: _n(r.kcal), align_right=True),
                Column("Check", lambda r: r.message, tooltip=lambda r: r.message or None),
                Column(
                    "If already there",
                    lambda r: r.action.value if r.action else "",
                    tooltip=lambda r: f"Matches {r.duplicate_of}" if r.duplicate_of else None,
                ),
            ]
        )

    def extra_data(self, row: PreviewRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            hue = {"error": "red", "question": "amber", "duplicate": "blue"}.get(row.status)
            return theme.tint(hue, 0.18) if hue else None
        return None


def severity_status(severity: Severity) -> str:
    """The preview status of an issue."""
    return "error" if severity is Severity.ERROR else "question"
