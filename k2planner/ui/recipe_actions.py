"""File → Import recipes…: choose a file, read it on a worker, review, import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from k2planner.domain.recipes.model import RecipeFileError
from k2planner.services.recipe_import import ImportOutcome, ImportPreview, RecipeImportService
from k2planner.ui.dialogs.common import show_error
from k2planner.ui.dialogs.import_support import ProgressCounter
from k2planner.ui.dialogs.recipe_import import RecipeImportDialog
from k2planner.ui.workers import TaskRunner

FILTER = (
    "Recipe files (*.zip *.json *.paprikarecipes *.paprikarecipe *.html *.htm *.mmf *.mm "
    "*.txt);;All files (*)"
)


class RecipeActions(QObject):
    """Import recipes from other apps.

    Signals:
        meals_imported(ImportOutcome): recipes were imported as meals.
        status_message(str): a line for the status bar.
        dialog_opened(object): the review dialog, once the file is read (tests use it).
    """

    meals_imported = Signal(object)
    status_message = Signal(str)
    dialog_opened = Signal(object)

    def __init__(
        self,
        service: RecipeImportService,
        search: Callable[[str], list[tuple[int, str]]],
        runner: TaskRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._search = search
        self._runner = runner
        self._parent = parent
        self.dialog: RecipeImportDialog | None = None

    def import_recipes(self, path: Path | None = None) -> None:
        """Ask for a file (unless ``path``), read it off the GUI thread, then review it."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self._parent, "Import recipes", "", FILTER)
            if not chosen:
                return
            path = Path(chosen)
        progress = QProgressDialog(f"Reading {path.name}…", "", 0, 0, self._parent)
        progress.setCancelButton(None)
        progress.setWindowTitle("Import recipes")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setMinimumWidth(460)
        counter = ProgressCounter()  # written by the worker, read here ten times a second
        timer = QTimer(progress, interval=100)

        def show_count() -> None:
            if counter.total:
                progress.setRange(0, counter.total)
                progress.setValue(counter.done)
                progress.setLabelText(
                    f"Reading {file.name}: recipe {counter.done} of {counter.total}…"
                )

        timer.timeout.connect(show_count)
        timer.start()
        file = path

        def done(preview: object) -> None:
            timer.stop()
            progress.close()
            if isinstance(preview, ImportPreview):
                self._review(preview)

        def failed(exc: BaseException, tb: str) -> None:
            timer.stop()
            progress.close()
            if isinstance(exc, RecipeFileError):
                show_error(self._parent, "Import recipes", str(exc))
            else:
                show_error(
                    self._parent, "Import recipes", f"{file.name} could not be read: {exc}", tb
                )

        self._runner.run(
            lambda: self._service.preview(file, counter.report), done, failed, kind="import"
        )

    def _review(self, preview: ImportPreview) -> None:
        if not preview.recipes:
            problems = "\n".join(p.text() for p in preview.problems)
            show_error(self._parent, "Import recipes", f"No recipe could be read.\n\n{problems}")
            return
        dialog = RecipeImportDialog(
            self._service, self._search, self._runner, preview, self._parent
        )
        dialog.imported.connect(self._imported)
        self.dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _imported(self, outcome: object) -> None:
        if not isinstance(outcome, ImportOutcome):
            return
        n = len(outcome.meal_ids)
        self.status_message.emit(
            f"Imported {n} recipe{'' if n == 1 else 's'} as your meals (Meals tab)."
        )
        self.meals_imported.emit(outcome)
