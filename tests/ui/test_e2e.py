"""End to end through the real window: every menu action and shortcut through its QAction,
file dialogs answered with real files, modal dialogs closed; the main flows as a user drives
them. Any error box, uncaught exception (pytest-qt) or Qt warning (qt_log_level_fail) fails."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from k2planner.ui.dialogs.import_dialog import ImportDialog
from k2planner.ui.dialogs.import_summary import SummaryDialog
from k2planner.ui.models.plan_model import CellKind
from tests.ui.driver import Answers, closing_modals, menu_actions

DATA = Path(__file__).resolve().parents[1] / "data"
CSV = "Food,Energy (kcal),MK-7 (µg),K1 (µg)\nHouse natto test,212,880,23\nFarm kefir,61,1.2,0.4\n"


def _idle(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not w._runner.busy, timeout=60000)


def _ready(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    """Answered first start, a planned week."""
    prefs = w._prefs.load().with_changes(first_run_done=True)
    w._prefs.save(prefs)
    w.start()
    with qtbot.waitSignal(w.plan_view.plan_changed, timeout=60000):
        menu_actions(w)["Plan/Generate / Regenerate week"].trigger()
    _idle(qtbot, w)


def _close_import_dialogs(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    for d in w.findChildren(ImportDialog):
        if d.isVisible():
            d.reject()


def test_every_menu_action_runs(qtbot, window, tmp_path, monkeypatch, capfd) -> None:  # type: ignore[no-untyped-def]
    """Each menu entry, triggered as the menu does, does its job without an error."""
    w = window
    answers = Answers(tmp_path)
    answers.install(monkeypatch)
    _ready(qtbot, w)
    csv = tmp_path / "mine.csv"
    csv.write_text(CSV, encoding="utf-8")
    answers.open_file = csv
    answers.folder = DATA / "fdc_csv"
    actions = menu_actions(w)
    assert len(actions) >= 20
    made: dict[str, Path] = {}
    for n, (name, action) in enumerate(sorted(actions.items())):
        if name in {"File/Quit", "File/Restore backup…"}:
            continue
        suffix = ".pdf" if "PDF" in name else ".sqlite" if "Back up" in name else ""
        answers.save_file = tmp_path / f"out-{n}{suffix}"
        with closing_modals():
            action.trigger()
            _idle(qtbot, w)
            qtbot.wait(60)
        _close_import_dialogs(qtbot, w)
        made[name] = answers.save_file
        assert not answers.errors, f"{name}: {answers.errors}"
    backup = made["File/Back up database…"]
    assert sqlite3.connect(backup).execute("SELECT COUNT(*) FROM food").fetchone()[0] > 10000
    assert made["Plan/Save weekly pack as PDF…"].read_bytes().startswith(b"%PDF")
    assert made["Plan/Save shopping list as PDF…"].read_bytes().startswith(b"%PDF")
    for name, path in made.items():
        if name.startswith("File/Export/"):
            written = (
                path
                if path.exists()
                else path.with_name(path.name + (".json" if "JSON" in name else ".csv"))
            )
            assert written.is_file() and written.stat().st_size > 0, name
    # restore the backup through the menu (confirmation answered Yes)
    answers.open_file = backup
    with qtbot.waitSignal(w.files.database_replaced, timeout=60000):
        actions["File/Restore backup…"].trigger()
    _idle(qtbot, w)
    assert answers.questions and not answers.errors
    out, err = capfd.readouterr()
    assert "Error calling Python override" not in out + err
    assert "Traceback" not in out + err


def test_import_through_the_menu_lands_in_my_foods(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """File → Import foods… with a real CSV: preview, Import, summary; the foods are there."""
    w = window
    answers = Answers(tmp_path)
    answers.install(monkeypatch)
    _ready(qtbot, w)
    csv = tmp_path / "mine.csv"
    csv.write_text(CSV, encoding="utf-8")
    answers.open_file = csv
    menu_actions(w)["File/Import foods…"].trigger()
    dialog = next(d for d in w.findChildren(ImportDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=30000)
    assert "mine.csv" in dialog.info.text() and "&#" not in dialog.info.text()
    with qtbot.waitSignal(dialog.imported, timeout=60000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    summary = next(d for d in dialog.findChildren(SummaryDialog) if d.isVisible())
    text = " ".join(lbl.text() for lbl in summary.findChildren(type(dialog.info)))
    assert "2 added" in text and "were imported" not in text
    summary.accept()
    _idle(qtbot, w)
    names = {f.name for f in w._catalog.search_foods("farm kefir")}
    assert "Farm kefir" in names


def test_shortcuts_trigger_their_actions(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every menu shortcut, pressed on the window, triggers its action (Ctrl+, included)."""
    w = window
    answers = Answers(tmp_path)
    answers.install(monkeypatch)
    _ready(qtbot, w)
    fired: list[str] = []
    for name, action in menu_actions(w).items():
        if name == "File/Quit" or action.shortcut().isEmpty() or not action.isEnabled():
            continue  # Undo / Redo are disabled with nothing to undo
        for seq in action.shortcuts():
            action.triggered.connect(lambda _c=False, n=name: fired.append(n))
            w.activateWindow()  # a closed modal dialog may leave no active window offscreen
            qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5000)
            with closing_modals():
                QTest.keySequence(w, seq)
                _idle(qtbot, w)
                qtbot.wait(60)
            _close_import_dialogs(qtbot, w)
            assert name in fired, f"{seq.toString()} did not trigger {name}"
            fired.clear()
            break
    assert QKeySequence("Ctrl+,") in menu_actions(w)["Edit/Settings…"].shortcuts()


