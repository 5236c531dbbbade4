"""The main window: the warfarin banner above every view, tabs, menus, status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from k2planner import APP_DISPLAY_NAME
from k2planner.domain.advice import Advice, vka_warning
from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.services.backup import BackupService
from k2planner.services.catalog import CatalogService
from k2planner.services.custom_foods import CustomFoodService
from k2planner.services.exporter import ExportService
from k2planner.services.importer import ImportService
from k2planner.services.planning import PlanningService, PlanOutcome
from k2planner.services.preferences import PreferencesService
from k2planner.services.recipe_import import RecipeImportService
from k2planner.services.shopping import ShoppingService
from k2planner.services.user_meals import UserMealService
from k2planner.ui.dialogs.about import AboutDialog
from k2planner.ui.dialogs.common import show_sources
from k2planner.ui.dialogs.settings import SettingsDialog
from k2planner.ui.dialogs.welcome import WelcomeDialog
from k2planner.ui.file_actions import EXPORTS, FileActions
from k2planner.ui.icons import app_icon
from k2planner.ui.recipe_actions import RecipeActions
from k2planner.ui.ui_state import UiState
from k2planner.ui.views.foods_view import FoodsView
from k2planner.ui.views.meals_view import MealsView
from k2planner.ui.views.plan_view import PlanView
from k2planner.ui.views.shopping_view import ShoppingListView
from k2planner.ui.widgets.banner import WarfarinBanner
from k2planner.ui.widgets.fit import fit_to_screen
from k2planner.ui.workers import BACKGROUND, TaskRunner


class MainWindow(QMainWindow):
    """The application window."""

    def __init__(
        self,
        *,
        catalog: CatalogService,
        planning: PlanningService,
        preferences: PreferencesService,
        custom_foods: CustomFoodService,
        user_meals: UserMealService,
        shopping: ShoppingService,
        importer: ImportService,
        exporter: ExportService,
        backups: BackupService,
        recipes: RecipeImportService,
        runner: TaskRunner,
        ui_state: UiState,
        resources: Path,
        db_path: Path | None,
        on_closed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._on_closed = on_closed
        self._catalog = catalog
        self._planning = planning
        self._prefs = preferences
        self._runner = runner
        self._ui_state = ui_state
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setWindowIcon(app_icon(resources))
        fit_to_screen(self, QSize(1320, 860))

        self.banner = WarfarinBanner()
        self.banner.sources_requested.connect(self._banner_sources)
        self.plan_view = PlanView(planning, preferences, runner, ui_state)
        self.foods_view = FoodsView(catalog, custom_foods, preferences, runner, ui_state)
        self.meals_view = MealsView(catalog, user_meals, preferences, ui_state)
        self.shopping_view = ShoppingListView(shopping, ui_state)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.plan_view, "Plan")
        self.tabs.addTab(self.shopping_view, "Shopping list")
        self.tabs.addTab(self.foods_view, "Foods")
        self.tabs.addTab(self.meals_view, "Meals")
        self.tabs.currentChanged.connect(self._tab_changed)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setVisible(False)
        self.db_label = QLabel(f"Database: {db_path}" if db_path else "")
        self.statusBar().addPermanentWidget(self.db_label)
        self.statusBar().addPermanentWidget(self.busy)
        runner.busy_changed.connect(self.busy.setVisible)
        self.plan_view.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.shopping_view.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.plan_view.plan_changed.connect(self._plan_changed)
        self.foods_view.foods_changed.connect(self.meals_view.reload)
        self.files = FileActions(importer, exporter, backups, runner, self)
        self.files.status_message.connect(lambda m: self.statusBar().showMessage(m, 12000))
        self.files.data_changed.connect(self._imported)
        self.files.database_replaced.connect(self._database_replaced)
        self.recipes = RecipeActions(
            recipes,
            lambda q: [(f.id, f.name) for f in catalog.search_foods(q)],
            runner,
            self,
        )
        self.recipes.status_message.connect(lambda m: self.statusBar().showMessage(m, 12000))
        self.recipes.meals_imported.connect(self._recipes_imported)
        self.foods_view.preferences_changed.connect(self._preferences_changed_elsewhere)
        self.meals_view.preferences_changed.connect(self._preferences_changed_elsewhere)
        self.meals_view.meals_changed.connect(self._meals_changed)
        # The unit tables take a quarter of a second to load: do it now, off the GUI thread,
        # before the first plan's shopping list needs them.
        runner.run(shopping.warm_up, lambda _result: None, lambda _exc, _tb: None, kind=BACKGROUND)
        self._build_menus()
        self._refresh_banner(preferences.load())
        ui_state.restore_window("main", self)
        self.plan_view.restore_state()
        self.foods_view.restore_state()
        self.meals_view.restore_state()

    # ------------------------------------------------------------------ menus
    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[..., object],
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        # triggered(bool) would hand ``checked`` to the slot as its first argument (a path,
        # for the file actions): call the slot with no arguments instead.
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&Import foods…", self.files.import_file, "Ctrl+I")
        self._action(file_menu, "Import FoodData Central &folder…", self.files.import_fdc_folder)
        self._action(file_menu, "Import &recipes…", self.recipes.import_recipes, "Ctrl+Shift+I")
        export = file_menu.addMenu("&Export")
        for kind in EXPORTS:
            self._action(export, kind.label, lambda k=kind: self.files.export(k))
        file_menu.addSeparator()
        self._action(file_menu, "&Back up database…", self.files.backup, "Ctrl+B")
        self._action(file_menu, "&Restore backup…", self.files.restore)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        plan = bar.addMenu("&Plan")
        self.generate_action = self._action(
            plan, "&Generate / Regenerate week", self.plan_view.regenerate, "Ctrl+R"
        )
        self.generate_action.setShortcuts([QKeySequence("Ctrl+R"), QKeySequence("Ctrl+G")])
        day_again = self.plan_view.regenerate_day_action
        plan.addAction(day_again)
        self._action(plan, "&History of this week…", self.plan_view.show_history, "Ctrl+H")
        plan.addSeparator()
        self._action(plan, "&Previous week", self.plan_view.prev_button.click, "Alt+Left")
        self._action(plan, "&Next week", self.plan_view.next_button.click, "Alt+Right")
        self._action(plan, "&This week", self.plan_view.today_button.click, "Alt+Home")
        plan.addSeparator()
        self._action(
            plan,
            "Print shopping list (preview)…",
            self._print_preview,
            QKeySequence.StandardKey.Print,
        )
        self._action(plan, "Save shopping list as PDF…", self._save_list_pdf, "Ctrl+Shift+S")
        self._action(plan, "Save weekly pack as PDF…", self._save_pack, "Ctrl+Shift+P")
        self._action(plan, "Copy shopping list", self._copy_list, "Ctrl+Shift+C")
        edit = bar.addMenu("&Edit")
        edit.addAction(self.plan_view.undo.undo_action)
        edit.addAction(self.plan_view.undo.redo_action)
        edit.addSeparator()
        settings = self._action(edit, "&Settings…", self.open_settings)
        # StandardKey.Preferences is empty on most Linux desktops: add Ctrl+, everywhere.
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        comma = QKeySequence("Ctrl+,")
        settings.setShortcuts(keys if comma in keys else [*keys, comma])
        self._action(edit, "Add &food…", self._add_food, "Ctrl+Shift+F")
        self._action(edit, "New &meal…", self._new_meal, "Ctrl+Shift+M")
        view = bar.addMenu("&View")
        for i, name in enumerate(("&Plan", "&Shopping list", "&Foods", "&Meals")):
            self._action(view, name, lambda i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
        self._action(view, "&Find food", self._find_food, QKeySequence.StandardKey.Find)
        help_menu = bar.addMenu("&Help")
        self._action(
            help_menu,
            "&About and sources…",
            lambda: AboutDialog(self).exec(),
            QKeySequence.StandardKey.HelpContents,
        )

    # ------------------------------------------------------------------ behaviour
    def start(self) -> None:
        """First start asks the three questions and plans a week; later starts show it."""
        prefs = self._prefs.load()
        if not prefs.first_run_done:
            answers = WelcomeDialog.ask(self, prefs)
            prefs = answers or prefs.with_changes(first_run_done=True)
            self._prefs.save(prefs)
            self._refresh_banner(prefs)
            self.plan_view.show_week(self.plan_view.start)
            self.plan_view.regenerate()
            return
        self.plan_view.show_week(self.plan_view.start)

    def open_settings(self) -> None:
        """Edit the preferences; the week is planned again when they change."""
        prefs = self._prefs.load()
        cat = self._planning.catalogue()
        meal_names = {m.id: m.name for m in cat.meals.values()}
        foods = self._catalog.foods(prefs.excluded_food_ids | prefs.less_food_ids)
        food_names = {i: f.name for i, f in foods.items()}
        new = SettingsDialog.ask(self, prefs, meal_names, food_names)
        if new is None or new == prefs:
            return
        self._prefs.save(new)
        self._refresh_banner(new)
        self.meals_view.reload()
        self.plan_view.regenerate()

    def _preferences_changed_elsewhere(self) -> None:
        self._refresh_banner(self._prefs.load())
        self.statusBar().showMessage("Saved. Regenerate (Ctrl+R) to apply it to the week.", 6000)

    def _refresh_banner(self, prefs: Preferences) -> None:
        advice = vka_warning(prefs) if prefs.anticoagulant is Anticoagulant.VKA else None
        self.banner.set_advice(advice)

    def _plan_changed(self, outcome: object) -> None:
        if isinstance(outcome, PlanOutcome):
            self._refresh_banner(outcome.prefs)
            self.shopping_view.set_outcome(outcome)
        else:
            self.shopping_view.set_outcome(None)

    def _imported(self) -> None:
        self.meals_view.reload()
        self.foods_view.reload()
        self.tabs.setCurrentWidget(self.foods_view)

    def _meals_changed(self) -> None:
        """Meals were added, edited or deleted: the shown week reads them again, so Swap…
        offers the new ones and the week's figures use the edited ones."""
        self.plan_view.show_week(self.plan_view.start)

    def _recipes_imported(self, outcome: object) -> None:
        """Show the new meals in the Meals tab, the first one selected."""
        self._meals_changed()
        self.meals_view.reload()
        self.tabs.setCurrentWidget(self.meals_view)
        ids = getattr(outcome, "meal_ids", ())
        if ids:
            self.meals_view.select_meal(ids[0])

    def _database_replaced(self) -> None:
        self._refresh_banner(self._prefs.load())
        self.plan_view.show_week(self.plan_view.start)
        self.foods_view.refresh()
        self.meals_view.reload()

    def _banner_sources(self, advice: object) -> None:
        if isinstance(advice, Advice):
            show_sources(self, advice.title, advice.sources)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.foods_view:
            self.foods_view.ensure_loaded()
        elif self.tabs.widget(index) is self.meals_view:
            self.meals_view.reload()

    def _print_preview(self) -> None:
        self.tabs.setCurrentWidget(self.shopping_view)
        self.shopping_view.print_preview()

    def _save_list_pdf(self) -> None:
        self.tabs.setCurrentWidget(self.shopping_view)
        self.shopping_view.save_pdf()

    def _save_pack(self) -> None:
        self.tabs.setCurrentWidget(self.shopping_view)
        self.shopping_view.save_pack()

    def _copy_list(self) -> None:
        self.shopping_view.copy()

    def _add_food(self) -> None:
        self.tabs.setCurrentWidget(self.foods_view)
        self.foods_view.add_food()

    def _new_meal(self) -> None:
        self.tabs.setCurrentWidget(self.meals_view)
        self.meals_view.new_meal()

    def _find_food(self) -> None:
        self.tabs.setCurrentWidget(self.foods_view)
        self.foods_view.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.foods_view.search.selectAll()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ui_state.save_window("main", self)
        self.plan_view.save_state()
        self.foods_view.save_state()
        self.meals_view.save_state()
        self._ui_state.sync()
        self._runner.wait(15000)
        super().closeEvent(event)
        if self._on_closed is not None:
            self._on_closed()
            self._on_closed = None
