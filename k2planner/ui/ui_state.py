"""Pure UI state kept between runs (window geometry, splitters, column widths) in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter


class UiState:
    """Saves and restores widget state under string keys, in an INI file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def save_window(self, key: str, window: QMainWindow) -> None:
        """Remember a main window's geometry and dock/toolbar state."""
        self._settings.setValue(f"{key}/geometry", window.saveGeometry())
        self._settings.setValue(f"{key}/state", window.saveState())

    def restore_window(self, key: str, window: QMainWindow) -> bool:
        """Restore a main window; False when nothing was saved yet."""
        geometry = self._settings.value(f"{key}/geometry")
        if not isinstance(geometry, QByteArray):
            return False
        window.restoreGeometry(geometry)
        state = self._settings.value(f"{key}/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        return True

    def save_header(self, key: str, header: QHeaderView) -> None:
        """Remember column widths and order."""
        self._settings.setValue(f"{key}/header", header.saveState())

    def restore_header(self, key: str, header: QHeaderView) -> bool:
        """Restore column widths and order; False when nothing was saved yet."""
        state = self._settings.value(f"{key}/header")
        return isinstance(state, QByteArray) and bool(header.restoreState(state))

    def save_splitter(self, key: str, splitter: QSplitter) -> None:
        """Remember a splitter's sizes."""
        self._settings.setValue(f"{key}/splitter", splitter.saveState())

    def restore_splitter(self, key: str, splitter: QSplitter) -> bool:
        """Restore a splitter; False when nothing was saved yet."""
        state = self._settings.value(f"{key}/splitter")
        return isinstance(state, QByteArray) and bool(splitter.restoreState(state))

    def value(self, key: str, default: str = "") -> str:
        """A string value."""
        v = self._settings.value(key, default)
        return str(v) if v is not None else default

    def set_value(self, key: str, value: str) -> None:
        """Store a string value."""
        self._settings.setValue(key, value)

    def sync(self) -> None:
        """Write to disk now."""
        self._settings.sync()