def test_keyboard_swap_keeps_the_selection(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+W on a cell, pick another meal: the cell changes and stays selected."""
    w = window
    Answers(tmp_path).install(monkeypatch)
    _ready(qtbot, w)
    view = w.plan_view
    view.grid.setFocus()
    view.grid.setCurrentIndex(view.model.index(2, 4))
    before = view.model.cell(2, 4)
    assert before is not None and before.kind is CellKind.MEAL

    def pick_other(modal) -> None:  # type: ignore[no-untyped-def]
        table = modal.table if hasattr(modal, "table") else None
        if table is not None and table.model().rowCount() > 1:
            table.selectRow(1 if modal.model.row(table.model().index(0, 0)).is_current else 0)
            modal.accept()

    with closing_modals(pick_other):
        view.swap_action.trigger()
        qtbot.wait(100)
    after = view.model.cell(2, 4)
    assert after is not None and after.title != before.title
    assert (view.grid.currentIndex().row(), view.grid.currentIndex().column()) == (2, 4)


def test_regenerate_works_right_after_start(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The background warm-up never makes Regenerate a no-op."""
    w = window
    prefs = w._prefs.load().with_changes(first_run_done=True)
    w._prefs.save(prefs)
    w.start()
    with qtbot.waitSignal(w.plan_view.plan_changed, timeout=60000):
        w.generate_action.trigger()
    assert w.plan_view.outcome is not None


def test_quit_checkpoints_the_database(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """After File → Quit the .sqlite file alone holds the plan; no -wal file is left."""
    w = window
    _ready(qtbot, w)
    db = Path(w._prefs._engine.url.database)  # type: ignore[attr-defined]
    menu_actions(w)["File/Quit"].trigger()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=10000)
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db, copy)
    con = sqlite3.connect(copy)
    assert con.execute("SELECT COUNT(*) FROM savedplan").fetchone()[0] >= 1
    assert con.execute("SELECT COUNT(*) FROM preference").fetchone()[0] >= 1
    con.close()


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
def test_window_and_dialogs_fit_a_laptop_screen(qtbot, window, size) -> None:  # type: ignore[no-untyped-def]
    """The main window's and the dialogs' minimum sizes fit small laptop screens."""
    w = window
    width, height = size
    hint = w.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height - 40
    from k2planner.ui.dialogs.settings import SettingsDialog
    from k2planner.ui.dialogs.welcome import WelcomeDialog

    prefs = w._prefs.load()
    for dlg in (WelcomeDialog(prefs, w), SettingsDialog(prefs, {}, {}, w)):
        h = dlg.minimumSizeHint()
        assert h.width() <= width and h.height() <= height - 40, type(dlg).__name__
        assert isinstance(dlg, QDialog)
        dlg.deleteLater()


def _week(view):  # type: ignore[no-untyped-def]
    o = view.outcome
    return tuple(
        (a.day, a.slot, a.meal_id, a.servings, a.locked, a.portions) for a in o.assignments
    )


def test_undo_restores_the_exact_week_after_every_kind_of_edit(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path, monkeypatch
) -> None:
    """Lock, swap, clear, regenerate, a day planned again, a restore: Ctrl+Z (Edit → Undo)
    brings back the exact previous week, also after reopening it; Redo brings the edit back."""
    w = window
    Answers(tmp_path).install(monkeypatch)
    _ready(qtbot, w)
    view = w.plan_view
    actions = menu_actions(w)
    view.grid.setFocus()
    view.grid.setCurrentIndex(view.model.index(1, 2))

    def pick_other(modal) -> None:  # type: ignore[no-untyped-def]
        table = getattr(modal, "table", None)
        if table is not None and table.model().rowCount() > 1:
            table.selectRow(1 if modal.model.row(table.model().index(0, 0)).is_current else 0)
            modal.accept()

    def restore_another(modal) -> None:  # type: ignore[no-untyped-def]
        lst = getattr(modal, "list", None)
        if lst is None or lst.count() < 2:
            return
        current = modal.preview.toPlainText()  # the newest plan is selected first
        for row in range(1, lst.count()):
            lst.setCurrentRow(row)
            if modal.preview.toPlainText() != current:
                modal.restore_button.click()
                return

    def run(edit) -> None:  # type: ignore[no-untyped-def]
        edit()
        _idle(qtbot, w)
        qtbot.wait(50)

    edits = {
        "lock": lambda: view.lock_action.trigger(),
        "swap": lambda: view.swap_action.trigger(),
        "clear": lambda: view.clear_action.trigger(),
        "regenerate": lambda: actions["Plan/Generate / Regenerate week"].trigger(),
        "day": lambda: actions["Plan/Plan this day again"].trigger(),
        "restore": lambda: actions["Plan/History of this week…"].trigger(),
    }
    for kind, edit in edits.items():
        before = _week(view)
        modal = {"swap": pick_other, "restore": restore_another}.get(kind)
        with closing_modals(modal):
            run(edit)
        after = _week(view)
        assert after != before, f"{kind} changed nothing"
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5000)
        run(lambda: QTest.keySequence(w, QKeySequence("Ctrl+Z")))
        assert _week(view) == before, f"undo of {kind}"
        view.show_week(view.start)  # reopened from the database
        assert _week(view) == before, f"undo of {kind}, reopened"
        run(lambda: QTest.keySequence(w, QKeySequence("Ctrl+Shift+Z")))
        assert _week(view) == after, f"redo of {kind}"
        run(actions["Edit/Undo"].trigger)
        view.grid.setCurrentIndex(view.model.index(1, 2))
