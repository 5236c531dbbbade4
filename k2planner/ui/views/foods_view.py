"""The foods browser: search, filter, sort; every value with its provenance."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k2planner.db.repo_food_rows import FoodQuery
from k2planner.db.repo_foods import FoodRow
from k2planner.domain.diet import Restriction
from k2planner.domain.foods import Food
from k2planner.services.catalog import CatalogService
from k2planner.services.custom_foods import CustomFoodService
from k2planner.services.preferences import PreferencesService
from k2planner.ui.dialogs.common import show_error
from k2planner.ui.diet_text import flags_html
from k2planner.ui.models.foods_model import (
    SORT_KEYS,
    FoodPage,
    FoodsPagedModel,
    restriction_masks,
)
from k2planner.ui.models.small_models import FoodValuesModel
from k2planner.ui.ui_state import UiState
from k2planner.ui.views.food_actions import FoodEditActions
from k2planner.ui.views.food_values import value_rows
from k2planner.ui.workers import TaskRunner

FOODS_TASK = "foods"


class FoodsView(QWidget, FoodEditActions):
    """All foods.

    Signals:
        foods_changed(): the user added, edited or deleted a food.
        preferences_changed(): the user excluded a food.
    """

    foods_changed = Signal()
    preferences_changed = Signal()

    def __init__(
        self,
        catalog: CatalogService,
        custom: CustomFoodService,
        preferences: PreferencesService,
        runner: TaskRunner,
        ui_state: UiState,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._custom = custom
        self._prefs = preferences
        self._runner = runner
        self._ui_state = ui_state
        self._loaded = False
        self._columns_sized = False

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search foods, e.g. gouda aged")
        self.search.setClearButtonEnabled(True)
        self.group = QComboBox()
        self.group.setObjectName("group")
        self.group.addItem("All groups", "")
        self.k2_only = QCheckBox("Only foods with K2 data")
        self.k2_only.setObjectName("k2only")
        self.mine_only = QCheckBox("My foods")
        self.mine_only.setObjectName("mineOnly")
        self.mine_only.setToolTip("Only the foods you added or imported")
        self.diet = QComboBox()
        self.diet.addItem("Any diet", None)
        for r in Restriction:
            self.diet.addItem(r.label, r)
        self.count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.group, 1)
        filters.addWidget(self.diet)
        filters.addWidget(self.k2_only)
        filters.addWidget(self.mine_only)
        filters.addWidget(self.count)

        self.model = FoodsPagedModel(self._fetch_page, self._run_fetch)
        self.model.loaded.connect(self._first_page)
        self.table = QTableView()
        self.table.setObjectName("foodsTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        # a new query resets the rows: the detail must not show a food no longer listed
        self.model.modelReset.connect(lambda: self._selected(QItemSelection(), QItemSelection()))

        self.detail_head = QLabel("Select a food to see every value and where it comes from.")
        self.detail_head.setWordWrap(True)
        self.detail_head.setTextFormat(Qt.TextFormat.RichText)
        self.values = FoodValuesModel()
        self.values_view = QTableView()
        self.values_view.setModel(self.values)
        self.values_view.verticalHeader().hide()
        self.values_view.setWordWrap(False)
        self.values_view.horizontalHeader().setStretchLastSection(True)
        self.values_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.values_view.selectionModel().selectionChanged.connect(self._value_selected)
        self.value_source = QLabel()
        self.value_source.setObjectName("valueSource")
        self.value_source.setWordWrap(True)
        self.value_source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_extra = QLabel()
        self.detail_extra.setWordWrap(True)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.detail_head)
        dl.addWidget(self.values_view, 1)
        dl.addWidget(self.value_source)
        dl.addWidget(self.detail_extra)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([880, 420])

        self.add_button = QPushButton("Add food…")
        self.add_button.setObjectName("addFood")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.exclude_button = QPushButton("Exclude from plans")
        self.less_button = QPushButton("Plan less of it")
        self.less_button.setToolTip(
            "A soft dislike: meals with this food are planned only when they help clearly "
            "(Settings → Diet lists them)"
        )
        buttons = QHBoxLayout()
        for b, slot in (
            (self.add_button, self.add_food),
            (self.edit_button, self.edit_food),
            (self.delete_button, self.delete_food),
            (self.exclude_button, self.exclude_food),
            (self.less_button, self.less_of_food),
        ):
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.group.currentIndexChanged.connect(self._apply_filter)
        self.diet.currentIndexChanged.connect(self._apply_filter)
        self.k2_only.toggled.connect(self._apply_filter)
        self.mine_only.toggled.connect(self._apply_filter)
        self._current: Food | None = None
        self._select_after_load: int | None = None
        self._update_buttons()

    # ------------------------------------------------------------------ loading
    def ensure_loaded(self) -> None:
        """Load the rows on a worker the first time the view is shown."""
        if not self._loaded:
            self.reload()

    def refresh(self) -> None:
        """Reload if the foods were loaded before (cheap when the view was never shown)."""
        if self._loaded:
            self.reload()

    def reload(self) -> None:
        """Query the foods again (after an edit or import); pages come from a worker."""
        self._loaded = True
        self.count.setText("Loading foods…")
        self._runner.run(
            self._catalog.group_names,
            self._groups_loaded,
            lambda exc, tb: show_error(self, "Foods", f"The foods could not be loaded: {exc}", tb),
            kind=FOODS_TASK,
        )
        self._apply_filter()

    def _fetch_page(self, query: FoodQuery, offset: int, limit: int, count: bool) -> FoodPage:
        rows, total = self._catalog.food_page(query, offset, limit, count)
        return FoodPage(offset, tuple(rows), total)

    def _run_fetch(self, fn: Callable[[], object], done: Callable[[object], None]) -> None:
        self._runner.run(
            fn,
            done,
            lambda exc, tb: show_error(self, "Foods", f"The foods could not be loaded: {exc}", tb),
            kind=FOODS_TASK,
        )

    def _groups_loaded(self, result: object) -> None:
        assert isinstance(result, list)
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem("All groups", "")
        for g in result:
            self.group.addItem(str(g), g)
        self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.group.blockSignals(False)

    def _first_page(self, total: int) -> None:
        if not self._columns_sized:
            self._columns_sized = True
            if not self._ui_state.restore_header("foods/table-v2", self.table.horizontalHeader()):
                self.table.setColumnWidth(0, 300)
                self.table.setColumnWidth(1, 150)
                for c in range(2, self.model.columnCount()):
                    self.table.setColumnWidth(c, 86)
                self.table.setColumnWidth(self.model.column_index("Diet"), 170)
                self.table.setColumnWidth(self.model.columnCount() - 1, 140)
            self.table.horizontalHeader().setSortIndicator(
                SORT_KEYS.index(self.model.query.sort),
                Qt.SortOrder.DescendingOrder
                if self.model.query.descending
                else Qt.SortOrder.AscendingOrder,
            )
        mine = " of your own" if self.model.query.mine_only else ""
        self.count.setText(f"{total:,} foods{mine}" if total else f"No foods{mine} match")
        if self._select_after_load is not None:
            self.select_food(self._select_after_load)
            self._select_after_load = None

    def _apply_filter(self) -> None:
        self._timer.stop()
        self.count.setText("Searching…")
        old = self.model.query
        chosen = self.diet.currentData()  # a StrEnum comes back from Qt as a plain str
        forbidden, may_forbidden = restriction_masks(
            Restriction(chosen) if chosen else None, self._prefs.load().may_contain_excludes
        )
        self.model.set_query(
            FoodQuery(
                text=self.search.text(),
                group=str(self.group.currentData() or ""),
                k2_only=self.k2_only.isChecked(),
                forbidden=forbidden,
                may_forbidden=may_forbidden,
                mine_only=self.mine_only.isChecked(),
                sort=old.sort,
                descending=old.descending,
            )
        )

    # ------------------------------------------------------------------ detail
    def _selected(self, _sel: QItemSelection, _old: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row(rows[0]) if rows else None
        self._current = None
        if isinstance(row, FoodRow):
            self._current = self._catalog.foods([row.id]).get(row.id)
        self._show_detail()
        self._update_buttons()

    def select_food(self, food_id: int) -> None:
        """Select a food by id among the rows fetched (after adding it)."""
        for r, row in enumerate(self.model.rows):
            if row.id == food_id:
                self.table.selectRow(r)
                self.table.scrollTo(self.model.index(r, 0))
                return

    def _show_detail(self) -> None:
        f = self._current
        if f is None:
            self.detail_head.setText("Select a food to see every value and where it comes from.")
            self.values.set_rows([])
            self.detail_extra.setText("")
            return
        k2 = f.k2
        total = "unknown" if k2.total_ug is None else f"{k2.total_ug:.1f} µg"
        self.detail_head.setText(
            f"<b>{html.escape(f.name)}</b><br>{html.escape(f.group)} · {html.escape(f.source_id)}"
            f" · aisle: {html.escape(f.aisle)}<br>K2 per 100 g: <b>{total}</b> "
            f"({k2.coverage.value})"
        )
        self.values.set_rows(value_rows(f))
        self.values_view.resizeColumnsToContents()
        self.value_source.setText("Select a value to read its full source.")
        portions = ", ".join(p.label for p in f.portions[:6]) or "none"
        note = f"<br><i>{html.escape(f.note)}</i>" if f.note else ""
        self.detail_extra.setText(
            f"Measures: {html.escape(portions)}<br>{flags_html(f.diet)}{note}"
        )

    def _value_selected(self, _s: QItemSelection, _o: QItemSelection) -> None:
        rows = self.values_view.selectionModel().selectedRows()
        row = self.values.row(rows[0]) if rows else None
        if row is None:
            return
        self.value_source.setText(
            f"<b>{html.escape(row.label)}</b> – {html.escape(row.source)}"
            + (f" (tier: {html.escape(row.tier)})" if row.tier else "")
        )

    def _update_buttons(self) -> None:
        mine = self._current is not None and self._current.is_user
        self.edit_button.setEnabled(mine)
        self.delete_button.setEnabled(mine)
        self.exclude_button.setEnabled(self._current is not None)
        self.less_button.setEnabled(self._current is not None)

    def save_state(self) -> None:
        """Remember column widths and the splitter."""
        self._ui_state.save_header("foods/table-v2", self.table.horizontalHeader())
        self._ui_state.save_splitter("foods/splitter", self.splitter)

    def restore_state(self) -> None:
        """Restore the splitter (columns are restored when rows arrive)."""
        self._ui_state.restore_splitter("foods/splitter", self.splitter)
