"""The summary at the end of an import: counts, and skipped and rejected rows as a table."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k2planner.services.importer import ImportSummary
from k2planner.ui.models.base import Column, RowTableModel
from k2planner.ui.widgets.fit import fit_to_screen


class SummaryDialog(QDialog):
    """What was imported, skipped and rejected; the report can be saved as CSV."""

    def __init__(
        self, summary: ImportSummary, parent: QWidget | None = None, headline: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import summary")
        fit_to_screen(self, QSize(700, 420))
        self._summary = summary
        text = QLabel((f"{headline}\n" if headline else "") + summary.text())
        text.setTextFormat(Qt.TextFormat.PlainText)  # file and food names are data
        text.setWordWrap(True)
        details = QTableView()
        model: RowTableModel[tuple[str, str, str]] = RowTableModel(
            [
                Column("Row", lambda r: r[0]),
                Column("Outcome", lambda r: r[1]),
                Column("Why", lambda r: r[2], tooltip=lambda r: r[2]),
            ]
        )
        model.set_rows(
            [(str(r), "skipped", f"{n}: {why}") for r, n, why in summary.skipped]
            + [(str(r), "rejected", why) for r, why in summary.rejected]
        )
        details.setModel(model)
        details.verticalHeader().hide()
        details.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._model = model
        save = QPushButton("Save report as CSV…")
        save.clicked.connect(self._save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(details, 1)
        layout.addLayout(row)

    def _save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save import report", "import-report.csv", "CSV (*.csv)"
        )
        if path:
            Path(path).write_text(self._summary.to_csv(), encoding="utf-8")
