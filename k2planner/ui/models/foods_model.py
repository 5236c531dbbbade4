"""The foods table: pages of rows fetched from the database, filtered and sorted in SQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex, Qt, Signal

from k2planner.db.repo_food_rows import FoodQuery, SortKey
from k2planner.db.repo_foods import FoodRow
from k2planner.domain.diet import DietFlags, Restriction
from k2planner.ui.diet_text import flags_plain, flags_short
from k2planner.ui.models.base import Column, Index, RowTableModel, sort_key_number

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
    Column("Diet", lambda r: flags_short(row_flags(r)), tooltip=lambda r: diet_tooltip(r)),
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
        lambda r: _num(k2_total(r)) + (" ↕" if r.k2_low is not None else ""),
        lambda r: sort_key_number(k2_total(r)),
        True,
        lambda r: k2_tooltip(r),
    ),
    Column("Source", source_text, lambda r: source_text(r).lower()),
]


def k2_tooltip(r: FoodRow) -> str | None:
    """Unknown is not zero; a value with several sources shows their range."""
    if k2_total(r) is None:
        return "Not measured: unknown, not 0"
    if r.k2_low is not None and r.k2_high is not None:
        return f"The sources that describe this food range from {r.k2_low:g} to {r.k2_high:g} µg"
    return None


def row_flags(r: FoodRow) -> DietFlags:
    """The row's diet flags with their reasons."""
    return DietFlags.from_stored(r.contains, r.may_contain, r.flag_reasons)


def diet_tooltip(r: FoodRow) -> str:
    """Each flag the food contains or may contain, with the reason (plain text)."""
    return flags_plain(row_flags(r))


SORT_KEYS: tuple[SortKey | None, ...] = (
    SortKey.NAME,
    SortKey.GROUP,
    None,  # Diet: not sortable
    SortKey.K1,
    SortKey.MK4,
    SortKey.MK7,
    SortKey.OTHER_MK,
    SortKey.K2_TOTAL,
    SortKey.SOURCE,
)
PAGE = 200

Fetch = Callable[[FoodQuery, int, int, bool], "FoodPage"]
"""(query, offset, limit, with_count) → a page; runs on a worker."""
Run = Callable[[Callable[[], object], Callable[[object], None]], None]
"""Runs a function off the GUI thread and hands its result back on the GUI thread."""


@dataclass(frozen=True, slots=True)
class FoodPage:
    """Rows of the foods table from ``offset`` on; ``total`` when it was counted."""

    offset: int
    rows: tuple[FoodRow, ...]
    total: int | None


class FoodsPagedModel(RowTableModel[FoodRow]):
    """The foods table, fetched a page at a time from the database as the user scrolls.

    Filtering and sorting happen in SQL (:mod:`k2planner.db.repo_food_rows`); the model holds
    only the rows fetched so far. Each query has a generation number: a page that arrives for
    an older query is dropped.

    Signals:
        loaded(int): the first page of a query arrived; the number of matching foods.
    """

    loaded = Signal(int)

    def __init__(self, fetch: Fetch, run: Run) -> None:
        super().__init__(COLUMNS)
        self._fetch = fetch
        self._run = run
        self._query = FoodQuery()
        self._total = 0
        self._generation = 0
        self._pending = False

    @property
    def query(self) -> FoodQuery:
        """The current filter and order."""
        return self._query

    @property
    def total(self) -> int:
        """How many foods match the current query."""
        return self._total

    def set_query(self, query: FoodQuery) -> None:
        """Show the foods matching ``query`` (fetched on a worker)."""
        self._query = query
        self._generation += 1
        self._pending = True
        generation, fetch = self._generation, self._fetch
        self._run(
            lambda: fetch(query, 0, PAGE, True),
            lambda page: self._arrived(generation, page),
        )

    def _arrived(self, generation: int, page: object) -> None:
        if generation != self._generation or not isinstance(page, FoodPage):
            return  # the user changed the query meanwhile
        self._pending = False
        if page.offset == 0:
            self.beginResetModel()
            try:
                self._rows = list(page.rows)
                self._total = page.total if page.total is not None else len(page.rows)
            finally:
                self.endResetModel()
            self.loaded.emit(self._total)
            return
        if page.offset != len(self._rows) or not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        try:
            self._rows.extend(page.rows)
        finally:
            self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._pending and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._pending = True
        generation, fetch, query, offset = (
            self._generation,
            self._fetch,
            self._query,
            len(self._rows),
        )
        self._run(
            lambda: fetch(query, offset, PAGE, False),
            lambda page: self._arrived(generation, page),
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS[column] if 0 <= column < len(SORT_KEYS) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self._query.sort, self._query.descending) == (key, descending):
            return
        self.set_query(replace(self._query, sort=key, descending=descending))


def restriction_masks(
    restriction: Restriction | None, may_excludes: frozenset[Restriction]
) -> tuple[int, int]:
    """(contains, may contain) bits a restriction forbids, as ints for SQL (0 = none)."""
    if restriction is None:
        return 0, 0
    bits = int(restriction.forbidden.value)
    return bits, bits if restriction in may_excludes else 0
