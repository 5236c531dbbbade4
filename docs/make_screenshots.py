#!/usr/bin/env python3
"""Render the main views offscreen to PNG files in docs/screenshots/.

usage: QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [--out DIR]

It builds a fresh database in a temporary folder, plans a fixed week (seed and start date
fixed, so the pictures are reproducible) and grabs: the plan, the foods browser, the meal
editor, the settings dialog, and the plan in warfarin mode.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

START = dt.date(2026, 11, 23)
IMPORT_SAMPLE = (
    "Lebensmittel;Gruppe;Vitamin K1 (µg);MK-4 (µg);MK-7 (mg);Vitamin K2 (µg);kcal\r\n"
    "Hof-Gouda 18 Monate;Käse;2,4;21,5;;75,0;370\r\n"
    "Kefir natur;Milchprodukte;0,3;0,8;;8,4;61\r\n"
    "Natto (Bio);Sojaprodukte;23;;0,94;;211\r\n"
    "Sauerkraut;Gemüse;13;;0,0048;;19\r\n"
    "Bergkäse;Käse;1,0;-3;;90;400\r\n"
    "Hühnerleber;Fleisch;;14,1;;;119\r\n"
)
SIZE = (1320, 860)


def settle(app: QApplication, window: QWidget, rounds: int = 30) -> None:
    """Let layouts and queued signals finish."""
    for _ in range(rounds):
        app.processEvents()
    runner = getattr(window, "_runner", None)
    if runner is not None:
        runner.wait()
    for _ in range(rounds):
        app.processEvents()


def grab(widget: QWidget, path: Path) -> None:
    """Save a widget as PNG."""
    widget.grab().save(str(path))
    print(f"wrote {path}")


def show_dialog(app: QApplication, dlg: QDialog, path: Path) -> None:
    """Show a dialog without blocking, grab it, close it."""
    dlg.show()
    for _ in range(30):
        app.processEvents()
    grab(dlg, path)
    dlg.close()


def render_pdfs(outcome: object, view: object, out: Path) -> None:
    """The printed list and weekly pack as PDF, and their pages as PNG (needs pdftoppm)."""
    import shutil
    import subprocess

    from k2planner.ui import printing

    pdfs = {
        "shopping-list": printing.list_document(view),  # type: ignore[arg-type]
        "weekly-pack": printing.pack_document(outcome, view),  # type: ignore[arg-type]
    }
    for name, doc in pdfs.items():
        pdf = out / f"{name}.pdf"
        printing.write_pdf(doc, pdf)
        print(f"wrote {pdf}")
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(out / name)], check=True)
            print(f"wrote {out / name}-*.png")
        else:
            print("pdftoppm not found (Debian: poppler-utils): PNG pages not rendered")


def main() -> int:
    """Render every screenshot."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["K2PLANNER_DATA_DIR"] = tmp
        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        from k2planner.app import create_window
        from k2planner.domain.preferences import Anticoagulant
        from k2planner.paths import resources_dir
        from k2planner.services.planning import PlanningService
        from k2planner.ui.dialogs.meal_editor import MealEditorDialog
        from k2planner.ui.dialogs.settings import SettingsDialog

        window = create_window(Path(tmp) / "k2planner.sqlite", resources_dir())
        w = window  # type: ignore[assignment]
        w.resize(*SIZE)  # type: ignore[attr-defined]
        prefs = w._prefs.load().with_changes(first_run_done=True, start_date=START)  # type: ignore[attr-defined]
        w._prefs.save(prefs)  # type: ignore[attr-defined]
        planning: PlanningService = w._planning  # type: ignore[attr-defined]
        planning.generate(prefs, seed=7, start=START)
        w.show()  # type: ignore[attr-defined]
        w.plan_view.show_week(START)  # type: ignore[attr-defined]
        settle(app, w)  # type: ignore[arg-type]
        grab(w, args.out / "plan.png")  # type: ignore[arg-type]

        w.tabs.setCurrentWidget(w.foods_view)  # type: ignore[attr-defined]
        settle(app, w)  # type: ignore[arg-type]
        fv = w.foods_view  # type: ignore[attr-defined]
        fv.search.setText("gouda")
        fv._apply_filter()
        settle(app, w)  # type: ignore[arg-type]
        fv.table.selectRow(1)
        fv.values_view.selectRow(3)
        settle(app, w)  # type: ignore[arg-type]
        grab(w, args.out / "foods.png")  # type: ignore[arg-type]

        cat = planning.catalogue()
        meal = next(m for m in cat.meals.values() if m.key == "gouda-potato-gratin")
        catalog = w._catalog  # type: ignore[attr-defined]
        editor = MealEditorDialog(lambda q: catalog.search_foods(q, 60), catalog.foods, meal, w)  # type: ignore[arg-type]
        editor.query.setText("kefir")
        editor._run_search()
        show_dialog(app, editor, args.out / "meal-editor.png")

        settings = SettingsDialog(prefs, {m.id: m.name for m in cat.meals.values()}, {}, w)  # type: ignore[arg-type]
        show_dialog(app, settings, args.out / "settings.png")

        w.plan_view.show_week(START)  # type: ignore[attr-defined]
        settle(app, w)  # type: ignore[arg-type]
        sv = w.shopping_view  # type: ignore[attr-defined]
        outcome = w.plan_view.outcome  # type: ignore[attr-defined]
        household = prefs.with_changes(household_size=2)
        from dataclasses import replace

        outcome2 = replace(outcome, prefs=household)
        view = sv._shopping.build(outcome2)
        items = view.items()
        sv._shopping.set_state(view.list_key, items[0], checked=True)
        sv._shopping.set_state(view.list_key, items[3], have=True)
        sv._shopping.add_extra(view.list_key, "Washing-up liquid")
        sv.set_outcome(outcome2)
        w.tabs.setCurrentWidget(sv)  # type: ignore[attr-defined]
        settle(app, w)  # type: ignore[arg-type]
        grab(w, args.out / "shopping.png")  # type: ignore[arg-type]
        render_pdfs(outcome2, sv._shopping.build(outcome2), args.out)

        sample = Path(tmp) / "dietitian-foods.csv"
        sample.write_bytes(IMPORT_SAMPLE.encode("cp1252"))
        dlg = w.files.import_file(sample)  # type: ignore[attr-defined]
        dlg.resize(1100, 720)
        settle(app, w)  # type: ignore[arg-type]
        show_dialog(app, dlg, args.out / "import.png")

        vka = prefs.with_changes(anticoagulant=Anticoagulant.VKA, vk_baseline_ug=100, vk_band_ug=20)
        w._prefs.save(vka)  # type: ignore[attr-defined]
        planning.generate(vka, seed=7, start=START)
        w.tabs.setCurrentWidget(w.plan_view)  # type: ignore[attr-defined]
        w.plan_view.show_week(START)  # type: ignore[attr-defined]
        settle(app, w)  # type: ignore[arg-type]
        grab(w, args.out / "warfarin.png")  # type: ignore[arg-type]

        from k2planner.domain.household import Person

        two = prefs.with_changes(people=(Person("Ana", 2000), Person("Ben", 2600)))
        w._prefs.save(two)  # type: ignore[attr-defined]
        planning.generate(two, seed=7, start=START)
        w.plan_view.show_week(START)  # type: ignore[attr-defined]
        settle(app, w)  # type: ignore[arg-type]
        grab(w, args.out / "household.png")  # type: ignore[arg-type]
        w.close()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
