"""Composition root of the desktop app: database, services, QApplication, main window."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from k2planner import APP_DISPLAY_NAME, APP_NAME, __version__

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the first window is shown
    from sqlalchemy.engine import Engine

    from k2planner.services.backup import BackupService
    from k2planner.services.catalog import CatalogService
    from k2planner.services.custom_foods import CustomFoodService
    from k2planner.services.exporter import ExportService
    from k2planner.services.importer import ImportService
    from k2planner.services.planning import PlanningService
    from k2planner.services.preferences import PreferencesService
    from k2planner.services.recipe_import import RecipeImportService
    from k2planner.services.shopping import ShoppingService
    from k2planner.services.user_meals import UserMealService


@dataclass(frozen=True)
class Services:
    """Every service, built once over one engine."""

    catalog: CatalogService
    planning: PlanningService
    preferences: PreferencesService
    custom_foods: CustomFoodService
    user_meals: UserMealService
    shopping: ShoppingService
    importer: ImportService
    exporter: ExportService
    backups: BackupService
    recipes: RecipeImportService


def build_services(engine: Engine, keep_dir: Path) -> Services:
    """The services over ``engine``; restores keep the replaced database in ``keep_dir``."""
    from k2planner.services.backup import BackupService
    from k2planner.services.catalog import CatalogService
    from k2planner.services.custom_foods import CustomFoodService
    from k2planner.services.exporter import ExportService
    from k2planner.services.importer import ImportService
    from k2planner.services.planning import PlanningService
    from k2planner.services.preferences import PreferencesService
    from k2planner.services.recipe_import import RecipeImportService
    from k2planner.services.shopping import ShoppingService
    from k2planner.services.user_meals import UserMealService

    return Services(
        catalog=CatalogService(engine),
        planning=PlanningService(engine),
        preferences=PreferencesService(engine),
        custom_foods=CustomFoodService(engine),
        user_meals=UserMealService(engine),
        shopping=ShoppingService(engine),
        importer=ImportService(engine),
        exporter=ExportService(engine),
        backups=BackupService(engine, keep_dir),
        recipes=RecipeImportService(engine),
    )


def _db_argument(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--db="):
            return arg.split("=", 1)[1]
    return None


def create_window(db_path: Path, resources: Path) -> object:
    """Open the database and build the main window (a QApplication must exist)."""
    from k2planner.db.database import open_database
    from k2planner.db.engine import close_engine
    from k2planner.paths import data_dir
    from k2planner.ui.main_window import MainWindow
    from k2planner.ui.ui_state import UiState
    from k2planner.ui.workers import TaskRunner

    db = open_database(db_path, resources)
    keep_dir = (db.path.parent if db.path else data_dir()) / "backups"
    services = build_services(db.engine, keep_dir)
    window = MainWindow(
        catalog=services.catalog,
        planning=services.planning,
        preferences=services.preferences,
        custom_foods=services.custom_foods,
        user_meals=services.user_meals,
        shopping=services.shopping,
        importer=services.importer,
        exporter=services.exporter,
        backups=services.backups,
        recipes=services.recipes,
        runner=TaskRunner(),
        ui_state=UiState(data_dir() / "ui.ini"),
        resources=resources,
        db_path=db.path,
        on_closed=lambda: close_engine(db.engine),
    )
    # Move everything built so far out of the cyclic garbage collector's reach: a full
    # collection over these objects takes 30-50 ms with the GIL held, which a worker thread
    # would otherwise trigger in the middle of a solve and stall the GUI thread.
    gc.collect()
    gc.freeze()
    return window


def main(argv: Sequence[str] | None = None) -> int:
    """Start the desktop app: a window at once, then the database and the full window."""
    from PySide6.QtWidgets import QApplication

    from k2planner.paths import database_path, resources_dir
    from k2planner.ui.icons import app_icon
    from k2planner.ui.startup import StartupWindow

    args = list(sys.argv[1:] if argv is None else argv)
    from k2planner.display_probe import display_problem

    problem = display_problem()
    if problem:
        text = (
            f"cannot open a window: {problem}. Run it on a desktop, or use the command line "
            "(k2planner --help)."
        )
        print(f"k2planner: {text}", file=sys.stderr)
        if "plugin" in problem:  # a display works, Qt does not: say it on the screen too
            from k2planner.display_probe import tell_without_qt

            tell_without_qt(text)
        return 2
    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    resources = resources_dir()
    icon = app_icon(resources)
    app.setWindowIcon(icon)
    from k2planner.ui import error_hook

    error_hook.install()
    first = StartupWindow(icon)
    first.show()
    if os.environ.get("K2PLANNER_STARTUP_PROBE"):
        _probe_first_expose(first, app)
    outcome: dict[str, int] = {}

    def build() -> None:
        code = _open_main_window(first, database_path(_db_argument(args)), resources)
        if code:
            outcome["code"] = code
            QApplication.quit()

    first.painted.connect(build)
    code = int(app.exec())
    return outcome.get("code", code)


def _open_main_window(first: object, db_path: Path, resources: Path) -> int:
    """Open the database, build the main window in the first window's place, load the week.

    Returns 0, or 2 after telling the user why the database cannot be opened.
    """
    from PySide6.QtCore import QTimer

    from k2planner.db.migrate import DatabaseError
    from k2planner.ui.startup import StartupWindow

    assert isinstance(first, StartupWindow)
    from sqlalchemy.exc import OperationalError

    try:
        window = create_window(db_path, resources)
    except DatabaseError as exc:
        first.hide()
        _tell(str(exc))
        return 2
    except (OSError, OperationalError) as exc:  # read-only or missing folder, full disk …
        first.hide()
        reason = getattr(exc, "orig", None) or exc
        _tell(
            f"The database {db_path} could not be opened ({reason}). Check that the folder "
            f"{db_path.parent} exists, can be written and has free space, or start with "
            "another database: k2planner --db PATH. Nothing was changed.",
        )
        return 2
    first.hand_over(window)  # type: ignore[arg-type]
    # the stored plan is loaded once the window is on screen, not before
    QTimer.singleShot(0, window.start)  # type: ignore[attr-defined]
    return 0


def _tell(text: str) -> None:
    """A plain-text error box before any window exists."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, APP_DISPLAY_NAME, text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def _probe_first_expose(window: object, app: object) -> None:
    """For benchmarks/bench_startup.py: print "shown" when the window is first exposed, quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(window, QWidget) and isinstance(app, QApplication)

    class Probe(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Expose:
                print("shown", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    handle = window.windowHandle()
    probe = Probe(window)
    handle.installEventFilter(probe)
