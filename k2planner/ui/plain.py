"""Data is text, never markup: helpers that show names and messages as plain text.

Qt guesses whether a string is rich text (a food named "<b>x</b>" would render bold, an
"<img src=…>" would load). Tooltips are escaped and wrapped so Qt shows them literally; message
boxes are set to plain text.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip that shows ``text`` literally (line breaks kept)."""
    if text is None:
        return None
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def ask(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """A Yes/Cancel question whose text is plain; True for Yes."""
    yes, cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
    box = QMessageBox(QMessageBox.Icon.Question, title, text, yes | cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(yes if default_yes else cancel)
    return box.exec() == yes
