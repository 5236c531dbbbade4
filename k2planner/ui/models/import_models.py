"""Tables of the import dialog: the column mapping and the preview of checked rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from k2planner.domain.diet import DietFlags
from k2planner.domain.food_input import Severity
from k2planner.domain.importing.mapping import FIELD_LABELS
from k2planner.domain.importing.records import ParsedFile
from k2planner.domain.nutrients import Nutrient
from k2planner.services.importer import Duplicate, OnDuplicate
from k2planner.ui import theme
from k2planner.ui.diet_text import flags_plain, flags_short
from k2planner.ui.models.base import Column, RowTableModel


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


PREVIEW_NUTRIENTS = (
    (Nutrient.K1, "K1 µg"),
    (Nutrient.MK4, "MK-4 µg"),
    (Nutrient.MK7, "MK-7 µg"),
    (Nutrient.K2_REPORTED, "K2 µg"),
    (Nutrient.VK_TOTAL, "Vit. K µg"),
    (Nutrient.ENERGY, "kcal"),
)


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """A checked row of the file."""

    row: int
    name: str
    values: Mapping[Nutrient, float]
    status: str  # "ok", "error", "question", "duplicate"
    message: str
    duplicate_of: str = ""
    action: OnDuplicate | None = None
    flags: DietFlags | None = None  # what will be stored (None: the row is not imported)
    flags_set: bool = False  # the user set them in the preview


def _n(v: float | None) -> str:
    return "" if v is None else f"{v:.3g}"


def _value_column(nutrient: Nutrient, title: str) -> Column[PreviewRow]:
    tip = (
        "Vitamin K with the form not stated (e.g. Open Food Facts): not counted as K1 or K2"
        if nutrient is Nutrient.VK_TOTAL
        else None
    )
    return Column(
        title,
        lambda r: _n(r.values.get(nutrient)),
        align_right=True,
        tooltip=(lambda r: tip) if tip else None,
    )


class PreviewModel(RowTableModel[PreviewRow]):
    """What the import would do, row by row."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column("Row", lambda r: str(r.row), lambda r: r.row, True),
                Column("Food", lambda r: r.name),
                *(_value_column(n, title) for n, title in PREVIEW_NUTRIENTS),
                Column(
                    "Diet",
                    lambda r: (
                        (flags_short(r.flags) + (" ✎" if r.flags_set else "")) if r.flags else ""
                    ),
                    tooltip=lambda r: _flags_tip(r),
                ),
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


def _flags_tip(r: PreviewRow) -> str | None:
    if r.flags is None:
        return None
    return flags_plain(r.flags) + "\n(right-click the row to change)"


def preview_rows(
    parsed: ParsedFile,
    dups: Mapping[int, Duplicate],
    per_row: Mapping[int, OnDuplicate],
    default: OnDuplicate,
    flags: Mapping[int, DietFlags] | None = None,
    flags_set: frozenset[int] = frozenset(),
) -> list[PreviewRow]:
    """One row per record or rejected row of ``parsed``, in file order, with its problems."""
    messages: dict[int, list[str]] = {}
    status: dict[int, str] = {}
    for issue in parsed.issues:
        messages.setdefault(issue.row, []).append(
            f"{issue.column}: {issue.value} {issue.message}".strip()
        )
        if status.get(issue.row) != "error":
            status[issue.row] = "error" if issue.severity is Severity.ERROR else "question"
    rows = []
    for f in parsed.foods:
        d = dups.get(f.row)
        message = "; ".join(messages.get(f.row, [])) or (
            f"already in the database: {d.existing_name}" if d else "OK"
        )
        rows.append(
            PreviewRow(
                f.row,
                f.name,
                f.values,
                status.get(f.row, "duplicate" if d else "ok"),
                message,
                d.existing_name if d else "",
                per_row.get(f.row, default) if d else None,
                (flags or {}).get(f.row),
                f.row in flags_set,
            )
        )
    for row in sorted(parsed.error_rows() - {f.row for f in parsed.foods} - {0}):
        rows.append(
            PreviewRow(
                row, parsed.row_names.get(row, ""), {}, "error", "; ".join(messages.get(row, []))
            )
        )
    rows.sort(key=lambda r: r.row)
    return rows
