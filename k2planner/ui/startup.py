"""The first window on screen: shown before the database, the solver or any view is loaded.

Importing SQLAlchemy, the views and the charts takes most of a second; the user sees this
window at once, with what is happening, and the full window takes its place (same position
and size) as soon as it is built. Only QtWidgets is imported here.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QVBoxLayout, QWidget

from k2planner import APP_DISPLAY_NAME
from k2planner.ui.widgets.fit import fit_to_screen

MAIN_WINDOW_SIZE = QSize(1320, 860)


class StartupWindow(QMainWindow):
    """A first window that says the food database is opening, with a busy bar.

    Signals:
        painted(): the window was drawn for the first time (it is on screen).
    """

    painted = Signal()

    def __init__(self, icon: QIcon) -> None:
        super().__init__()
        self._painted = False
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setWindowIcon(icon)
        fit_to_screen(self, MAIN_WINDOW_SIZE)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addStretch(1)
        self.message = QLabel("Opening your food database…")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setMaximumWidth(240)
        layout.addWidget(self.message)
        layout.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.setCentralWidget(body)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.painted.emit)  # after this paint reaches the screen

    def hand_over(self, window: QMainWindow) -> None:
        """Show ``window`` where this one is, then close this one."""
        window.setGeometry(self.geometry())
        if self.isMaximized():
            window.showMaximized()
        else:
            window.show()
        self.close()
