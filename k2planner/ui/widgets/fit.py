"""Windows that fit a laptop screen: scroll areas and screen-aware sizes."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

SCREEN_SHARE = 0.92  # leave room for panels and window decorations


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area that scrolls only when space runs out."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """Resize ``window`` to ``wanted``, or less when the screen it is on is smaller."""
    screen = window.screen()
    if screen is None:
        window.resize(wanted)
        return
    avail = screen.availableGeometry()
    width = min(wanted.width(), int(avail.width() * SCREEN_SHARE))
    height = min(wanted.height(), int(avail.height() * SCREEN_SHARE))
    window.resize(width, height)
