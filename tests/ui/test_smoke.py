"""The real app on a temporary database: first start → generate → lock → regenerate."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from k2planner.domain.advice import Kind
from k2planner.domain.preferences import Anticoagulant
from k2planner.ui.dialogs.welcome import WelcomeDialog
from k2planner.ui.models.plan_model import CellKind


def _wait_plan(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: not w.plan_view._runner.busy and w.plan_view.outcome is not None, timeout=30000
    )


def test_first_start_generate_lock_regenerate(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The locked cell survives Regenerate; the app answers the welcome questions first."""
    asked = []

    def fake_ask(parent, prefs):  # type: ignore[no-untyped-def]
        asked.append(True)
        return prefs.with_changes(k2_target_ug=90, first_run_done=True)

    monkeypatch.setattr(WelcomeDialog, "ask", classmethod(lambda cls, p, prefs: fake_ask(p, prefs)))
    w = window
    w.start()
    assert asked
    _wait_plan(qtbot, w)
    view = w.plan_view
    first = view.outcome
    cell = view.model.cell(2, 3)
    assert cell is not None and cell.kind is CellKind.MEAL
    view.toggle_lock(2, 3)
    locked = view.outcome.result.at(3, cell.slot)
    assert locked is not None and locked.locked
    before = view.outcome
    with qtbot.waitSignal(view.plan_changed, timeout=30000):
        w.generate_action.trigger()
    after = view.outcome
    assert after is not before and after.seed != first.seed
    kept = after.result.at(3, cell.slot)
    assert kept is not None and (kept.meal_id, kept.servings, kept.locked) == (
        locked.meal_id,
        locked.servings,
        True,
    )
    assert len(after.assignments) == 28
    assert after.plan_id is not None
    # the plan is stored: reopening the week shows it
    view.show_week(view.start + dt.timedelta(days=7))
    view.show_week(view.start - dt.timedelta(days=7))
    assert view.outcome is not None and view.outcome.plan_id == after.plan_id


def test_warfarin_banner_in_every_view(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """In warfarin mode the banner shows above every tab and no supplement hint appears."""
    w = window
    prefs = w._prefs.load().with_changes(anticoagulant=Anticoagulant.VKA, first_run_done=True)
    w._prefs.save(prefs)
    w._refresh_banner(prefs)
    w.start()
    w.plan_view.regenerate()
    _wait_plan(qtbot, w)
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        assert w.banner.isVisible(), f"banner hidden on tab {w.tabs.tabText(i)}"
    shown = " ".join(lbl.text() for lbl in w.banner.findChildren(QLabel))
    assert "natto" in shown and "MK-7 supplements are to be avoided" in shown
    assert {"theuwissen2013", "schurgers2007"} <= {s.key for s in w.banner._advice.sources}
    assert Kind.SUPPLEMENT_HINT not in w.plan_view.advice.kinds()
    assert Kind.SUPPLEMENT_HINT not in {a.kind for a in w.plan_view.outcome.advice}


def test_error_hook_names_storage_failures_and_bugs(qapp) -> None:  # type: ignore[no-untyped-def]
    """The window's last-word handler says what failed in a sentence (no traceback text)."""
    import sqlite3

    from k2planner.ui.error_hook import message_for

    readonly = message_for(sqlite3.OperationalError("attempt to write a readonly database"))
    assert "read-only" in readonly and "Nothing was changed" in readonly
    full = message_for(OSError(28, "No space left on device", "/data/k2.sqlite"))
    assert "No space left" in full and "/data/k2.sqlite" in full
    bug = message_for(KeyError("x"))
    assert "KeyError" in bug and "Traceback" not in bug


def test_about_shows_the_licences(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Help → About has the MIT licence, Qt's LGPL and the data licences."""
    from PySide6.QtWidgets import QTextBrowser

    from k2planner.ui.dialogs.about import AboutDialog

    dlg = AboutDialog()
    qtbot.addWidget(dlg)
    text = dlg.findChild(QTextBrowser, "licences").toPlainText()
    for words in ("MIT licence", "LGPL-3.0", "Licence Ouverte", "public domain", "HiGHS"):
        assert words in text, words
