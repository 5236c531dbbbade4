"""The main screen: the week grid, day totals, chart and advice.

Slots here only read the user's action, call one service method (solving runs on a worker)
and show the result.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k2planner.domain.advice import Advice
from k2planner.domain.goals import band as goal_band
from k2planner.domain.judge import judge_day
from k2planner.domain.planner.types import Mode, proof_text
from k2planner.domain.preferences import Anticoagulant, Preferences, monday_of
from k2planner.services.plan_edits import (
    keep_as_current,
    locks_of,
    regenerate_day,
    restore_plan,
    week_history,
)
from k2planner.services.planning import (
    PlanningService,
    PlanOutcome,
    day_label,
)
from k2planner.services.preferences import PreferencesService
from k2planner.ui.dialogs.common import show_error, show_sources
from k2planner.ui.dialogs.plan_history import PlanHistoryDialog
from k2planner.ui.models.plan_model import CellKind, GridCell, WeekGridModel
from k2planner.ui.plan_undo import PlanUndo
from k2planner.ui.ui_state import UiState
from k2planner.ui.views.plan_cells import PlanCellActions
from k2planner.ui.widgets.advice_panel import AdvicePanel
from k2planner.ui.widgets.cell_delegate import PlanCellDelegate
from k2planner.ui.widgets.chart import DayChart
from k2planner.ui.workers import TaskRunner

PLAN_TASK = "plan"


class PlanView(QWidget, PlanCellActions):
    """The week plan.

    Signals:
        plan_changed(object): the shown plan changed (a PlanOutcome, or None for an empty week).
        status_message(str): a short message for the status bar.
    """

    plan_changed = Signal(object)
    status_message = Signal(str)

    def __init__(
        self,
        planning: PlanningService,
        preferences: PreferencesService,
        runner: TaskRunner,
        ui_state: UiState,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._planning = planning
        self._prefs = preferences
        self._runner = runner
        self._ui_state = ui_state
        self._start = monday_of(dt.date.today())

        self.prev_button = QPushButton("◀ Previous week")
        self.next_button = QPushButton("Next week ▶")
        self.today_button = QPushButton("This week")
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        self.week_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.generate_button = QPushButton("Generate week")
        self.generate_button.setObjectName("generate")
        self.generate_button.setDefault(True)
        self.prev_button.clicked.connect(lambda: self.show_week(self._start - dt.timedelta(7)))
        self.next_button.clicked.connect(lambda: self.show_week(self._start + dt.timedelta(7)))
        self.today_button.clicked.connect(lambda: self.show_week(monday_of(dt.date.today())))
        self.generate_button.clicked.connect(self.regenerate)
        top = QHBoxLayout()
        for w in (self.prev_button, self.week_label, self.next_button, self.today_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.summary)
        top.addWidget(self.generate_button)

        self.model = WeekGridModel()
        self.grid = QTableView()
        self.grid.setObjectName("weekGrid")
        self.grid.setModel(self.model)
        self.delegate = PlanCellDelegate(self.grid)
        self.grid.setItemDelegate(self.delegate)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setWordWrap(True)
        self.grid.setShowGrid(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._context_menu)
        self.grid.doubleClicked.connect(self._double_clicked)
        self.delegate.lock_clicked.connect(self.toggle_lock)
        self.grid.setToolTip("")

        empty = QWidget()
        el = QVBoxLayout(empty)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        big = QPushButton("Generate this week")
        big.setObjectName("generateEmpty")
        big.clicked.connect(self.regenerate)
        el.addStretch(1)
        el.addWidget(self.empty_label)
        el.addWidget(big, 0, Qt.AlignmentFlag.AlignHCenter)
        el.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(self.grid)

        self.chart = DayChart()
        self.advice = AdvicePanel()
        self.advice.sources_requested.connect(self._show_sources)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.chart)
        bottom.addWidget(self.advice)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 250])
        bottom.setSizes([760, 480])
        self.bottom_splitter = bottom
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.details_action = QAction("Details…", self)
        self.details_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        self.details_action.triggered.connect(lambda: self._on_current(self.show_details))
        self.swap_action = QAction("Swap…", self)
        self.swap_action.setShortcut(QKeySequence("Ctrl+W"))
        self.swap_action.triggered.connect(lambda: self._on_current(self.swap))
        self.lock_action = QAction("Lock / unlock", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self._on_current(self.toggle_lock))
        self.clear_action = QAction("Clear slot", self)
        self.clear_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.clear_action.triggered.connect(lambda: self._on_current(self.clear))
        for a in (self.details_action, self.swap_action, self.lock_action, self.clear_action):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.grid.addAction(a)
        self.regenerate_day_action = QAction("Plan this day again", self)
        self.regenerate_day_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.regenerate_day_action.triggered.connect(lambda: self._on_current(self.regenerate_day))
        self.grid.addAction(self.regenerate_day_action)
        self.undo = PlanUndo(self._apply_from_history, self)
        runner.kind_busy_changed.connect(self._kind_busy)
        self._outcome: PlanOutcome | None = None

    # ------------------------------------------------------------------ state
    @property
    def outcome(self) -> PlanOutcome | None:
        """The plan shown."""
        return self._outcome

    @property
    def start(self) -> dt.date:
        """The first day of the week shown."""
        return self._start

    def show_week(self, start: dt.date) -> None:
        """Show the newest stored plan of the week starting ``start`` (or the empty state)."""
        if start != self._start:
            self.undo.clear()
        self._start = start
        self._show(self._planning.load_for_start(start))

    def _edited(self, new: PlanOutcome, text: str) -> None:
        """Show an edit that is already stored, and make it undoable."""
        before = self._outcome
        self._show(new)
        self.undo.record(before, new, text)

    def _apply_from_history(self, outcome: PlanOutcome, note: str) -> None:
        """Undo / redo / restore: the week as it was, stored again as the newest plan."""
        self._start = outcome.start
        self._show(keep_as_current(self._planning, outcome, note))
        self.status_message.emit(note[:1].upper() + note[1:])

    def show_history(self) -> None:
        """List the week's earlier plans; restore the one the user picks."""
        plans = week_history(self._planning, self._start)
        title = f"Plans of the week of {self._start:%d %B %Y}"
        chosen = PlanHistoryDialog.ask(self, title, plans, self._planning.load)
        if chosen is not None:
            self.restore(chosen)

    def restore(self, plan_id: int) -> None:
        """Make an earlier plan of this week current again (undoable)."""
        self._edited(restore_plan(self._planning, plan_id), f"restore plan #{plan_id}")

    def _labels(self, prefs: Preferences) -> list[str]:
        return [day_label(self._start + dt.timedelta(days=d)) for d in range(prefs.days)]

    def _show(self, outcome: PlanOutcome | None) -> None:
        self._outcome = outcome
        prefs = outcome.prefs if outcome else self._prefs.load()
        end = self._start + dt.timedelta(days=prefs.days - 1)
        self.week_label.setText(f"{self._start:%a %d %b} – {end:%a %d %b %Y}")
        labels = list(outcome.day_labels) if outcome else self._labels(prefs)
        current = self.grid.currentIndex()
        where = (current.row(), current.column()) if current.isValid() else None
        self.model.set_outcome(outcome, prefs.slots, labels)
        if (
            where is not None
            and where[0] < self.model.rowCount()
            and where[1] < (self.model.columnCount())
        ):
            # the model was reset: keep the keyboard where the user was (after a swap, …)
            self.grid.setCurrentIndex(self.model.index(*where))
        self.stack.setCurrentIndex(1 if outcome else 0)
        self.generate_button.setText("Regenerate" if outcome else "Generate week")
        self.empty_label.setText(
            f"No plan for the week of {self._start:%d %B %Y} yet.\nGenerate one: it takes "
            "about a second."
        )
        if outcome is None:
            self.chart.show_days([], [], target=None, band=None)
            self.advice.set_advice([])
            self.summary.setText("")
        else:
            self._show_figures(outcome)
        self.plan_changed.emit(outcome)

    def _show_figures(self, o: PlanOutcome) -> None:
        p = o.prefs
        short = [lbl.split()[0] for lbl in o.day_labels]
        verdicts = [judge_day(d, p) for d in o.details.days]
        vka_mode = p.anticoagulant is Anticoagulant.VKA
        if p.anticoagulant is Anticoagulant.VKA:
            band = goal_band(p.vk_baseline_ug, p.vk_band_ug)
            self.chart.show_days(short, o.details.days, target=None, band=band)
            off = sum(1 for v in verdicts if not v.ok)
            self.summary.setText(
                f"Vitamin K {o.details.average_vitamin_k_ug():.0f} µg/day on average · "
                + ("every day in your band" if not off else f"{off} day(s) outside your rules")
            )
        else:
            self.chart.show_days(short, o.details.days, target=p.k2_target_ug, band=None)
            met = sum(1 for v in verdicts if v.ok)
            who = "" if o.details.person is None else f" ({p.people[o.details.person].name})"
            self.summary.setText(
                f"K2 {o.details.average_k2_ug():.0f} µg/day on average{who} (days "
                f"{min(d.k2.total_ug for d in o.details.days):.0f}–"
                f"{max(d.k2.total_ug for d in o.details.days):.0f}) · {met} of "
                f"{len(o.details.days)} days reach {p.k2_target_ug:.0f} µg · "
                f"{o.result.status.value}"
            )
        self.summary.setToolTip(
            "How the plan was found: "
            + proof_text(o.result, Mode.CONSISTENCY if vka_mode else Mode.K2_TARGET, p.days)
        )
        self.advice.set_advice(o.advice)

    # ------------------------------------------------------------------ actions
    def regenerate(self) -> None:
        """Plan the week again on a worker; locked slots stay."""
        if self._runner.busy_with(PLAN_TASK):
            return
        prefs = self._prefs.load()
        locks = locks_of(self._outcome) if self._outcome else ()
        start = self._start
        self.status_message.emit("Planning your week…")

        def work() -> PlanOutcome:
            return self._planning.generate(prefs, locks=locks, start=start)

        self._runner.run(work, self._generated, self._failed, kind=PLAN_TASK)

    def regenerate_day(self, row: int, column: int) -> None:
        """Plan one day again on a worker; the other days and the locks stay."""
        outcome = self._outcome
        if outcome is None or self._runner.busy_with(PLAN_TASK) or column >= outcome.prefs.days:
            return
        self.status_message.emit(f"Planning {outcome.day_labels[column]} again…")

        def work() -> PlanOutcome:
            return regenerate_day(self._planning, outcome, column)

        self._runner.run(work, self._generated, self._failed, kind=PLAN_TASK)

    def _generated(self, outcome: object) -> None:
        assert isinstance(outcome, PlanOutcome)
        if outcome.start != self._start:
            return
        if not outcome.assignments:
            show_error(self, "No plan", outcome.result.message or "No plan could be made.")
            self.status_message.emit("No plan: " + outcome.result.message)
            return
        text = outcome.result.message or "regenerate"
        self._edited(outcome, text if "again" in text else "regenerate")
        what = text if "again" in text else "Week planned"
        self.status_message.emit(
            f"{what} in {outcome.result.seconds:.2f} s ({outcome.result.status.value})"
        )

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.status_message.emit("Planning failed")
        show_error(self, "Planning failed", f"The week could not be planned: {exc}", tb)

    def _kind_busy(self, kind: str, busy: bool) -> None:
        if kind == PLAN_TASK:
            self._busy(busy)

    def _busy(self, busy: bool) -> None:
        self.generate_button.setEnabled(not busy)
        if busy:
            self.generate_button.setText("Planning…")
        else:
            self.generate_button.setText("Regenerate" if self._outcome else "Generate week")

    def _cell(self, row: int, column: int) -> GridCell | None:
        return self.model.cell(row, column)

    def _on_current(self, fn: object) -> None:
        idx = self.grid.currentIndex()
        if idx.isValid():
            fn(idx.row(), idx.column())  # type: ignore[operator]

    def _double_clicked(self, index: QModelIndex) -> None:
        self.show_details(index.row(), index.column())

    def _context_menu(self, pos: QPoint) -> None:
        index = self.grid.indexAt(pos)
        cell = self._cell(index.row(), index.column()) if index.isValid() else None
        if cell is None or cell.slot is None:
            return
        self.grid.setCurrentIndex(index)
        menu = QMenu(self)
        if cell.kind is CellKind.MEAL:
            menu.addAction(self.details_action)
            menu.addAction(self.swap_action)
            self.lock_action.setText("Unlock" if cell.locked else "Lock")
            menu.addAction(self.lock_action)
            menu.addAction(self.clear_action)
            menu.addSeparator()
            menu.addAction(self.regenerate_day_action)
        else:
            menu.addAction("Choose a meal…", lambda: self.swap(index.row(), index.column()))
        menu.exec(self.grid.viewport().mapToGlobal(pos))

    def _show_sources(self, advice: object) -> None:
        if isinstance(advice, Advice):
            show_sources(self, advice.title, advice.sources)

    def save_state(self) -> None:
        """Remember splitter sizes."""
        self._ui_state.save_splitter("plan/main", self.splitter)
        self._ui_state.save_splitter("plan/bottom", self.bottom_splitter)

    def restore_state(self) -> None:
        """Restore splitter sizes."""
        self._ui_state.restore_splitter("plan/main", self.splitter)
        self._ui_state.restore_splitter("plan/bottom", self.bottom_splitter)
