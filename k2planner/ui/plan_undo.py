"""Undo and redo of week edits (lock, swap, clear, regenerate, a day planned again, restore).

Every edit is a command holding the week before and after it. Undoing stores the earlier week
again as the newest plan of that week, so what you see is also what the app reopens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from k2planner.services.planning import PlanOutcome

Apply = Callable[[PlanOutcome, str], None]


class PlanEdit(QUndoCommand):
    """One edit of the week: ``before`` → ``after``."""

    def __init__(self, apply: Apply, before: PlanOutcome, after: PlanOutcome, text: str) -> None:
        super().__init__(text)
        self._apply = apply
        self.before = before
        self.after = after
        self._done = True  # pushed after the edit is already shown and stored

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self.after, f"redo: {self.text()}")

    def undo(self) -> None:
        self._apply(self.before, f"undo: {self.text()}")


class PlanUndo(QObject):
    """The week's undo stack with its Undo / Redo actions (Ctrl+Z, Ctrl+Shift+Z)."""

    def __init__(self, apply: Apply, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self.stack = QUndoStack(self)
        self.undo_action: QAction = self.stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action: QAction = self.stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

    def record(self, before: PlanOutcome | None, after: PlanOutcome, text: str) -> None:
        """Remember an edit that is already shown (nothing to undo to from an empty week)."""
        if before is not None:
            self.stack.push(PlanEdit(self._apply, before, after, text))

    def clear(self) -> None:
        """Forget every edit (another week is shown)."""
        self.stack.clear()
