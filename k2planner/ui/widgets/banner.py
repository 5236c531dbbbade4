"""The warfarin banner: shown in every view while the user takes a vitamin K antagonist.

It can be folded to one line, but never hidden: nothing a click does removes it, and it
unfolds again on every start and whenever the advice changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from k2planner.domain.advice import VKA_INSTRUCTION, Advice
from k2planner.ui import theme


class WarfarinBanner(QFrame):
    """A persistent warning strip.

    Signals:
        sources_requested(object): the user asked for the sources of the advice.
    """

    sources_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warfarinBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._advice: Advice | None = None
        self._icon = QLabel("⚠")
        self._icon.setStyleSheet("font-size: 22px;")
        self._title = QLabel()
        self._title.setObjectName("bannerTitle")
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setStyleSheet("font-weight: bold;")
        self._text = QLabel()
        self._text.setObjectName("bannerText")
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._fold = QPushButton("Less")
        self._fold.setFlat(True)
        self._fold.setToolTip("Fold the warning to one line (it stays visible)")
        self._fold.clicked.connect(self._toggle)
        sources = QPushButton("Sources…")
        sources.setFlat(True)
        sources.clicked.connect(lambda: self.sources_requested.emit(self._advice))
        text_box = QVBoxLayout()
        text_box.setSpacing(2)
        text_box.addWidget(self._title)
        text_box.addWidget(self._text)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text_box, 1)
        row.addWidget(self._fold, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(sources, 0, Qt.AlignmentFlag.AlignTop)
        self._folded = False
        self.setVisible(False)
        self._apply_style()

    def _apply_style(self) -> None:
        bg = theme.tint("red", 0.25).name()
        border = theme.strong("red").name()
        self.setStyleSheet(
            f"#warfarinBanner {{ background: {bg}; border: 2px solid {border}; "
            "border-radius: 6px; }"
        )

    def set_advice(self, advice: Advice | None) -> None:
        """Show the warning (unfolded), or remove it when the user takes no VKA."""
        self._advice = advice
        self.setVisible(advice is not None)
        if advice is None:
            return
        self._folded = False
        self._title.setText(advice.title)
        self._render()

    def _render(self) -> None:
        if self._advice is None:
            return
        text = VKA_INSTRUCTION if self._folded else self._advice.text
        self._text.setText(text)
        self._fold.setText("More" if self._folded else "Less")

    def _toggle(self) -> None:
        self._folded = not self._folded
        self._render()

    @property
    def folded(self) -> bool:
        """True while folded to the one-line instruction."""
        return self._folded

    def shown_text(self) -> str:
        """The text currently shown (tests, accessibility)."""
        return f"{self._title.text()} {self._text.text()}"
