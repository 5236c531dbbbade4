#!/usr/bin/env python3
"""First start: time to create, migrate and seed a new database (target ≤ 5 s).

Prints a table: median of several runs for the whole first start, and its parts, with the
time to merely open an existing database as the baseline measured in the same run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from k2planner.db.database import open_database
from k2planner.paths import resources_dir

RUNS = 5


def main() -> int:
    """Run the benchmark and print the figures."""
    res = resources_dir()
    first, reopen = [], []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "k.sqlite"
            t = time.perf_counter()
            db = open_database(path, res)
            first.append(time.perf_counter() - t)
            db.engine.dispose()
            t = time.perf_counter()
            db = open_database(path, res)
            reopen.append(time.perf_counter() - t)
            db.engine.dispose()
            size = path.stat().st_size
    f, r = statistics.median(first), statistics.median(reopen)
    print(f"{'measure':<36}{'median':>10}")
    print(f"{'first start (create+migrate+seed)':<36}{f:>9.2f}s")
    print(f"{'open existing database (baseline)':<36}{r:>9.2f}s")
    print(f"{'ratio first start / reopen':<36}{f / r:>9.1f}x")
    print(f"{'database size':<36}{size / 1e6:>8.1f}MB")
    print(f"target: first start <= 5 s -> {'met' if f <= 5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
