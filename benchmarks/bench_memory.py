#!/usr/bin/env python3
"""Memory after a long session: resident set size (RSS) of the app against a bare window.

The app is driven the way a user spends an afternoon with it: twenty weeks planned (omnivore,
vegan, warfarin), every tab opened, the foods searched and scrolled, the settings opened, the
week printed to PDF. RSS is read from /proc after each phase; a bare PySide6 window in a
separate process is the baseline. Goal: RSS at most 250 MB after the session.

usage: QT_QPA_PLATFORM=offscreen python benchmarks/bench_memory.py [--weeks N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

START = dt.date(2026, 11, 23)
BARE = (
    "import os; os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([]); w = QMainWindow(); w.resize(1280, 720); w.show()\n"
    "for _ in range(20): app.processEvents()\n"
    "print([l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1])\n"
)


def rss_mb() -> float:
    """This process's resident set size in MB."""
    with open("/proc/self/status", encoding="ascii") as f:
        line = next(ln for ln in f if ln.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def settle(app: object, runner: object) -> None:
    """Let queued work and background tasks finish."""
    for _ in range(20):
        app.processEvents()  # type: ignore[attr-defined]
    runner.wait()  # type: ignore[attr-defined]
    for _ in range(20):
        app.processEvents()  # type: ignore[attr-defined]


def main() -> int:
    """Drive a long session and print RSS after each phase."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weeks", type=int, default=20)
    args = ap.parse_args()
    bare = (
        int(
            subprocess.run(
                [sys.executable, "-c", BARE], capture_output=True, text=True, check=True
            ).stdout
        )
        / 1024
    )
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["K2PLANNER_DATA_DIR"] = tmp
        db = Path(tmp) / "bench.sqlite"
        # the database exists from an earlier start (seeding once is not part of a session)
        subprocess.run(
            [sys.executable, "-m", "k2planner", "--db", str(db), "foods", "search", "gouda"],
            capture_output=True,
            check=False,
            cwd=Path(__file__).resolve().parent.parent,
        )
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        from k2planner.app import create_window
        from k2planner.domain.diet import Restriction
        from k2planner.domain.preferences import Anticoagulant
        from k2planner.paths import resources_dir

        w = create_window(db, resources_dir())
        w.resize(1280, 720)  # type: ignore[attr-defined]
        w.show()  # type: ignore[attr-defined]
        runner = w.plan_view._runner  # type: ignore[attr-defined]
        settle(app, runner)
        print(f"{'phase':<34}{'RSS MB':>8}")
        print(f"{'bare PySide6 window':<34}{bare:>8.0f}")
        print(f"{'window open':<34}{rss_mb():>8.0f}")
        prefs_svc = w._prefs  # type: ignore[attr-defined]
        view = w.plan_view  # type: ignore[attr-defined]
        scenarios = [
            {"anticoagulant": Anticoagulant.NONE, "restrictions": frozenset()},
            {"anticoagulant": Anticoagulant.NONE, "restrictions": frozenset({Restriction.VEGAN})},
            {"anticoagulant": Anticoagulant.VKA, "restrictions": frozenset()},
        ]
        for i in range(args.weeks):
            prefs_svc.save(
                prefs_svc.load().with_changes(
                    first_run_done=True,
                    start_date=START + dt.timedelta(weeks=i),
                    **scenarios[i % len(scenarios)],
                )
            )
            view.show_week(START + dt.timedelta(weeks=i))
            view.regenerate()
            settle(app, runner)
        print(f"{f'{args.weeks} weeks planned':<34}{rss_mb():>8.0f}")
        w.tabs.setCurrentWidget(w.foods_view)  # type: ignore[attr-defined]
        fv = w.foods_view  # type: ignore[attr-defined]
        for word in ("gouda", "natto", "chicken", "", "cheese", ""):
            fv.search.setText(word)
            fv._apply_filter()
            settle(app, runner)
            for _ in range(5):
                fv.table.verticalScrollBar().setValue(fv.table.verticalScrollBar().maximum())
                settle(app, runner)
        print(f"{'foods searched and scrolled':<34}{rss_mb():>8.0f}")
        for tab in (w.meals_view, w.shopping_view, w.plan_view):  # type: ignore[attr-defined]
            w.tabs.setCurrentWidget(tab)  # type: ignore[attr-defined]
            settle(app, runner)
        from k2planner.ui import printing

        sv = w.shopping_view  # type: ignore[attr-defined]
        if sv._view is not None and sv._outcome is not None:
            doc = printing.pack_document(sv._outcome, sv._view)
            printing.write_pdf(doc, Path(tmp) / "week.pdf")
        settle(app, runner)
        gc.collect()
        after = rss_mb()
        print(f"{'every tab, printed to PDF':<34}{after:>8.0f}")
        w.close()  # type: ignore[attr-defined]
    print(f"\nRSS after the session: {after:.0f} MB (goal ≤ 250 MB; bare window {bare:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
