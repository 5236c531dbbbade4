"""The foods table and its filtering proxy."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from k2planner.db.repo_foods import FoodRow
from k2planner.domain.diet import Contains, Restriction, allowed
from k2planner.ui.models.base import SORT_ROLE, Column, RowTableModel, sort_key_number

_SOURCE = {"usda": "USDA", "ciqual": "CIQUAL", "lit": "Literature", "user": "Yours"}


def _num(v: float | None) -> str:
    return "–" if v is None else (f"{v:.1f}" if v < 100 else f"{v:.0f}")


def k2_total(r: FoodRow) -> float | None:
    """K2 per 100 g: the known forms, else a reported total, else unknown."""
    forms = [v for v in (r.mk4, r.mk7, r.other_mk) if v is not None]
    if forms:
        return sum(forms)
    return r.k2_reported


def source_text(r: FoodRow) -> str:
    """E.g. "USDA · measured"."""
    src = _SOURCE.get(r.source_id.split(":", 1)[0], r.source_id)
    return f"{src} · {r.tier}" if r.tier else src


COLUMNS: list[Column[FoodRow]] = [
    Column("Food", lambda r: r.name, lambda r: r.name.lower()),
    Column("Group", lambda r: r.group, lambda r: r.group.lower()),
    Column("K1 µg", lambda r: _num(r.k1), lambda r: sort_key_number(r.k1), True),
    Column("MK-4 µg", lambda r: _num(r.mk4), lambda r: sort_key_number(r.mk4), True),
    Column("MK-7 µg", lambda r: _num(r.mk7), lambda r: sort_key_number(r.mk7), True),
    Column(
        "Other MK µg",
        lambda r: _num(r.other_mk),
        lambda r: sort_key_number(r.other_mk),
        True,
        lambda r: "MK-5, MK-6, MK-8, MK-9 and MK-10 that were measured",
    ),
    Column(
        "K2 total µg",
        lambda r: _num(k2_total(r)),
        lambda r: sort_key_number(k2_total(r)),
        True,
        lambda r: None if k2_total(r) is not None else "Not measured: unknown, not 0",
    ),
    Column("Source", source_text, lambda r: source_text(r).lower()),
]


class FoodsTableModel(RowTableModel[FoodRow]):
    """All foods, per 100 g."""

    def __init__(self) -> None:
        super().__init__(COLUMNS)


@dataclass(frozen=True)
class FoodFilter:
    """What the foods view filters on."""

    text: str = ""
    group: str = ""
    k2_only: bool = False
    restriction: Restriction | None = None


class FoodsFilterProxy(QSortFilterProxyModel):
    """Filters foods by words, group, K2 data and restriction; sorts numerically."""

    def __init__(self) -> None:
        super().__init__()
        self._filter = FoodFilter()
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def set_filter(self, f: FoodFilter) -> None:
        """Apply a new filter."""
        begin = getattr(self, "beginFilterChange", None)  # Qt ≥ 6.9
        if begin is not None:
            begin()
        self._filter = f
        self._words = [w for w in re.split(r"\s+", f.text.lower().strip()) if w]
        if begin is not None:
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        assert isinstance(model, FoodsTableModel)
        r = model.rows[source_row]
        f = self._filter
        name = r.name.lower()
        if any(w not in name and w != r.source_id.lower() for w in self._words):
            return False
        if f.group and r.group != f.group:
            return False
        if f.k2_only and k2_total(r) is None:
            return False
        return f.restriction is None or allowed(Contains(r.contains), [f.restriction])
