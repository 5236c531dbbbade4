"""The advice panel: supplement hint, shortfall explanation, notes, each with its sources."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from k2planner.domain.advice import Advice, Kind, Severity
from k2planner.ui import theme

_HUE = {
    Severity.CRITICAL: "red",
    Severity.WARNING: "red",
    Severity.NOTICE: "amber",
    Severity.INFO: "blue",
}


class AdvicePanel(QScrollArea):
    """Advice cards; the warfarin warning itself is shown by the banner.

    Signals:
        sources_requested(object): the user clicked "Sources" of an advice item.
    """

    sources_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.setWidget(self._inner)
        self._advice: list[Advice] = []
        self.set_advice([])

    def set_advice(self, advice: Sequence[Advice]) -> None:
        """Show these advice items (the VKA warning is left to the banner)."""
        self._advice = [a for a in advice if a.kind is not Kind.VKA_WARNING]
        while self._layout.count():
            item = self._layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()
        if not self._advice:
            empty = QLabel("No advice yet: generate a week to see how it meets your goal.")
            empty.setWordWrap(True)
            empty.setEnabled(False)
            self._layout.addWidget(empty)
        for i, a in enumerate(self._advice):
            self._layout.addWidget(self._card(i, a))
        self._layout.addStretch(1)

    def _card(self, i: int, a: Advice) -> QLabel:
        hue = _HUE[a.severity]
        label = QLabel()
        label.setObjectName(f"advice-{a.kind.value}")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        link = f' <a href="sources:{i}">Sources</a>' if a.sources else ""
        label.setText(f"<b>{html.escape(a.title)}</b><br>{html.escape(a.text)}{link}")
        label.setStyleSheet(
            f"QLabel {{ background: {theme.tint(hue, 0.14).name()}; border-left: 4px solid "
            f"{theme.strong(hue).name()}; padding: 6px 8px; border-radius: 3px; }}"
        )
        label.linkActivated.connect(self._open)
        return label

    def _open(self, href: str) -> None:
        if href.startswith("sources:"):
            self.sources_requested.emit(self._advice[int(href.split(":", 1)[1])])

    def kinds(self) -> list[Kind]:
        """The kinds shown (tests)."""
        return [a.kind for a in self._advice]
