"""File → Import recipes… through the real window: read, review, change, import, see it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from k2planner.ui.dialogs.food_pick import FoodPickDialog
from tests.ui.driver import Answers, closing_modals, menu_actions

DATA = Path(__file__).resolve().parents[1] / "data" / "recipes"


def test_import_recipes_from_the_file_menu(
    window: Any,
    qtbot: Any,
    qtmodeltester: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Trigger the menu action, review the Tandoor export, fix two lines, leave one recipe
    out, import; the Meals tab then shows the recipe with its method and unmatched line."""
    answers = Answers(tmp_path)
    answers.install(monkeypatch)
    answers.open_file = DATA / "tandoor_export.zip"
    w = window
    action = menu_actions(w)["File/Import recipes…"]
    assert action.shortcut().toString() == "Ctrl+Shift+I"
    with qtbot.waitSignal(w.recipes.dialog_opened, timeout=30000):
        action.trigger()
    dlg = w.recipes.dialog
    assert dlg is not None and answers.errors == []
    qtmodeltester.check(dlg.recipes)
    qtmodeltester.check(dlg.recipe_proxy)
    qtmodeltester.check(dlg.lines)
    assert dlg.recipes.rowCount() == 3 and dlg.import_button.text() == "Import 3 recipes"

    dlg.recipe_table.selectRow(2)  # Mushroom Risotto
    assert dlg.title.text().startswith("<b>Mushroom Risotto</b>")
    assert dlg.lines.rowCount() == 10
    dlg.line_table.selectRow(3)  # "2 shallots, diced"
    qtbot.mouseClick(dlg.text_button, Qt.MouseButton.LeftButton)
    assert not dlg.review(3).lines[3].usable

    def pick(modal: QWidget) -> None:
        if isinstance(modal, FoodPickDialog):
            qtmodeltester.check(modal.model)
            modal.query.setText("gouda aged")
            modal._run_search()  # the search waits 200 ms for typing to stop
            modal.accept()

    dlg.line_table.selectRow(6)  # "1/2 cup grated Parmesan cheese" → another cheese
    with closing_modals(pick) as seen:
        qtbot.mouseClick(dlg.change_button, Qt.MouseButton.LeftButton)
    assert "Choose the food" in seen
    line = dlg.review(3).lines[6]
    assert line.food_name.startswith("Cheese, Gouda, aged") and line.match_how == "chosen by you"

    qtbot.keyClicks(dlg.recipe_filter, "chili")  # Beef Chili: find it, leave it out
    assert dlg.recipe_proxy.rowCount() == 1
    assert dlg.title.text().startswith("<b>Beef Chili</b>")
    dlg.include.click()
    dlg.recipe_filter.clear()
    assert dlg.recipe_proxy.rowCount() == 3
    assert dlg.import_button.text() == "Import 2 recipes"
    with qtbot.waitSignal(w.recipes.meals_imported, timeout=30000):
        qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    assert answers.errors == []
    assert w.tabs.currentWidget() is w.meals_view
    names = {r.view.meal.name for r in w.meals_view.model.rows}
    assert {"Mushroom Risotto", "Shakshuka"} <= names and "Beef Chili" not in names

    risotto = next(r for r in w.meals_view.model.rows if r.view.meal.name == "Mushroom Risotto")
    w.meals_view.select_meal(risotto.view.meal.id)
    text = w.meals_view.method.toPlainText()
    assert "Warm the broth." in text and "2 shallots, diced" in text and "K2 is unknown" in text
    assert any(r.food_name.startswith("Cheese, Gouda, aged") for r in w.meals_view.ingredients.rows)


