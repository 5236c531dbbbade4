"""Views with fake services: plan view actions, banner, advice, dialogs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from k2planner.domain.advice import Kind, vka_warning
from k2planner.domain.diet import Contains, DietFlags, Restriction
from k2planner.domain.food_input import Severity
from k2planner.domain.meals import Slot
from k2planner.domain.nutrients import Nutrient
from k2planner.domain.planner.details import plan_details
from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.services.custom_foods import CustomFoodService
from k2planner.services.planning import PlanOutcome
from k2planner.ui.dialogs.food_editor import FoodEditorDialog, parse_number
from k2planner.ui.dialogs.row_flags import RowFlagsDialog
from k2planner.ui.dialogs.settings import SettingsDialog
from k2planner.ui.dialogs.welcome import WelcomeDialog
from k2planner.ui.models.plan_model import CellKind
from k2planner.ui.views.plan_view import PlanView
from k2planner.ui.widgets.advice_panel import AdvicePanel
from k2planner.ui.widgets.banner import WarfarinBanner
from k2planner.ui.workers import TaskRunner


class FakePlanning:
    """Stands in for PlanningService: returns a canned plan, records calls."""

    def __init__(self, outcome: PlanOutcome) -> None:
        self.outcome = outcome
        self.calls: list[tuple[str, Any]] = []

    def load_for_start(self, start: dt.date) -> PlanOutcome | None:
        self.calls.append(("load", start))
        return self.outcome if start == self.outcome.start else None

    def generate(self, prefs: Preferences, **kw: Any) -> PlanOutcome:
        self.calls.append(("generate", kw))
        return replace(self.outcome, start=kw["start"])

    def set_locked(self, outcome: PlanOutcome, day: int, slot: Slot, locked: bool) -> PlanOutcome:
        self.calls.append(("lock", (day, slot, locked)))
        a = outcome.result.at(day, slot)
        assert a is not None
        changed = tuple(replace(x, locked=locked) if x == a else x for x in outcome.assignments)
        cat = outcome.catalogue
        details = plan_details(changed, cat.meals, cat.foods, outcome.start, outcome.prefs.days)
        return replace(
            outcome, result=replace(outcome.result, assignments=changed), details=details
        )

    def replace_slot(
        self, outcome: PlanOutcome, day: int, slot: Slot, meal_id: Any, servings: float = 1.0
    ) -> PlanOutcome:
        self.calls.append(("replace", (day, slot, meal_id)))
        return outcome


class FakePrefs:
    def __init__(self, prefs: Preferences) -> None:
        self.prefs = prefs

    def load(self) -> Preferences:
        return self.prefs

    def save(self, prefs: Preferences) -> None:
        self.prefs = prefs


@pytest.fixture
def plan_view(qtbot, outcome: PlanOutcome, ui_state) -> tuple[PlanView, FakePlanning]:  # type: ignore[no-untyped-def]
    fake = FakePlanning(outcome)
    view = PlanView(fake, FakePrefs(outcome.prefs), TaskRunner(), ui_state)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show_week(outcome.start)
    return view, fake


def test_plan_view_shows_week(plan_view) -> None:  # type: ignore[no-untyped-def]
    """The stored week is shown with its totals and no supplement hint."""
    view, _ = plan_view
    assert view.stack.currentIndex() == 1
    assert "7 of 7 days" in view.summary.text()
    assert Kind.SUPPLEMENT_HINT not in view.advice.kinds()


def test_empty_week_state(plan_view, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A week without a plan shows the empty state with a Generate button."""
    view, _ = plan_view
    view.next_button.click()
    assert view.stack.currentIndex() == 0
    assert "No plan for the week" in view.empty_label.text()


def test_lock_click_toggles_lock(plan_view) -> None:  # type: ignore[no-untyped-def]
    """Clicking the padlock locks the meal via the service."""
    view, fake = plan_view
    view.delegate.lock_clicked.emit(1, 2)
    assert ("lock", (2, Slot.LUNCH, True)) in fake.calls
    cell = view.model.cell(1, 2)
    assert cell is not None and cell.locked


