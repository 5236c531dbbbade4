"""Paints week-grid cells: meal name, servings and K2, and a clickable lock."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from k2planner.ui import theme
from k2planner.ui.icons import padlock
from k2planner.ui.models.plan_model import CellKind, GridCell

LOCK_SIZE = 16


def _elide_lines(fm: QFontMetrics, text: str, width: int, lines: int) -> str:
    """Word-wrap ``text`` into at most ``lines`` lines, eliding the last one."""
    words = text.split()
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if fm.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            rest = " ".join([current, *words[i + 1 :]])
            out.append(fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            return "\n".join(out)
    out.append(fm.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return "\n".join(out[:lines])


class PlanCellDelegate(QStyledItemDelegate):
    """Draws a cell; a click on the lock toggles it.

    Signals:
        lock_clicked(int, int): row and column of the lock that was clicked.
    """

    lock_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    @staticmethod
    def lock_rect(rect: QRect) -> QRect:
        """Where the lock sits in a cell."""
        return QRect(rect.right() - LOCK_SIZE - 6, rect.top() + 6, LOCK_SIZE, LOCK_SIZE)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        cell = index.data(Qt.ItemDataRole.UserRole)
        if not isinstance(cell, GridCell):
            super().paint(painter, option, index)
            return
        painter.save()
        pal = option.palette
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        bg = index.data(Qt.ItemDataRole.BackgroundRole)
        if selected:
            painter.fillRect(rect, pal.color(QPalette.ColorRole.Highlight))
        elif bg is not None:
            painter.fillRect(rect, bg)
        fg = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        inner = rect.adjusted(8, 6, -8, -6)
        if cell.kind is CellKind.EMPTY:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, "—")
            painter.restore()
            return
        title_font = QFont(option.font)
        title_font.setBold(True)
        fm = QFontMetrics(title_font)
        title_width = inner.width() - (LOCK_SIZE + 4 if cell.kind is CellKind.MEAL else 0)
        max_lines = 1 if cell.kind is CellKind.TOTALS else 3
        title_rect = QRect(inner.left(), inner.top(), title_width, fm.lineSpacing() * max_lines)
        painter.setFont(title_font)
        if cell.kind is CellKind.TOTALS and cell.status and cell.status != "ok" and not selected:
            painter.setPen(theme.strong("red"))
        else:
            painter.setPen(fg)
        text = _elide_lines(fm, cell.title, title_width, max_lines)
        painter.drawText(
            title_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), text
        )
        used = fm.lineSpacing() * (text.count("\n") + 1)
        painter.setFont(option.font)
        painter.setPen(fg)
        detail_rect = QRect(
            inner.left(), inner.top() + used + 2, inner.width(), inner.height() - used - 2
        )
        painter.drawText(
            detail_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), cell.detail
        )
        if cell.kind is CellKind.MEAL:
            colour = (
                theme.strong("blue")
                if cell.locked
                else pal.color(QPalette.ColorRole.PlaceholderText)
            )
            painter.drawPixmap(self.lock_rect(rect), padlock(LOCK_SIZE, cell.locked, colour))
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        fm = QFontMetrics(option.font)
        cell = index.data(Qt.ItemDataRole.UserRole)
        lines = 6 if isinstance(cell, GridCell) and cell.kind is CellKind.TOTALS else 4
        if isinstance(cell, GridCell) and cell.kind is CellKind.MEAL:
            lines += cell.detail.count("\n")  # each person's servings on a line of their own
        return QSize(160, fm.lineSpacing() * lines + 14)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        cell = index.data(Qt.ItemDataRole.UserRole)
        if (
            isinstance(cell, GridCell)
            and cell.kind is CellKind.MEAL
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and self.lock_rect(option.rect)
            .adjusted(-4, -4, 4, 4)
            .contains(event.position().toPoint())
        ):
            self.lock_clicked.emit(index.row(), index.column())
            return True
        return super().editorEvent(event, model, option, index)