def test_unreadable_recipe_file_is_one_clear_message(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken file is reported by name; no dialog opens and nothing changes."""
    answers = Answers(tmp_path)
    answers.install(monkeypatch)
    bad = tmp_path / "broken.paprikarecipes"
    bad.write_bytes(b"PK\x03\x04 not a zip at all")
    answers.open_file = bad
    before = window.meals_view.model.rowCount()
    menu_actions(window)["File/Import recipes…"].trigger()
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=30000)
    assert "broken.paprikarecipes: not a readable zip archive" in answers.errors[0]
    assert window.recipes.dialog is None
    assert window.meals_view.model.rowCount() == before


def test_meal_details_show_time_and_method(qtbot: Any, seeded_engine: Any) -> None:
    """The details dialog of a bundled meal shows its time and numbered method."""
    from sqlmodel import Session

    from k2planner.db.repo_foods import load_foods
    from k2planner.db.repo_meals import load_meals
    from k2planner.ui.dialogs.meal_details import MealDetailsDialog

    with Session(seeded_engine) as s:
        meal = next(m for m in load_meals(s) if m.key == "shakshuka")
        foods = load_foods(s, {i.food_id for i in meal.ingredients})
    dlg = MealDetailsDialog(meal, foods)
    qtbot.addWidget(dlg)
    text = dlg.method.toPlainText()
    assert "prep 10 min · cook 25 min" in text
    assert "Crack in the eggs" in text or "crack in the eggs" in text


def test_swap_dialog_filters_by_name(qtbot: Any, qtmodeltester: Any) -> None:
    """Typing in the swap dialog narrows the list; the chosen meal is the one selected."""
    from k2planner.domain.planner.swap import SwapOption
    from k2planner.ui.dialogs.swap import SwapDialog

    options = [
        SwapOption(i, name, 1.0, 90.0 + i, 200.0, 1900.0, float(i), True, i == 1)
        for i, name in enumerate(["Bolognese", "Beef Chili", "Mushroom Risotto", "Dahl"], start=1)
    ]
    dlg = SwapDialog("Tue dinner", options, "K2 ≥ 90 µg")
    qtbot.addWidget(dlg)
    qtmodeltester.check(dlg.proxy)
    qtbot.keyClicks(dlg.filter, "risotto")
    assert dlg.proxy.rowCount() == 1
    chosen = dlg.chosen()
    assert chosen is not None and chosen.name == "Mushroom Risotto"
    dlg.filter.clear()
    assert dlg.proxy.rowCount() == 4


def test_imported_recipes_are_offered_by_swap_in_the_shown_week(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an import through the menu, Swap… on the week already shown offers the new meal
    (the week reads its meals again)."""
    from k2planner.ui.dialogs.welcome import WelcomeDialog

    monkeypatch.setattr(
        WelcomeDialog,
        "ask",
        classmethod(lambda cls, p, prefs: prefs.with_changes(first_run_done=True)),
    )
    window.start()
    qtbot.waitUntil(
        lambda: not window.plan_view._runner.busy and window.plan_view.outcome is not None,
        timeout=30000,
    )
    answers = Answers(tmp_path)
    answers.install(monkeypatch)
    answers.open_file = DATA / "tandoor_export.zip"
    with qtbot.waitSignal(window.recipes.dialog_opened, timeout=30000):
        menu_actions(window)["File/Import recipes…"].trigger()
    dlg = window.recipes.dialog
    with qtbot.waitSignal(window.recipes.meals_imported, timeout=30000):
        qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    view = window.plan_view
    options = view._planning.swap_options(view.outcome, 1, view.outcome.prefs.slots[2], top=500)
    assert "Beef Chili" in {o.name for o in options}


def test_enter_imports_unless_a_line_has_the_focus(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter in the lines table chooses that line's food; Enter elsewhere is the Import button."""
    answers = Answers(tmp_path)
    answers.install(monkeypatch)
    answers.open_file = DATA / "recipes.mmf"
    with qtbot.waitSignal(window.recipes.dialog_opened, timeout=30000):
        menu_actions(window)["File/Import recipes…"].trigger()
    dlg = window.recipes.dialog
    dlg.activateWindow()
    seen: list[str] = []
    dlg.line_table.setFocus()
    with closing_modals(lambda m: seen.append(m.windowTitle())):
        qtbot.keyClick(dlg.line_table, Qt.Key.Key_Return)
    assert seen and "Choose the food" in seen[0]
    dlg.recipe_filter.setFocus()
    with qtbot.waitSignal(window.recipes.meals_imported, timeout=30000):
        qtbot.keyClick(dlg.recipe_filter, Qt.Key.Key_Return)