def test_regenerate_runs_on_worker(plan_view, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Regenerate calls the service off the GUI thread and shows the result."""
    view, fake = plan_view
    with qtbot.waitSignal(view.plan_changed, timeout=10000):
        view.regenerate()
    assert any(c[0] == "generate" for c in fake.calls)


def test_clear_slot(plan_view) -> None:  # type: ignore[no-untyped-def]
    """Clear removes the meal of the current slot."""
    view, fake = plan_view
    view.clear(0, 0)
    assert ("replace", (0, Slot.BREAKFAST, None)) in fake.calls


def test_warfarin_banner_persists(qtbot, vka_outcome: PlanOutcome) -> None:  # type: ignore[no-untyped-def]
    """The VKA banner can be folded, never hidden; folding keeps the instruction visible."""
    banner = WarfarinBanner()
    qtbot.addWidget(banner)
    banner.show()
    banner.set_advice(vka_warning(vka_outcome.prefs))
    assert banner.isVisible()
    banner._fold.click()
    assert banner.isVisible() and banner.folded
    assert "anticoagulation clinic" in banner.shown_text()
    banner.set_advice(vka_warning(vka_outcome.prefs))
    assert not banner.folded


def test_advice_panel_in_warfarin_mode(qtbot, vka_outcome: PlanOutcome) -> None:  # type: ignore[no-untyped-def]
    """No supplement hint anywhere in warfarin mode."""
    panel = AdvicePanel()
    qtbot.addWidget(panel)
    panel.set_advice(vka_outcome.advice)
    assert Kind.SUPPLEMENT_HINT not in panel.kinds()


def test_welcome_dialog_answers(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The welcome dialog turns the three answers into preferences."""
    dlg = WelcomeDialog(Preferences())
    qtbot.addWidget(dlg)
    dlg.target.setValue(120)
    dlg.restrictions.boxes[next(iter(dlg.restrictions.boxes))].setChecked(True)
    dlg.anticoagulant.buttons[Anticoagulant.VKA].setChecked(True)
    prefs = dlg.preferences()
    assert prefs.k2_target_ug == 120 and prefs.first_run_done
    assert prefs.anticoagulant is Anticoagulant.VKA and prefs.restrictions


def test_settings_dialog_validates(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Settings edit every preference and reject an empty slot list."""
    dlg = SettingsDialog(Preferences(excluded_meal_ids=frozenset({5})), {5: "Bolognese"}, {})
    qtbot.addWidget(dlg)
    assert dlg.exclusions.count() == 1
    dlg.household.setValue(4)
    assert dlg.preferences().household_size == 4
    assert dlg.natto.value() == 2 and dlg.natto.specialValueText() == "never"
    dlg.natto.setValue(0)
    assert dlg.preferences().natto_meals_per_week == 0
    for box in dlg.slot_boxes.values():
        box.setChecked(False)
    with pytest.raises(ValueError, match="slot"):
        dlg.preferences()


def test_food_editor_decimal_comma_and_unit_question(qtbot, seeded_engine) -> None:  # type: ignore[no-untyped-def]
    """Decimal commas parse; a K2 value in mg that is surely µg raises a question."""
    svc = CustomFoodService(seeded_engine)
    dlg = FoodEditorDialog(["Your foods"], svc.check)
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.name, "Farm Gouda")
    dairy = dlg.flags.boxes[Contains.DAIRY]
    assert dairy.checkState() == Qt.CheckState.Checked  # "Gouda" is cheese: contains dairy
    assert "dairy" in dairy.toolTip() or "cheese" in dairy.toolTip()
    dlg.flags.boxes[Contains.ANIMAL_ADDITIVE].setCheckState(Qt.CheckState.Unchecked)
    assert dlg.food_input().contains is not None  # the user's choice is kept
    dlg.values[Nutrient.ENERGY][0].setText("356,5")
    edit, unit = dlg.values[Nutrient.MK7]
    edit.setText("850")
    unit.setCurrentText("mg")
    food = dlg.food_input()
    assert food.values[Nutrient.ENERGY] == (356.5, "kcal")
    result = svc.check(food)
    assert [p.severity for p in result.problems] == [Severity.QUESTION]
    assert result.problems[0].suggestion == pytest.approx(850)
    assert parse_number("") is None


def test_grid_cells_are_meals_and_totals(plan_view) -> None:  # type: ignore[no-untyped-def]
    """The grid's last row holds day totals with a status."""
    view, _ = plan_view
    last = view.model.rowCount() - 1
    cells = [view.model.cell(last, c) for c in range(view.model.columnCount())]
    assert all(c is not None and c.kind is CellKind.TOTALS and c.status == "ok" for c in cells)
    header = view.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == view.outcome.day_labels[0]  # type: ignore[union-attr]


def test_settings_may_contain_policy_and_strict_vegetarian(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The Diet tab offers strict vegetarian, and per restriction whether "may contain"
    leaves a meal out (allergies ticked by default, diets not)."""
    dlg = SettingsDialog(Preferences(), {}, {})
    qtbot.addWidget(dlg)
    assert Restriction.STRICT_VEGETARIAN in dlg.restrictions.boxes
    assert dlg.count_imputed.isChecked()
    dlg.count_imputed.setChecked(False)
    assert dlg.preferences().count_imputed_k2 is False
    boxes = dlg.may_contain.boxes
    assert boxes[Restriction.NUT_FREE].isChecked() and not boxes[Restriction.VEGAN].isChecked()
    boxes[Restriction.VEGAN].setChecked(True)
    boxes[Restriction.NUT_FREE].setChecked(False)
    prefs = dlg.preferences()
    assert Restriction.VEGAN in prefs.may_contain_excludes
    assert Restriction.NUT_FREE not in prefs.may_contain_excludes
    again = Preferences.from_json(prefs.to_json())
    assert again.may_contain_excludes == prefs.may_contain_excludes


def test_row_flags_dialog_cycles_three_states(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A click cycles free → may contain → contains; OK returns the flags with the reason."""
    dlg = RowFlagsDialog("Odd snack", DietFlags(Contains.DAIRY))
    qtbot.addWidget(dlg)
    nuts = dlg.editor.boxes[Contains.NUTS]
    assert nuts.checkState() == Qt.CheckState.Unchecked
    nuts.click()
    assert nuts.checkState() == Qt.CheckState.PartiallyChecked
    flags = dlg.flags()
    assert flags.contains == Contains.DAIRY and flags.may_contain == Contains.NUTS
    assert flags.reason(Contains.NUTS) == "you set this in the import preview"


def test_foods_view_detail_follows_the_list_and_shows_diet_reasons(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Selecting Parmesan shows each flag with its reason; a new search clears the detail
    instead of showing a food that is no longer listed; the Diet filter hides it."""
    fv = window.foods_view
    window.tabs.setCurrentWidget(fv)

    def shows(word: str) -> bool:
        rows = fv.model.rows
        return bool(rows) and all(word in r.name.lower() for r in rows)

    fv.search.setText("cheese, parmesan, hard")  # runs after a short pause in typing
    qtbot.waitUntil(lambda: shows("parmesan"), timeout=20000)
    fv.table.selectRow(0)
    text = fv.detail_extra.text()
    assert "Contains</b> animal rennet" in text and "rules of origin" in text
    fv.search.setText("natto")
    qtbot.waitUntil(lambda: shows("natto"), timeout=20000)
    assert "Select a food" in fv.detail_head.text()
    fv.search.setText("cheese, parmesan")
    qtbot.waitUntil(lambda: shows("parmesan"), timeout=20000)
    with qtbot.waitSignal(fv.model.loaded, timeout=20000):
        fv.diet.setCurrentIndex(fv.diet.findData(Restriction.STRICT_VEGETARIAN))
    assert fv.model.total == 0  # every Parmesan is made with animal rennet


MARKUP = '<b>bold</b><img src="x">'


def test_data_is_text_never_markup(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A food named with HTML shows literally in table tooltips, the plan grid's tooltip, and
    every question or error box (plain text format)."""
    from PySide6.QtWidgets import QMessageBox

    from k2planner.ui import plain
    from k2planner.ui.dialogs.common import show_error
    from k2planner.ui.models.import_models import PreviewModel, PreviewRow

    model = PreviewModel()
    model.set_rows([PreviewRow(2, MARKUP, {}, "error", f"{MARKUP} is not valid")])
    check = model.column_index("Check")
    tip = model.index(0, check).data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tip and "&lt;b&gt;bold&lt;/b&gt;&lt;img" in tip
    formats = []

    def fake_exec(box: QMessageBox) -> int:
        formats.append((box.textFormat(), box.text()))
        return int(QMessageBox.StandardButton.Yes)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert plain.ask(None, "Delete food", f"Delete {MARKUP}?")
    show_error(None, "Import", f"{MARKUP} could not be read")
    assert all(fmt == Qt.TextFormat.PlainText and MARKUP in text for fmt, text in formats)
    assert len(formats) == 2


def test_an_unwritable_data_folder_is_a_message_not_a_crash(
    qtbot, tmp_path, resources, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A data folder that cannot be created (a file is in the way) ends in a plain message and
    exit code 2, not a traceback."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QMessageBox

    from k2planner.app import _open_main_window
    from k2planner.ui.startup import StartupWindow

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    first = StartupWindow(QIcon())
    qtbot.addWidget(first)
    assert _open_main_window(first, blocker / "k2planner.sqlite", resources) == 2
    assert shown and "could not be opened" in shown[0] and "--db PATH" in shown[0]
