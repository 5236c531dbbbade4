"""Earlier plans of the week: list them, open one to look at it, restore it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from k2planner.services.plan_edits import PlanSummary
from k2planner.services.planning import PlanOutcome
from k2planner.ui.widgets.fit import fit_to_screen


def outcome_text(o: PlanOutcome) -> str:
    """A plain-text view of a stored week: each day's meals and K2."""
    lines = []
    for d in o.details.days:
        lines.append(
            f"{o.day_labels[d.day]} — K2 {d.k2.total_ug:.0f} µg, {d.energy_kcal:,.0f} kcal"
        )
        for m in (m for m in o.details.meals if m.assignment.day == d.day):
            lock = " (locked)" if m.assignment.locked else ""
            lines.append(f"    {m.assignment.slot.label}: {m.meal.name}{lock}")
    return "\n".join(lines)


class PlanHistoryDialog(QDialog):
    """The week's stored plans, newest first; the selected one is shown on the right."""

    def __init__(
        self,
        title: str,
        plans: Sequence[PlanSummary],
        load: Callable[[int], PlanOutcome | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, QSize(900, 520))
        self._load = load
        self.chosen: int | None = None
        self.list = QListWidget()
        self.list.setObjectName("planHistory")
        for n, p in enumerate(plans):
            item = QListWidgetItem(p.text() + (" (current)" if n == 0 else ""))
            item.setData(Qt.ItemDataRole.UserRole, p.plan_id)
            self.list.addItem(item)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setObjectName("planPreview")
        self.list.currentItemChanged.connect(self._open)
        self.list.itemDoubleClicked.connect(lambda _i: self._restore())
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addWidget(self.preview, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(
            "Restore this plan", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        empty = "No plans are stored for this week yet." if not plans else ""
        note = QLabel(
            empty
            or "Every generated or edited week is kept. Restoring one makes it the "
            "week's plan again (Edit → Undo takes it back)."
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        if plans:
            self.list.setCurrentRow(0)

    def _open(self, item: QListWidgetItem | None) -> None:
        self.restore_button.setEnabled(item is not None)
        if item is None:
            self.preview.setPlainText("")
            return
        outcome = self._load(int(item.data(Qt.ItemDataRole.UserRole)))
        self.preview.setPlainText(
            outcome_text(outcome) if outcome else "This plan can no longer be read."
        )

    def _restore(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = int(item.data(Qt.ItemDataRole.UserRole))
            self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        plans: Sequence[PlanSummary],
        load: Callable[[int], PlanOutcome | None],
    ) -> int | None:
        """Show the dialog; the plan id to restore, or None."""
        dlg = cls(title, plans, load, parent)
        return dlg.chosen if dlg.exec() == QDialog.DialogCode.Accepted else None
