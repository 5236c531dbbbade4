"""What the week grid does with one cell: lock, clear, swap, details (mixed into PlanView)."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from k2planner.domain.household import portions_text
from k2planner.domain.preferences import Anticoagulant
from k2planner.services.planning import PlanningService, PlanOutcome, PlanRuleError
from k2planner.ui.dialogs.meal_details import MealDetailsDialog
from k2planner.ui.dialogs.swap import SwapDialog
from k2planner.ui.models.plan_model import CellKind, GridCell


class PlanCellActions:
    """The per-cell actions of :class:`~k2planner.ui.views.plan_view.PlanView`.

    Every edit goes through ``_edited`` (shown, stored and undoable); a meal that breaks a
    rule is refused with the reason in a plain-text box."""

    _planning: PlanningService
    _outcome: PlanOutcome | None
    _edited: Callable[[PlanOutcome, str], None]
    _cell: Callable[[int, int], GridCell | None]

    def _widget(self) -> QWidget:
        return cast(QWidget, self)

    def toggle_lock(self, row: int, column: int) -> None:
        """Lock or unlock a meal."""
        cell = self._cell(row, column)
        if cell is None or cell.kind is not CellKind.MEAL or self._outcome is None:
            return
        assert cell.slot is not None
        try:
            new = self._planning.set_locked(self._outcome, cell.day, cell.slot, not cell.locked)
        except PlanRuleError as exc:
            self._refuse("Cannot lock this meal", str(exc))
            return
        self._edited(new, "unlock" if cell.locked else "lock")

    def _refuse(self, title: str, text: str) -> None:
        ok = QMessageBox.StandardButton.Ok
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, ok, self._widget())
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def clear(self, row: int, column: int) -> None:
        """Remove the meal of a slot."""
        cell = self._cell(row, column)
        if cell is None or cell.kind is not CellKind.MEAL or self._outcome is None:
            return
        assert cell.slot is not None
        self._edited(self._planning.replace_slot(self._outcome, cell.day, cell.slot, None), "clear")

    def swap(self, row: int, column: int) -> None:
        """Offer ranked alternatives for a slot."""
        cell = self._cell(row, column)
        if cell is None or cell.slot is None or self._outcome is None:
            return
        o = self._outcome
        options = self._planning.swap_options(o, cell.day, cell.slot, top=500)  # all, scrollable
        goal = (
            "In band"
            if o.prefs.anticoagulant is Anticoagulant.VKA
            else f"K2 ≥ {o.prefs.k2_target_ug:.0f} µg"
        )
        title = f"{o.day_labels[cell.day]}, {cell.slot.label}"
        chosen = SwapDialog.ask(self._widget(), title, options, goal)
        if chosen is not None and not chosen.is_current:
            try:
                new = self._planning.replace_slot(
                    o, cell.day, cell.slot, chosen.meal_id, chosen.servings
                )
            except PlanRuleError as exc:
                self._refuse("Cannot plan this meal", str(exc))
                return
            self._edited(new, f"swap to {chosen.name}")

    def show_details(self, row: int, column: int) -> None:
        """Show what is in a planned meal."""
        cell = self._cell(row, column)
        if cell is None or cell.kind is not CellKind.MEAL or self._outcome is None:
            return
        assert cell.slot is not None
        a = self._outcome.result.at(cell.day, cell.slot)
        if a is None:
            return
        o = self._outcome
        cat = o.catalogue
        MealDetailsDialog(
            cat.meals[a.meal_id],
            cat.foods,
            a.servings_for(o.details.person),
            self._widget(),
            portions_text(o.prefs.people, a.portions) if o.people_days else "",
        ).exec()
