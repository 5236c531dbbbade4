"""The per-day chart (QtCharts, kept behind this one module so it can move renderer later).

K2 mode: K2 by form stacked per day with the target line. Vitamin K antagonist mode: total
vitamin K (K1 + K2 stacked) with the band.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

from k2planner.domain.nutrients import Nutrient
from k2planner.domain.planner.details import DayTotals
from k2planner.ui.theme import SERIES_COLOURS


class DayChart(QChartView):
    """Stacked bars per day with a goal line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)
        self.show_days([], [], target=None, band=None)

    def _chart(self) -> QChart:
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        pal = QApplication.palette()
        chart.setBackgroundBrush(pal.color(QPalette.ColorRole.Base))
        chart.setTitleBrush(pal.color(QPalette.ColorRole.Text))
        chart.legend().setLabelColor(pal.color(QPalette.ColorRole.Text))
        return chart

    def show_days(
        self,
        labels: Sequence[str],
        days: Sequence[DayTotals],
        *,
        target: float | None,
        band: tuple[float, float] | None,
    ) -> None:
        """Draw the days; ``band`` switches to total vitamin K with the band lines."""
        chart = self._chart()
        text = QApplication.palette().color(QPalette.ColorRole.Text)
        if not days:
            chart.setTitle("The chart appears when a week is planned")
            self.setChart(chart)
            return
        series: QBarSeries | QStackedBarSeries = QStackedBarSeries()
        if band is None:
            chart.setTitle("K2 per day by form (µg)")
            parts = {
                "MK-4": [d.k2.by_form[Nutrient.MK4] for d in days],
                "MK-7": [d.k2.by_form[Nutrient.MK7] for d in days],
                "MK-8/9/10 and others": [
                    d.k2.total_ug
                    - d.k2.by_form[Nutrient.MK4]
                    - d.k2.by_form[Nutrient.MK7]
                    - d.k2.unsplit_ug
                    for d in days
                ],
                "K2, forms unknown": [d.k2.unsplit_ug for d in days],
            }
            top = max(max(d.k2.total_ug, d.k2_range_ug[1]) for d in days)
            goal_lines = [("Target", target or 0.0, Qt.PenStyle.DashLine)]
        else:
            chart.setTitle("Total vitamin K per day, K1 + K2 (µg)")
            parts = {"K1": [d.k1_ug for d in days], "K2": [d.k2.total_ug for d in days]}
            top = max(d.vitamin_k_ug for d in days)
            goal_lines = [
                ("Band low", band[0], Qt.PenStyle.DashLine),
                ("Band high", band[1], Qt.PenStyle.DashLine),
            ]
        for name, values in parts.items():
            if not any(v > 0.05 for v in values):
                continue
            bar = QBarSet(name)
            bar.setColor(SERIES_COLOURS.get(name, QColor(120, 120, 120)))
            bar.setBorderColor(SERIES_COLOURS.get(name, QColor(120, 120, 120)))
            bar.append([max(0.0, v) for v in values])
            series.append(bar)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(list(labels))
        axis_x.setLabelsColor(text)
        axis_y = QValueAxis()
        goal_top = max(v for _n, v, _s in goal_lines)
        axis_y.setRange(0, max(top, goal_top) * 1.1 or 1.0)
        axis_y.applyNiceNumbers()
        axis_y.setLabelFormat("%.0f")
        axis_y.setLabelsColor(text)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        n = len(days)
        for name, value, style in goal_lines:
            line = QLineSeries()
            line.setName(f"{name} {value:.0f} µg")
            line.append([QPointF(-0.5, value), QPointF(n - 0.5, value)])
            pen = QPen(QColor(200, 40, 40) if band is None else QColor(90, 90, 90))
            pen.setWidthF(2.0)
            pen.setStyle(style)
            line.setPen(pen)
            chart.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
        if band is None:
            self._whiskers(chart, days, axis_x, axis_y)
        self.setChart(chart)

    def _whiskers(
        self, chart: QChart, days: Sequence[DayTotals], axis_x: QBarCategoryAxis, axis_y: QValueAxis
    ) -> None:
        """A line from each day's lowest to highest K2 across the sources of its foods."""
        pen = QPen(QApplication.palette().color(QPalette.ColorRole.Text))
        pen.setWidthF(1.5)
        shown = False
        for i, d in enumerate(days):
            low, high = d.k2_range_ug
            if high - low < 0.5:
                continue
            whisker = QLineSeries()
            whisker.setName("Range across sources")
            whisker.append([QPointF(i, low), QPointF(i, high)])
            whisker.setPen(pen)
            chart.addSeries(whisker)
            whisker.attachAxis(axis_x)
            whisker.attachAxis(axis_y)
            for marker in chart.legend().markers(whisker):
                marker.setVisible(not shown)
            shown = True
