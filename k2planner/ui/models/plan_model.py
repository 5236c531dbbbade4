"""The week grid: columns are days, rows are the enabled slots plus a totals row."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from k2planner.domain.household import portions_text
from k2planner.domain.judge import judge_day
from k2planner.domain.k2_coverage import K2Status
from k2planner.domain.meals import Slot
from k2planner.domain.nutrients import Nutrient
from k2planner.domain.planner.details import DayTotals
from k2planner.domain.preferences import Anticoagulant
from k2planner.services.planning import PlanOutcome
from k2planner.ui import theme
from k2planner.ui.plain import plain_tooltip

LOCKED_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class CellKind(Enum):
    """What a grid cell shows."""

    MEAL = "meal"
    EMPTY = "empty"
    TOTALS = "totals"


@dataclass(frozen=True, slots=True)
class GridCell:
    """An immutable grid cell."""

    kind: CellKind
    day: int
    slot: Slot | None
    title: str
    detail: str
    tooltip: str
    locked: bool = False
    status: str = ""  # "ok", "short", "out-of-band" for totals


def build_cells(
    outcome: PlanOutcome | None, slots: tuple[Slot, ...], days: int
) -> list[list[GridCell]]:
    """Rows of cells (slots, then totals) for ``outcome`` (None: an empty week)."""
    rows: list[list[GridCell]] = []
    vka = outcome is not None and outcome.prefs.anticoagulant is Anticoagulant.VKA
    for slot in slots:
        row = []
        for d in range(days):
            pm = outcome.details.meal_at(d, slot) if outcome else None
            if pm is None:
                row.append(GridCell(CellKind.EMPTY, d, slot, "", "", "No meal planned"))
                continue
            a = pm.assignment
            each = portions_text(outcome.prefs.people, a.portions) if outcome else ""
            if outcome and outcome.people_days and each:
                serv, sep = each, "\n"
            else:
                serv = "1 serving" if a.servings == 1 else f"{a.servings:g} servings"
                sep = " · "
            detail = (
                f"{serv}{sep}vit. K {pm.vitamin_k_ug:.0f} µg"
                if vka
                else f"{serv}{sep}K2 {pm.k2_text(short=True)}"
            )
            tip = (
                f"{pm.meal.name}\n{serv}, {pm.energy_kcal:.0f} kcal\n"
                f"K2 {pm.k2_text(1)} ({pm.k2.coverage_text()}), K1 {pm.k1_ug:.1f} µg"
                + ("\nLocked: Regenerate keeps it" if a.locked else "")
            )
            row.append(GridCell(CellKind.MEAL, d, slot, pm.meal.name, detail, tip, a.locked))
        rows.append(row)
    totals = []
    for d in range(days):
        if outcome is None or d >= len(outcome.details.days):
            totals.append(GridCell(CellKind.TOTALS, d, None, "", "", ""))
            continue
        t = outcome.details.days[d]
        p = outcome.prefs
        mk4 = t.k2.by_form[Nutrient.MK4]
        mk7 = t.k2.by_form[Nutrient.MK7]
        other = max(0.0, t.k2.total_ug - mk4 - mk7)  # MK-5, MK-6, MK-8…10 and unsplit totals
        v = judge_day(t, p)
        people = outcome.people_days[d] if outcome.people_days else ()
        all_ok = v.energy_ok and all(x.energy_ok for x in people)
        kcal_mark = "" if all_ok else " ⚠"
        title = v.headline
        if v.vka:
            detail = (
                f"K1 {t.k1_ug:.0f} · K2 {t.k2.total_ug:.0f} µg\n"
                f"MK-7 {mk7:.1f} µg (cap {p.vka_mk7_cap_ug:.0f})\n"
                f"{t.energy_kcal:,.0f} kcal{kcal_mark}\n"
                f"K2 known {_known(t)}"
            )
        else:
            detail = (
                f"MK-4 {mk4:.0f} · MK-7 {mk7:.0f}\n"
                f"other MK {other:.0f} µg\n"
                f"K1 {t.k1_ug:.0f} µg\n"
                f"{t.energy_kcal:,.0f} kcal{kcal_mark}\n"
                f"K2 known {_known(t)}"
            )
        tip = (
            f"{outcome.day_labels[d]}: {v.text}\nK2 {t.k2.total_ug:.1f} µg (MK-7 {mk7:.1f} µg), "
            f"K1 {t.k1_ug:.1f} µg, total vitamin K {t.vitamin_k_ug:.1f} µg, "
            f"{t.energy_kcal:.0f} kcal\n"
            f"{t.k2.coverage_text()}; K2 nobody measured is not included, so this is a lower "
            "bound\n"
            f"{t.k2_weight.text()}\n"
            f"Across the sources that measured these foods: {range_text(t.k2_range_ug)}"
            + (f"\n{v.energy_text.capitalize()}" if v.energy_text else "")
        )
        if people:
            tip += "\n\nEach person (their own servings):" + "".join(
                f"\n{x.name}: {x.energy_kcal:,.0f} kcal (range {x.energy_range_kcal[0]:,.0f}–"
                f"{x.energy_range_kcal[1]:,.0f}){'' if x.energy_ok else ' ⚠ outside'}, "
                f"K2 {x.k2_ug:.0f} µg, vitamin K {x.vitamin_k_ug:.0f} µg"
                for x in people
            )
            tip += f"\nThe figures above are {p.people[outcome.details.person or 0].name}'s."
            if not all(x.energy_ok for x in people) and not kcal_mark:
                kcal_mark = " ⚠"
                detail = detail.replace(
                    f"{t.energy_kcal:,.0f} kcal", f"{t.energy_kcal:,.0f} kcal ⚠"
                )
        status = v.status
        totals.append(GridCell(CellKind.TOTALS, d, None, title, detail, tip, status=status))
    rows.append(totals)
    return rows


def _known(t: DayTotals) -> str:
    """E.g. "92 % by weight" (of the foods that can carry K2)."""
    share = t.k2_weight.share(K2Status.MEASURED)
    if share is None:
        return "–"
    share += t.k2_weight.share(K2Status.IMPUTED) or 0.0
    return f"{100 * share:.0f} % by weight"


def range_text(rng: tuple[float, float]) -> str:
    """E.g. "K2 78–164 µg"."""
    return f"K2 {rng[0]:.0f}–{rng[1]:.0f} µg"


class WeekGridModel(QAbstractTableModel):
    """Table model over immutable grid cells; replace them with ``set_outcome``."""

    def __init__(self) -> None:
        super().__init__()
        self._cells: list[list[GridCell]] = []
        self._days: list[str] = []
        self._slots: tuple[Slot, ...] = ()
        self._outcome: PlanOutcome | None = None

    @property
    def outcome(self) -> PlanOutcome | None:
        """The plan shown (None: an empty week)."""
        return self._outcome

    def set_outcome(
        self, outcome: PlanOutcome | None, slots: tuple[Slot, ...], day_labels: list[str]
    ) -> None:
        """Show a plan (or an empty week with these slots and day labels)."""
        self.beginResetModel()
        try:
            self._outcome = outcome
            self._slots = slots
            self._days = list(day_labels)
            self._cells = build_cells(outcome, slots, len(day_labels))
        finally:
            self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._days)

    def cell(self, row: int, column: int) -> GridCell | None:
        """The cell at (row, column)."""
        if 0 <= row < len(self._cells) and 0 <= column < len(self._days):
            return self._cells[row][column]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.cell(index.row(), index.column())
        if c is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if c.kind is CellKind.EMPTY:
                return ""
            return f"{c.title}\n{c.detail}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(c.tooltip or None)
        if role == Qt.ItemDataRole.UserRole:
            return c
        if role == LOCKED_ROLE:
            return c.locked
        if role == STATUS_ROLE:
            return c.status
        if role == Qt.ItemDataRole.BackgroundRole and c.kind is CellKind.TOTALS and c.status:
            return theme.tint("green" if c.status == "ok" else "red", 0.18)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{c.title}. {c.detail}".replace("\n", ". ")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.ForegroundRole and orientation is Qt.Orientation.Horizontal:
                totals = self._cells[-1][section] if self._cells else None
                if totals is not None and totals.status not in ("", "ok"):
                    return theme.strong("red")
            return None
        if orientation is Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._days):
                return None
            totals = self._cells[-1][section] if self._cells else None
            mark = " ⚠" if totals is not None and totals.status not in ("", "ok") else ""
            return self._days[section] + mark
        if 0 <= section < len(self._slots):
            return self._slots[section].label
        return "Day total" if section == len(self._slots) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
