"""Drive the real window as a user would: menus through their QActions, file dialogs answered
with real files, modal dialogs closed, and every error box recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox, QWidget


def menu_actions(window: QWidget) -> dict[str, QAction]:
    """Every action of the menu bar, keyed "File/Export/Your foods (CSV)…" (no '&')."""
    out: dict[str, QAction] = {}

    def walk(menu: QMenu, prefix: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            name = f"{prefix}/{action.text().replace('&', '')}"
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, name)
            else:
                out[name.lstrip("/")] = action

    bar = window.menuBar()  # type: ignore[attr-defined]
    for top in bar.actions():
        sub = top.menu()
        if isinstance(sub, QMenu):
            walk(sub, top.text().replace("&", ""))
    return out


class Answers:
    """What the patched file dialogs answer, and what the app said in error boxes."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.open_file: Path | None = None
        self.save_file: Path | None = None
        self.folder: Path | None = None
        self.errors: list[str] = []
        self.questions: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Patch QFileDialog's and QMessageBox's static functions and the app's error box."""

        def get_open(*_a: Any, **_k: Any) -> tuple[str, str]:
            return (str(self.open_file) if self.open_file else "", "")

        def get_save(*_a: Any, **_k: Any) -> tuple[str, str]:
            return (str(self.save_file) if self.save_file else "", "")

        def get_dir(*_a: Any, **_k: Any) -> str:
            return str(self.folder) if self.folder else ""

        def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
            self.questions.append(text)
            return QMessageBox.StandardButton.Yes

        def error(_parent: Any, title: str, text: str, *_a: Any, **_k: Any) -> None:
            self.errors.append(f"{title}: {text}")

        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(get_dir))
        monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
        import k2planner.ui.dialogs.common as common
        import k2planner.ui.plain as plain

        def ask(_parent: Any, _title: str, text: str, **_k: Any) -> bool:
            self.questions.append(text)
            return True

        monkeypatch.setattr(common, "show_error", error)
        monkeypatch.setattr(plain, "ask", ask)
        for module in _modules_using("show_error", common):
            monkeypatch.setattr(module, "show_error", error)
        for module in _modules_using("ask", plain):
            monkeypatch.setattr(module, "ask", ask)


def _modules_using(name: str, home: Any) -> list[Any]:
    import importlib
    import pkgutil

    import k2planner.ui as ui

    out = []
    for info in pkgutil.walk_packages(ui.__path__, "k2planner.ui."):
        module = importlib.import_module(info.name)
        if getattr(module, name, None) is not None and module is not home:
            out.append(module)
    return out


@contextmanager
def closing_modals(
    on_modal: Callable[[QWidget], None] | None = None, interval_ms: int = 50
) -> Iterator[list[str]]:
    """While inside, every modal dialog that opens is handed to ``on_modal`` (default: reject)
    and closed; yields the titles of the dialogs seen."""
    seen: list[str] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        seen.append(modal.windowTitle())
        if on_modal is not None:
            on_modal(modal)
        if modal.isVisible() and isinstance(modal, QDialog):
            modal.reject()
        elif modal.isVisible():
            modal.close()

    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(poll)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()
