"""Import foods: choose a file, check the column mapping and the preview, import on a worker."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k2planner.domain.diet import DietFlags
from k2planner.domain.importing.mapping import FIELD_LABELS, ColumnMap, guess_mapping
from k2planner.domain.importing.records import FileFormat, ParsedFile
from k2planner.services.import_read import ImportFileError, read_import, table_head
from k2planner.services.importer import (
    Duplicate,
    ImportCancelled,
    ImportOptions,
    ImportRejected,
    ImportService,
    ImportSummary,
    OnDuplicate,
    UnitFix,
)
from k2planner.ui.dialogs.common import show_error
from k2planner.ui.dialogs.import_summary import SummaryDialog
from k2planner.ui.dialogs.import_support import ProgressCounter, ReadResult
from k2planner.ui.dialogs.row_flags import RowFlagsDialog
from k2planner.ui.models.import_models import (
    MappingModel,
    MappingRow,
    PreviewModel,
    preview_rows,
)
from k2planner.ui.widgets.combo_delegate import ComboDelegate
from k2planner.ui.widgets.fit import fit_to_screen
from k2planner.ui.workers import TaskRunner

_DISPLAY_UNITS = {
    "": "",
    "ug": "µg",
    "mg": "mg",
    "g": "g",
    "kcal": "kcal",
    "kj": "kJ",
    "cal": "cal",
}
_UNITS = ["", "µg", "mg", "g", "kcal", "kJ"]


class ImportDialog(QDialog):
    """The whole import, from file to summary.

    Signals:
        loaded(): the file was read and checked (again), the preview is up to date.
        imported(ImportSummary): the import was committed.
    """

    loaded = Signal()
    imported = Signal(object)

    def __init__(
        self, importer: ImportService, runner: TaskRunner, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import foods – {path.name}")
        fit_to_screen(self, QSize(1000, 720))
        self._importer = importer
        self._runner = runner
        self._path = path
        self._parsed: ParsedFile | None = None
        self._per_row: dict[int, OnDuplicate] = {}
        self._flags_per_row: dict[int, DietFlags] = {}
        self._derived: dict[int, DietFlags] = {}
        self._dups: dict[int, Duplicate] = {}
        self._reading = 0
        self._generation = 0
        self.progress: QProgressDialog | None = None
        self._cancel = threading.Event()
        self._counter = ProgressCounter()
        self._poll = QTimer(self)
        self._poll.setInterval(100)
        self._poll.timeout.connect(self._poll_progress)
        self.summary: ImportSummary | None = None

        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)  # file names and values are data
        self.mapping = MappingModel()
        self.mapping_view = QTableView()
        self.mapping_view.setModel(self.mapping)
        self.mapping_view.verticalHeader().hide()
        self.mapping_view.verticalHeader().setDefaultSectionSize(24)
        self.mapping_view.setMaximumHeight(200)
        self.mapping_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        fields = [("", "(ignored)"), *FIELD_LABELS.items()]
        self.mapping_view.setItemDelegateForColumn(2, ComboDelegate(fields, self))
        self.mapping_view.setItemDelegateForColumn(
            3, ComboDelegate([(u, u or "(default)") for u in _UNITS], self)
        )
        self.mapping.mapping_changed.connect(self._reparse)
        self.mapping_label = QLabel(
            "<b>Columns</b> – check what each column holds (double-click to change):"
        )

        self.preview = PreviewModel()
        self.preview_view = QTableView()
        self.preview_view.setObjectName("preview")
        self.preview_view.setModel(self.preview)
        self.preview_view.verticalHeader().hide()
        self.preview_view.verticalHeader().setDefaultSectionSize(24)
        self.preview_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_view.horizontalHeader().setSectionResizeMode(
            self.preview.columnCount() - 2, QHeaderView.ResizeMode.Stretch
        )
        self.preview_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.preview_view.customContextMenuRequested.connect(self._row_menu)

        self.on_duplicate = QComboBox()
        self.on_duplicate.addItem("Skip it", OnDuplicate.SKIP.value)
        self.on_duplicate.addItem("Update it with the file's values", OnDuplicate.UPDATE.value)
        self.on_duplicate.addItem("Add as a new food", OnDuplicate.ADD.value)
        self.on_duplicate.currentIndexChanged.connect(self._refresh_preview)
        self.unit_fix = QComboBox()
        self.unit_fix.addItem("Skip those rows", UnitFix.SKIP.value)
        self.unit_fix.addItem("Use the suggested value", UnitFix.SCALE.value)
        self.unit_fix.addItem("Keep the value as written", UnitFix.KEEP.value)
        self.skip_bad = QCheckBox("Import the good rows and skip rows with errors")
        options = QFormLayout()
        options.addRow("A food that is already in the database:", self.on_duplicate)
        options.addRow("A value probably in the wrong unit:", self.unit_fix)
        options.addRow("", self.skip_bad)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("Import")
        self.import_button.setObjectName("import")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self._run)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.mapping_label)
        layout.addWidget(self.mapping_view)
        layout.addWidget(
            QLabel(
                "<b>Preview</b> – red: cannot be imported; amber: please "
                "confirm; blue: already in the database (right-click to choose "
                "for one row)"
            )
        )
        layout.addWidget(self.preview_view, 1)
        layout.addLayout(options)
        layout.addWidget(self.buttons)
        self._load()

    # ------------------------------------------------------------------ reading
    def _load(self, mapping: list[ColumnMap] | None = None) -> None:
        """Read and check the file on a worker (large files take a moment).

        Only the newest read counts: a result of an earlier mapping that arrives late is
        dropped.
        """
        self.info.setText(f"Reading {self._path.name}…")
        self.import_button.setEnabled(False)
        self._reading += 1
        self._generation += 1
        generation = self._generation
        path, importer = self._path, self._importer

        def work() -> ReadResult:
            parsed = read_import(path, mapping=mapping)
            head = None
            if mapping is None and parsed.format is FileFormat.CSV and not parsed.keeps_provenance:
                head = table_head(path)
            return ReadResult(
                generation, parsed, importer.duplicates(parsed), head, importer.row_flags(parsed)
            )

        def failed(exc: BaseException, tb: str) -> None:
            self._reading -= 1
            if isinstance(exc, ImportFileError):
                self.info.setText(f"⚠ {exc}")
            else:
                self.info.setText("⚠ The file could not be read.")
                show_error(self, "Import", f"{self._path.name} could not be read: {exc}", tb)

        self._runner.run(work, self._loaded, failed)

    def _loaded(self, result: object) -> None:
        self._reading -= 1
        assert isinstance(result, ReadResult)
        if result.generation != self._generation:
            return
        parsed = result.parsed
        self._parsed, self._dups = parsed, result.duplicates
        self._derived = result.flags
        generic_csv = parsed.format is FileFormat.CSV and not parsed.keeps_provenance
        self.mapping_view.setVisible(generic_csv)
        self.mapping_label.setVisible(generic_csv)
        if result.head is not None:
            self._fill_mapping(*result.head)
        self._refresh_preview()
        self.loaded.emit()

    def _fill_mapping(self, headers: list[str], sample: list[str]) -> None:
        guessed = {c.column: c for c in guess_mapping(headers)}
        rows = []
        for i, header in enumerate(headers):
            c = guessed.get(i)
            unit = _DISPLAY_UNITS.get((c.unit or "") if c else "", "")
            value = sample[i] if i < len(sample) else ""
            rows.append(MappingRow(i, header, value, c.field if c else "", unit))
        self.mapping.set_rows(rows)

    def current_mapping(self) -> list[ColumnMap]:
        """The column mapping as the user left it."""
        return [
            ColumnMap(r.column, r.header, r.field, r.unit or None)
            for r in self.mapping.rows
            if r.field
        ]

    def _reparse(self) -> None:
        self._load(self.current_mapping())

    def _refresh_preview(self) -> None:
        parsed = self._parsed
        if parsed is None:
            return
        dups = self._dups
        default = OnDuplicate(str(self.on_duplicate.currentData()))
        self.preview.set_rows(
            preview_rows(
                parsed,
                dups,
                self._per_row,
                default,
                {**self._derived, **self._flags_per_row},
                frozenset(self._flags_per_row),
            )
        )
        self.preview_view.resizeColumnsToContents()
        self.preview_view.setColumnWidth(1, 260)
        errors = len(parsed.error_rows() - {0})
        questions = len(parsed.question_rows())
        notes = "; ".join(parsed.notes)
        file_errors = "; ".join(i.text() for i in parsed.file_errors())
        self.info.setText(
            f"{parsed.label} ({parsed.format.value}{', ' + notes if notes else ''}): "
            f"{parsed.rows} rows, {len(parsed.foods)} foods"
            + (f", {len(parsed.meals)} meals" if parsed.meals else "")
            + f", {errors} with errors, {questions} to confirm, {len(dups)} already there."
            + (f"\n⚠ {file_errors}" if file_errors else "")
        )
        self.import_button.setEnabled(bool(parsed.foods or parsed.meals) and not file_errors)

    def _row_menu(self, pos: QPoint) -> None:
        row = self.preview.row(self.preview_view.indexAt(pos))
        if row is None or (not row.duplicate_of and row.flags is None):
            return
        menu = QMenu(self)
        if row.flags is not None:
            flags_action = menu.addAction("Diet flags…")
            flags_action.setData("flags")
        if row.duplicate_of:
            for label, action in (
                ("Skip this row", OnDuplicate.SKIP),
                ("Update the existing food", OnDuplicate.UPDATE),
                ("Add as a new food", OnDuplicate.ADD),
            ):
                chosen = menu.addAction(label)
                chosen.setData(action.value)
        picked = menu.exec(self.preview_view.viewport().mapToGlobal(pos))
        if picked is None:
            return
        if picked.data() == "flags":
            self.edit_row_flags(row.row)
        else:
            self._set_row_action(row.row, OnDuplicate(str(picked.data())))

    def edit_row_flags(self, row: int) -> None:
        """Let the user set the diet flags of one row of the file."""
        current = next((r for r in self.preview.rows if r.row == row), None)
        if current is None or current.flags is None:
            return
        chosen = RowFlagsDialog.ask(self, current.name, current.flags)
        if chosen is not None:
            self._flags_per_row[row] = chosen
            self._refresh_preview()

    def _set_row_action(self, row: int, action: OnDuplicate) -> None:
        self._per_row[row] = action
        self._refresh_preview()

    # ------------------------------------------------------------------ import
    def options(self) -> ImportOptions:
        """The user's choices."""
        return ImportOptions(
            OnDuplicate(str(self.on_duplicate.currentData())),
            dict(self._per_row),
            self.skip_bad.isChecked(),
            UnitFix(str(self.unit_fix.currentData())),
            flags_per_row=dict(self._flags_per_row),
        )

    def _run(self) -> None:
        parsed = self._parsed
        if parsed is None or self._reading:
            return
        self._cancel = threading.Event()
        self._counter = ProgressCounter()
        progress = QProgressDialog("Importing…", "Cancel", 0, max(1, len(parsed.foods)), self)
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self._cancel_requested)
        self.progress = progress
        self._poll.start()
        options = self.options()
        self.import_button.setEnabled(False)
        importer, counter, cancel = self._importer, self._counter, self._cancel

        def work() -> ImportSummary:
            return importer.commit(parsed, options, counter.report, cancel.is_set)

        self._runner.run(work, self._imported, self._import_failed)

    def _cancel_requested(self) -> None:
        self._cancel.set()
        if self.progress is not None:
            self.progress.setLabelText("Cancelling…")

    def _poll_progress(self) -> None:
        done, total = self._counter.done, self._counter.total
        if self.progress is not None and total:
            self.progress.setMaximum(max(1, total))
            self.progress.setValue(done)

    def _close_progress(self) -> None:
        self._poll.stop()
        if self.progress is not None:
            self.progress.canceled.disconnect(self._cancel_requested)
            self.progress.reset()
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None

    def _imported(self, summary: object) -> None:
        self._close_progress()
        assert isinstance(summary, ImportSummary)
        self.summary = summary
        self.imported.emit(summary)
        report = SummaryDialog(summary, self)
        report.finished.connect(self.accept)
        report.open()

    def _import_failed(self, exc: BaseException, tb: str) -> None:
        self._close_progress()
        self.import_button.setEnabled(True)
        if isinstance(exc, ImportCancelled):
            self.info.setText("Cancelled: nothing was imported.")
        elif isinstance(exc, ImportRejected):
            self.info.setText(f"⚠ {exc}")
            SummaryDialog(exc.summary, self, str(exc)).open()
        else:
            show_error(self, "Import", f"The import failed; nothing was imported: {exc}", tb)
