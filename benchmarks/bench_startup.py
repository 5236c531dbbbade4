#!/usr/bin/env python3
"""Start-up: time to a visible window, against a bare PySide6 window in the same run.

Each start is a new process (cold Python imports, warm OS file cache), on an existing database
with a stored plan, as a user's second start is. The app is started with
``K2PLANNER_STARTUP_PROBE=1``: it prints the moment its main window was first exposed, then
quits. The bare window does the same with nothing but QApplication and a QMainWindow. Also
``k2planner --version`` and ``--help`` against a bare ``python -c pass``.

Prints ``startup ratio: X`` (median app ÷ median bare window); goal ≤ 1.5.

usage: python benchmarks/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1200, 700)
class Probe(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Expose and obj.isExposed():
            print("shown", flush=True); QTimer.singleShot(0, app.quit)
        return False
p = Probe(); w.show(); w.windowHandle().installEventFilter(p)
app.exec()
"""


def _timed(cmd: list[str], env: dict[str, str], until: str | None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    if until is None:
        proc.communicate(timeout=120)
        return time.perf_counter() - t0
    for line in proc.stdout:
        if line.startswith(until):
            elapsed = time.perf_counter() - t0
            proc.wait(timeout=60)
            return elapsed
    raise RuntimeError(f"{cmd} ended without printing {until!r}")


def main() -> int:
    """Start both several times, alternating; print medians and ratios."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "K2PLANNER_DATA_DIR": tmp,
            "K2PLANNER_DB": str(Path(tmp) / "k2planner.sqlite"),
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
        }
        # first start: create, seed, answer nothing (CLI), store a plan
        subprocess.run(
            [py, "-m", "k2planner", "plan", "--seed", "1"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
        )
        app_env = {**env, "K2PLANNER_STARTUP_PROBE": "1"}
        app_t, bare_t, ver_t, help_t, pass_t = [], [], [], [], []
        for _ in range(args.runs):
            bare_t.append(_timed([py, "-c", BARE], env, "shown"))
            app_t.append(_timed([py, "-m", "k2planner"], app_env, "shown"))
            pass_t.append(_timed([py, "-c", "pass"], env, None))
            ver_t.append(_timed([py, "-m", "k2planner", "--version"], env, None))
            help_t.append(_timed([py, "-m", "k2planner", "--help"], env, None))
    med = statistics.median
    print(f"{'':<28}{'median':>10}{'min':>10}")
    for name, xs in (
        ("bare PySide6 window", bare_t),
        ("k2planner window", app_t),
        ("python -c pass", pass_t),
        ("k2planner --version", ver_t),
        ("k2planner --help", help_t),
    ):
        print(f"{name:<28}{med(xs):>9.3f}s{min(xs):>9.3f}s")
    print(f"\nstartup ratio: {med(app_t) / med(bare_t):.2f}  (goal ≤ 1.5)")
    print(
        f"--version ratio: {med(ver_t) / med(pass_t):.1f}  --help ratio: "
        f"{med(help_t) / med(pass_t):.1f}  (goal ≤ 10)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
