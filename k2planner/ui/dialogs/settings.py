"""Settings: every plan-affecting preference."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from k2planner.domain.household import parse_people
from k2planner.domain.meals import SLOT_ORDER
from k2planner.domain.preferences import Preferences, Units
from k2planner.ui.dialogs.common import AnticoagulantPicker, RestrictionPicker, show_error
from k2planner.ui.widgets.fit import fit_to_screen, scrolling
from k2planner.ui.widgets.may_contain import MayContainPicker


def _spin(lo: float, hi: float, value: float, suffix: str, step: float = 10) -> QDoubleSpinBox:
    s = QDoubleSpinBox()
    s.setRange(lo, hi)
    s.setDecimals(0)
    s.setSingleStep(step)
    s.setSuffix(suffix)
    s.setValue(value)
    return s


class SettingsDialog(QDialog):
    """All preferences in tabs; OK validates before closing."""

    def __init__(
        self,
        prefs: Preferences,
        meal_names: Mapping[int, str],
        food_names: Mapping[int, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        fit_to_screen(self, QSize(600, 620))
        self._prefs = prefs
        self._result: Preferences | None = None
        tabs = QTabWidget()

        goal = QWidget()
        f = QFormLayout(goal)
        self.target = _spin(1, 1000, prefs.k2_target_ug, " µg/day", 5)
        self.target.setObjectName("target")
        f.addRow("K2 target:", self.target)
        note = QLabel(
            "There is no official K2 recommendation; 90 µg is the US Adequate Intake "
            "for total vitamin K for women."
        )
        note.setWordWrap(True)
        f.addRow("", note)
        self.energy_min = _spin(500, 6000, prefs.energy_min_kcal, " kcal", 50)
        self.energy_max = _spin(500, 6000, prefs.energy_max_kcal, " kcal", 50)
        row = QHBoxLayout()
        row.addWidget(self.energy_min)
        row.addWidget(QLabel("to"))
        row.addWidget(self.energy_max)
        f.addRow("Calories a day:", row)
        cal = QLabel(
            "Keeps portions sensible. When you plan fewer meals a day, the range is "
            "scaled to the meals you plan. When you name people (Week tab), each person's "
            "own energy target is used instead, ±10 %."
        )
        cal.setWordWrap(True)
        f.addRow("", cal)
        self.count_imputed = QCheckBox("Count K2 imputed from a measured relative food")
        self.count_imputed.setObjectName("countImputed")
        self.count_imputed.setChecked(prefs.count_imputed_k2)
        self.count_imputed.setToolTip(
            "Some foods have no K2 measurement; their K2 is taken from a measured relative "
            "(egg noodles from egg, ricotta from milk), marked 'imputed'. Untick to count "
            "measured values only."
        )
        f.addRow("", self.count_imputed)
        tabs.addTab(scrolling(goal), "Goal")

        diet = QWidget()
        dl = QVBoxLayout(diet)
        self.restrictions = RestrictionPicker(prefs.restrictions)
        dl.addWidget(self.restrictions)
        self.may_contain = MayContainPicker(prefs.may_contain_excludes)
        dl.addWidget(self.may_contain)
        listed = QLabel(
            "Excluded foods and meals, and foods to plan less of (add them from the Foods "
            "and Meals tabs):"
        )
        listed.setWordWrap(True)
        dl.addWidget(listed)
        self.exclusions = QListWidget()
        self.exclusions.setObjectName("exclusions")
        for fid in sorted(prefs.excluded_food_ids):
            self._add_item(f"Food: {food_names.get(fid, f'#{fid}')}", ("food", fid))
        for mid in sorted(prefs.excluded_meal_ids):
            self._add_item(f"Meal: {meal_names.get(mid, f'#{mid}')}", ("meal", mid))
        for fid in sorted(prefs.less_food_ids):
            self._add_item(f"Less of: {food_names.get(fid, f'#{fid}')}", ("less-food", fid))
        for mid in sorted(prefs.less_meal_ids):
            self._add_item(f"Less of: {meal_names.get(mid, f'#{mid}')}", ("less-meal", mid))
        dl.addWidget(self.exclusions)
        remove = QPushButton("Remove selected")
        remove.clicked.connect(self._remove_exclusion)
        dl.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        tabs.addTab(scrolling(diet), "Diet")

        week = QWidget()
        wf = QFormLayout(week)
        self.household = QSpinBox()
        self.household.setRange(1, 50)
        self.household.setValue(prefs.household_size)
        self.household.valueChanged.connect(
            lambda n: self.household.setSuffix(" person" if n == 1 else " people")
        )
        self.household.setSuffix(" person" if prefs.household_size == 1 else " people")
        self.household.setToolTip("People to shop for, all eating the same servings")
        wf.addRow("Household:", self.household)
        self.people = QLineEdit(", ".join(f"{x.name}:{x.energy_kcal:g}" for x in prefs.people))
        self.people.setObjectName("people")
        self.people.setPlaceholderText("e.g. Ana:2000, Ben:2600 — empty: one person")
        self.people.setToolTip(
            "Name each person with their daily energy target in kcal. Each gets their own "
            "servings (in half-serving steps) so their day lands within ±10 % of their target; "
            "the shopping list adds them up. Empty: the household size above, one serving each."
        )
        self.people.textChanged.connect(self._people_changed)
        wf.addRow("People (name:kcal):", self.people)
        self._people_changed(self.people.text())
        self.slot_boxes = {}
        slots_row = QHBoxLayout()
        for s in SLOT_ORDER:
            box = QCheckBox(s.label)
            box.setChecked(s in prefs.slots)
            self.slot_boxes[s] = box
            slots_row.addWidget(box)
        wf.addRow("Meals each day:", slots_row)
        self.max_uses = QSpinBox()
        self.max_uses.setRange(1, 7)
        self.max_uses.setValue(prefs.max_uses_per_week)
        self.max_uses.setSuffix(" times a week")
        wf.addRow("A meal at most:", self.max_uses)
        self.natto = QSpinBox()
        self.natto.setObjectName("nattoPerWeek")
        self.natto.setRange(0, 14)
        self.natto.setValue(prefs.natto_meals_per_week)
        self.natto.setSpecialValueText("never")
        self.natto.setSuffix(" meals a week")
        self.natto.setToolTip(
            "Meals with natto (or another MK-7-rich food): at most one a day, and at most this "
            "many a week. 0 = never."
        )
        wf.addRow("Natto at most:", self.natto)
        self.consecutive = QCheckBox("Allow the same meal on two days in a row")
        self.consecutive.setChecked(prefs.allow_consecutive_days)
        wf.addRow("", self.consecutive)
        tabs.addTab(scrolling(week), "Week")

        anti = QWidget()
        al = QVBoxLayout(anti)
        self.anticoagulant = AnticoagulantPicker(prefs)
        al.addWidget(self.anticoagulant)
        al.addStretch(1)
        tabs.addTab(scrolling(anti), "Anticoagulant")

        display = QWidget()
        df = QFormLayout(display)
        self.units = QComboBox()
        self.units.addItem("Metric (g, kg, ml)", Units.METRIC.value)
        self.units.addItem("Imperial (oz, lb)", Units.IMPERIAL.value)
        self.units.setCurrentIndex(0 if prefs.units is Units.METRIC else 1)
        df.addRow("Units:", self.units)
        tabs.addTab(scrolling(display), "Display")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.tabs = tabs

    def _add_item(self, text: str, data: tuple[str, int]) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        self.exclusions.addItem(item)

    def _remove_exclusion(self) -> None:
        for item in self.exclusions.selectedItems():
            self.exclusions.takeItem(self.exclusions.row(item))

    def _people_changed(self, text: str) -> None:
        """Named people decide the household size; the spin box only counts when none are."""
        self.household.setEnabled(not text.strip())

    def _exclusion_ids(self, kind: str) -> frozenset[int]:
        out = set()
        for i in range(self.exclusions.count()):
            k, ident = self.exclusions.item(i).data(Qt.ItemDataRole.UserRole)
            if k == kind:
                out.add(int(ident))
        return frozenset(out)

    def preferences(self) -> Preferences:
        """The edited preferences (raises ValueError with a readable message)."""
        return self._prefs.with_changes(
            k2_target_ug=self.target.value(),
            energy_min_kcal=self.energy_min.value(),
            energy_max_kcal=self.energy_max.value(),
            restrictions=self.restrictions.value(),
            may_contain_excludes=self.may_contain.value(),
            excluded_food_ids=self._exclusion_ids("food"),
            excluded_meal_ids=self._exclusion_ids("meal"),
            less_food_ids=self._exclusion_ids("less-food"),
            less_meal_ids=self._exclusion_ids("less-meal"),
            household_size=self.household.value(),
            people=parse_people(self.people.text()) if self.people.text().strip() else (),
            slots=tuple(s for s, b in self.slot_boxes.items() if b.isChecked()),
            max_uses_per_week=self.max_uses.value(),
            allow_consecutive_days=self.consecutive.isChecked(),
            count_imputed_k2=self.count_imputed.isChecked(),
            natto_meals_per_week=self.natto.value(),
            **self.anticoagulant.changes(),
            units=Units(self.units.currentData()),
        )

    def _accept(self) -> None:
        try:
            self._result = self.preferences()
        except ValueError as exc:
            show_error(self, "Settings", f"Please check: {exc}.")
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        prefs: Preferences,
        meal_names: Mapping[int, str],
        food_names: Mapping[int, str],
    ) -> Preferences | None:
        """Show the dialog; the new preferences, or None if cancelled."""
        dlg = cls(prefs, meal_names, food_names, parent)
        return dlg._result if dlg.exec() == QDialog.DialogCode.Accepted else None
