"""Colours that follow the system palette (light or dark)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def _palette() -> QPalette:
    app = QApplication.instance()
    return app.palette() if isinstance(app, QApplication) else QPalette()


def is_dark() -> bool:
    """True when the window background is dark."""
    return _palette().color(QPalette.ColorRole.Window).lightness() < 128


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() * (1 - t) + b.red() * t),
        round(a.green() * (1 - t) + b.green() * t),
        round(a.blue() * (1 - t) + b.blue() * t),
    )


def tint(hue: str, strength: float = 0.22) -> QColor:
    """The base colour tinted toward a hue ("red", "green", "amber", "blue")."""
    target = {
        "red": QColor(220, 60, 50),
        "green": QColor(40, 160, 80),
        "amber": QColor(230, 160, 20),
        "blue": QColor(50, 110, 220),
    }[hue]
    return _mix(_palette().color(QPalette.ColorRole.Base), target, strength)


def strong(hue: str) -> QColor:
    """A readable foreground colour of a hue for the current palette."""
    light = {
        "red": QColor(170, 30, 25),
        "green": QColor(20, 120, 55),
        "amber": QColor(150, 95, 0),
        "blue": QColor(30, 80, 180),
    }
    dark = {
        "red": QColor(255, 120, 110),
        "green": QColor(110, 210, 140),
        "amber": QColor(255, 200, 90),
        "blue": QColor(130, 170, 255),
    }
    return (dark if is_dark() else light)[hue]


SERIES_COLOURS = {
    "MK-4": QColor(46, 134, 193),
    "MK-7": QColor(39, 174, 96),
    "MK-8/9/10 and others": QColor(241, 196, 15),
    "K2, forms unknown": QColor(149, 165, 166),
    "K1": QColor(142, 68, 173),
    "K2": QColor(39, 174, 96),
}
