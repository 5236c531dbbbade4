#!/usr/bin/env python3
"""GUI responsiveness while a week is solved: the longest stall of the GUI thread.

A probe timer asks to run every 10 ms on the GUI thread; the gaps between its ticks show how
long the GUI thread was blocked. The week is planned by the app's own action (worker thread),
several times, for the omnivore and the warfarin scenario. For comparison the same solve is
also timed when run directly on the GUI thread (what the worker avoids). Target: no stall
longer than 100 ms.

usage: QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_responsiveness.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

START = dt.date(2026, 11, 23)


class Probe:
    """Records the gaps between 10 ms timer ticks."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.gaps: list[float] = []

    def start(self) -> None:
        self.gaps.clear()
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.gaps.append(self.clock.restart() / 1000.0)

    def stop(self) -> list[float]:
        self.timer.stop()
        return list(self.gaps)


def main() -> int:
    """Run the probe and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["K2PLANNER_DATA_DIR"] = tmp
        app = QApplication.instance() or QApplication([])
        from k2planner.app import create_window
        from k2planner.domain.preferences import Anticoagulant
        from k2planner.paths import resources_dir

        w = create_window(Path(tmp) / "bench.sqlite", resources_dir())
        w.show()  # type: ignore[attr-defined]
        view = w.plan_view  # type: ignore[attr-defined]
        prefs_svc = w._prefs  # type: ignore[attr-defined]
        probe = Probe()
        print(
            f"{'scenario':<12}{'runs':>6}{'solve median':>14}{'max GUI stall':>15}"
            f"{'p99 stall':>11}{'stall if solved on GUI thread':>31}"
        )
        for name, anticoagulant in (
            ("omnivore", Anticoagulant.NONE),
            ("warfarin", Anticoagulant.VKA),
        ):
            prefs = prefs_svc.load().with_changes(
                first_run_done=True, start_date=START, anticoagulant=anticoagulant
            )
            prefs_svc.save(prefs)
            view.show_week(START)
            solves, stalls = [], []
            for _ in range(args.runs):
                probe.start()
                t0 = time.perf_counter()
                view.regenerate()
                while view._runner.busy:
                    app.processEvents()
                    time.sleep(0.001)
                solves.append(time.perf_counter() - t0)
                for _ in range(5):
                    app.processEvents()
                stalls.extend(probe.stop())
            t0 = time.perf_counter()
            w._planning.generate(prefs, start=START, save=False)  # type: ignore[attr-defined]
            blocking = time.perf_counter() - t0
            worst = max(stalls) * 1000
            p99 = sorted(stalls)[int(0.99 * (len(stalls) - 1))] * 1000
            print(
                f"{name:<12}{args.runs:>6}{statistics.median(solves):>13.2f}s{worst:>13.0f}ms"
                f"{p99:>9.0f}ms{blocking * 1000:>29.0f}ms"
            )
        w.close()  # type: ignore[attr-defined]
    print(
        "\nA stall is the time between two probe ticks asked for every 10 ms; it includes "
        "redrawing the new plan. Target: every stall below 100 ms."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
