"""The File menu: import, export, backup and restore."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from k2planner.services.backup import BackupService, RestoreError, RestoreReport
from k2planner.services.exporter import ExportService, Scope
from k2planner.services.importer import ImportService, ImportSummary
from k2planner.ui.dialogs.common import show_error
from k2planner.ui.dialogs.import_dialog import ImportDialog
from k2planner.ui.plain import ask
from k2planner.ui.workers import TaskRunner


@dataclass(frozen=True)
class ExportKind:
    """One entry of the Export menu."""

    label: str
    scope: Scope
    what: str  # "all" (JSON foods and meals), "foods" or "meals" (CSV)

    @property
    def suffix(self) -> str:
        """The file extension."""
        return ".json" if self.what == "all" else ".csv"

    def default_name(self, today: dt.date) -> str:
        """E.g. ``k2planner-my-foods-2026-11-23.csv``."""
        mine = "my-" if self.scope is Scope.USER else "all-"
        stem = {"all": "foods-and-meals", "foods": "foods", "meals": "meals"}[self.what]
        return f"k2planner-{mine}{stem}-{today.isoformat()}{self.suffix}"


EXPORTS = (
    ExportKind("Your foods and meals (JSON)…", Scope.USER, "all"),
    ExportKind("Your foods (CSV)…", Scope.USER, "foods"),
    ExportKind("Your meals (CSV)…", Scope.USER, "meals"),
    ExportKind("All foods and meals (JSON)…", Scope.ALL, "all"),
    ExportKind("All foods (CSV)…", Scope.ALL, "foods"),
)


class FileActions(QObject):
    """Import, export, backup and restore for the main window.

    Each action takes an optional path; without one it asks with a file dialog.

    Signals:
        data_changed(): foods or meals changed (an import finished).
        database_replaced(): a restore replaced everything (preferences and plans too).
        status_message(str): a line for the status bar.
    """

    data_changed = Signal()
    database_replaced = Signal()
    status_message = Signal(str)

    def __init__(
        self,
        importer: ImportService,
        exporter: ExportService,
        backups: BackupService,
        runner: TaskRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._importer = importer
        self._exporter = exporter
        self._backups = backups
        self._runner = runner
        self._parent = parent

    # ------------------------------------------------------------------ import
    def import_file(self, path: Path | None = None) -> ImportDialog | None:
        """Open the import dialog for a file (CSV, TSV, JSON, FoodData Central zip)."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self._parent,
                "Import foods",
                "",
                "Food files (*.csv *.tsv *.txt *.json *.jsonl *.zip);;All files (*)",
            )
            if not chosen:
                return None
            path = Path(chosen)
        return self._open_import(path)

    def import_fdc_folder(self, path: Path | None = None) -> ImportDialog | None:
        """Open the import dialog for an unpacked FoodData Central download folder."""
        if path is None:
            chosen = QFileDialog.getExistingDirectory(
                self._parent, "FoodData Central download folder"
            )
            if not chosen:
                return None
            path = Path(chosen)
        return self._open_import(path)

    def _open_import(self, path: Path) -> ImportDialog:
        dialog = ImportDialog(self._importer, self._runner, path, self._parent)
        dialog.imported.connect(self._imported)
        dialog.open()
        return dialog

    def _imported(self, summary: object) -> None:
        if isinstance(summary, ImportSummary):
            self.status_message.emit(summary.text())
        self.data_changed.emit()

    # ------------------------------------------------------------------ export
    def export(self, kind: ExportKind, path: Path | None = None) -> None:
        """Write foods and/or meals in a format that re-imports losslessly."""
        if path is None:
            kind_filter = "JSON (*.json)" if kind.suffix == ".json" else "CSV (*.csv)"
            chosen, _ = QFileDialog.getSaveFileName(
                self._parent, "Export", kind.default_name(dt.date.today()), kind_filter
            )
            if not chosen:
                return
            path = Path(chosen)
        if path.suffix.lower() != kind.suffix:
            path = path.with_name(path.name + kind.suffix)
        exporter, target = self._exporter, path

        def work() -> Path:
            if kind.what == "all":
                text = exporter.to_json(kind.scope)
            elif kind.what == "foods":
                text = exporter.foods_csv(kind.scope)
            else:
                text = exporter.meals_csv(kind.scope)
            partial = target.with_name(target.name + ".partial")
            partial.write_text(text, encoding="utf-8", newline="")
            partial.replace(target)
            return target

        self._runner.run(
            work,
            lambda p: self.status_message.emit(f"Exported to {p}"),
            lambda exc, tb: show_error(self._parent, "Export", f"Could not export: {exc}", tb),
        )

    # ------------------------------------------------------------------ backup
    def backup(self, path: Path | None = None) -> None:
        """Write a consistent copy of the database."""
        if path is None:
            name = f"k2planner-backup-{dt.datetime.now():%Y-%m-%d-%H%M}.sqlite"
            chosen, _ = QFileDialog.getSaveFileName(
                self._parent, "Back up the database", name, "K2 Planner backup (*.sqlite)"
            )
            if not chosen:
                return
            path = Path(chosen)
        backups = self._backups
        target = path
        self._runner.run(
            lambda: backups.backup(target),
            lambda p: self.status_message.emit(f"Backup written to {p}"),
            lambda exc, tb: show_error(
                self._parent, "Back up", f"The backup could not be written: {exc}", tb
            ),
        )

    def restore(self, path: Path | None = None, *, confirm: bool = True) -> None:
        """Replace the database with a validated backup; the current one is kept."""
        if self._runner.busy:
            self.status_message.emit("Please wait until the current task has finished.")
            return
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self._parent,
                "Restore a backup",
                "",
                "K2 Planner backup (*.sqlite *.db);;All files (*)",
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            self._backups.validate(path)
        except RestoreError as exc:
            show_error(self._parent, "Restore", f"{exc}. Your current data was not changed.")
            return
        if confirm and not self._confirm_restore(path):
            return
        backups, source = self._backups, path
        self._runner.run(lambda: backups.restore(source), self._restored, self._restore_failed)

    def _confirm_restore(self, path: Path) -> bool:
        return ask(
            self._parent,
            "Restore a backup",
            f"Replace all foods, meals, plans and settings with the backup {path.name}?\n\n"
            f"Your current data is saved first in {self._backups.keep_dir}.",
        )

    def _restored(self, report: object) -> None:
        assert isinstance(report, RestoreReport)
        upgraded = f" (upgraded from schema {report.migrated_from})" if report.migrated_from else ""
        self.status_message.emit(
            f"Restored {report.restored_from.name}: {report.foods:,} foods, {report.meals} meals"
            f"{upgraded}. The previous data is in {report.previous_saved_as}."
        )
        self.database_replaced.emit()

    def _restore_failed(self, exc: BaseException, tb: str) -> None:
        message = (
            f"{exc}. Your current data was not changed."
            if isinstance(exc, RestoreError)
            else f"The restore failed: {exc}"
        )
        show_error(self._parent, "Restore", message, tb)
