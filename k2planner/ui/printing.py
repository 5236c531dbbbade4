"""Printing with Qt print support: print preview, printer, and PDF files.

The HTML comes from :mod:`k2planner.services.print_html`; this module only renders the chart
to an image, lays the document out on the page and sends it to a QPrinter.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget

from k2planner.domain.preferences import Anticoagulant
from k2planner.services.planning import PlanOutcome
from k2planner.services.print_html import CHART_URL, shopping_list_html, weekly_pack_html
from k2planner.services.shopping import ShoppingView
from k2planner.ui.widgets.chart import DayChart
from k2planner.ui.widgets.fit import fit_to_screen


class PageSize(StrEnum):
    """Paper sizes offered."""

    A4 = "a4"
    LETTER = "letter"


def chart_image(outcome: PlanOutcome, size: QSize | None = None) -> QImage:
    """The per-day chart rendered off screen, on white (for paper)."""
    size = size or QSize(1000, 420)
    chart = DayChart()
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    chart.resize(size)
    p = outcome.prefs
    labels = [lbl.split()[0] for lbl in outcome.day_labels]
    if p.anticoagulant is Anticoagulant.VKA:
        band = (p.vk_baseline_ug - p.vk_band_ug, p.vk_baseline_ug + p.vk_band_ug)
        chart.show_days(labels, outcome.details.days, target=None, band=band)
    else:
        chart.show_days(labels, outcome.details.days, target=p.k2_target_ug, band=None)
    c = chart.chart()
    font = QFont(c.font())
    font.setPixelSize(15)
    c.setTitleFont(font)
    c.legend().setFont(font)
    for axis in c.axes():
        axis.setLabelsFont(font)
    c.setBackgroundBrush(QColor(255, 255, 255))
    c.setTitleBrush(QColor(0, 0, 0))
    c.legend().setLabelColor(QColor(0, 0, 0))
    for axis in c.axes():
        axis.setLabelsColor(QColor(0, 0, 0))
    chart.show()
    app = QApplication.instance()
    if app is not None:
        app.processEvents()
    image = chart.grab().toImage()
    chart.close()
    chart.deleteLater()
    return image


def list_document(view: ShoppingView) -> QTextDocument:
    """The shopping list as a text document."""
    doc = QTextDocument()
    doc.setHtml(shopping_list_html(view))
    return doc


def pack_document(outcome: PlanOutcome, view: ShoppingView) -> QTextDocument:
    """The weekly pack (plan, totals, chart, advice, list) as a text document."""
    doc = QTextDocument()
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), chart_image(outcome))
    doc.setHtml(weekly_pack_html(outcome, view))
    return doc


def make_printer(page: PageSize = PageSize.A4, pdf: Path | None = None) -> QPrinter:
    """A high-resolution printer (writing a PDF when ``pdf`` is given)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = QPageSize(
        QPageSize.PageSizeId.A4 if page is PageSize.A4 else QPageSize.PageSizeId.Letter
    )
    printer.setPageLayout(
        QPageLayout(
            size,
            QPageLayout.Orientation.Portrait,
            QMarginsF(14, 14, 14, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    if pdf is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        printer.setCreator("K2 Planner")
    return printer


def print_document(doc: QTextDocument, printer: QPrinter) -> None:
    """Lay out on the printer's page (its margins, nothing added) and print.

    Without a page size QTextDocument adds 2 cm margins of its own, on top of the printer's.
    """
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
    rect = printer.pageLayout().paintRect(QPageLayout.Unit.Inch)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(rect.width() * dpi, rect.height() * dpi))
    doc.print_(printer)


def write_pdf(doc: QTextDocument, path: Path, page: PageSize = PageSize.A4) -> Path:
    """Write a PDF file; returns its path."""
    print_document(doc, make_printer(page, path))
    return path


def preview(doc: QTextDocument, parent: QWidget | None, page: PageSize = PageSize.A4) -> None:
    """Qt's print preview, from which the user can print."""
    printer = make_printer(page)
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle("Print preview")
    dlg.paintRequested.connect(lambda p: print_document(doc, p))
    fit_to_screen(dlg, QSize(900, 1000))
    dlg.exec()


def print_with_dialog(
    doc: QTextDocument, parent: QWidget | None, page: PageSize = PageSize.A4
) -> bool:
    """The system print dialog; prints when accepted."""
    printer = make_printer(page)
    dlg = QPrintDialog(printer, parent)
    if dlg.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_document(doc, printer)
    return True


def font_family_count() -> int:
    """How many font families Qt finds (none: a PDF silently has no text)."""
    from PySide6.QtGui import QFontDatabase

    return len(QFontDatabase.families())


def fonts_available() -> bool:
    """True when Qt finds any font (without fonts a PDF silently has no text)."""
    return font_family_count() > 0


def ensure_app() -> QApplication:
    """A QApplication for headless printing (the caller sets QT_QPA_PLATFORM if needed)."""
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication([])
