"""The window's last word on an error nothing else caught: a plain sentence, not a crash.

Installed by ``app.main`` (not in tests, where pytest-qt turns such errors into failures).
A failure of the database file (busy, read-only, full, damaged) is named as such; anything
else is reported as a bug with its one-line cause, the full traceback going to stderr only.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from k2planner.db.errors import storage_problem


def message_for(exc: BaseException) -> str:
    """What the error box says about ``exc``."""
    why = storage_problem(exc)
    if why is not None:
        return f"That did not work: {why}. Nothing was changed."
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"That did not work: {exc.strerror or exc}{where}. Nothing was changed."
    return (
        f"Something unexpected went wrong ({type(exc).__name__}: {exc}). What you were doing "
        "was not completed; your data is as it was. Please report this."
    )


def _hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    traceback.print_exception(kind, exc, tb, file=sys.stderr)
    if isinstance(exc, KeyboardInterrupt) or QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, "K2 Planner", message_for(exc))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def install() -> None:
    """Route uncaught exceptions (in slots and event handlers) to an error box."""
    sys.excepthook = _hook
