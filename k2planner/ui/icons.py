"""Icons: the app icon from the bundled resources, and small painted glyphs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap


def app_icon(resources: Path) -> QIcon:
    """The application icon (SVG, with PNG sizes when present)."""
    icon = QIcon()
    folder = resources / "icons"
    for png in sorted(folder.glob("k2planner-*.png")):
        icon.addFile(str(png))
    svg = folder / "k2planner.svg"
    if svg.exists():
        icon.addFile(str(svg))
    return icon


def padlock(size: int, closed: bool, color: QColor) -> QPixmap:
    """A padlock glyph (closed or open) in ``color`` on a transparent pixmap."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    body = QRectF(s * 0.2, s * 0.45, s * 0.6, s * 0.45)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawRoundedRect(body, s * 0.08, s * 0.08)
    pen = QPen(color, max(1.5, s * 0.1))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath()
    left, right, top = s * 0.32, s * 0.68, s * 0.15
    path.moveTo(QPointF(left, s * 0.46))
    path.lineTo(QPointF(left, s * 0.32))
    path.arcTo(QRectF(left, top, right - left, (right - left)), 180, -180)
    if closed:
        path.lineTo(QPointF(right, s * 0.46))
    else:
        path.lineTo(QPointF(right, s * 0.27))
    p.drawPath(path)
    p.end()
    return pm
