#!/usr/bin/env python3
"""Import speed: a 10,000-row CSV (read, check, import in one transaction). Target ≤ 3 s.

Prints the time of each phase, the rows per second, how often the progress callback moved,
and as a baseline the time to merely read the same file with the csv module (same run).
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from k2planner.db.database import open_database
from k2planner.paths import resources_dir
from k2planner.services.import_read import read_import
from k2planner.services.importer import ImportService

ROWS = 10_000


def make_csv(path: Path, rows: int, seed: int = 1) -> None:
    """A dietitian-style spreadsheet: semicolons, decimal commas, some empty cells."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(
            [
                "Food",
                "Group",
                "kcal",
                "Protein (g)",
                "Fat (g)",
                "Carbohydrate (g)",
                "Vitamin K1 (µg)",
                "MK-4 (µg)",
                "MK-7 (µg)",
                "Vitamin K2 (µg)",
            ]
        )

        def num(x: float) -> str:
            return f"{x:.2f}".replace(".", ",")

        def maybe(hi: float) -> str:
            return "" if rng.random() < 0.2 else num(rng.uniform(0, hi))

        for i in range(rows):
            p, f_, c = rng.uniform(0, 25), rng.uniform(0, 30), rng.uniform(0, 40)
            w.writerow(
                [
                    f"Imported food {i} {rng.choice(['cheese', 'kefir', 'sauerkraut'])}",
                    rng.choice(["Dairy", "Vegetables", "Deli"]),
                    num(4 * p + 9 * f_ + 4 * c),
                    num(p),
                    num(f_),
                    num(c),
                    maybe(300),
                    maybe(30),
                    maybe(100),
                    maybe(80),
                ]
            )


def _recorder(ticks: list[int]) -> Callable[[int, int], None]:
    def record(done: int, _total: int) -> None:
        ticks.append(done)

    return record


def main() -> int:
    """Run the benchmark."""
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.csv"
        make_csv(src, ROWS)
        for r in range(3):
            db = open_database(Path(tmp) / f"db{r}.sqlite", resources_dir())
            t0 = time.perf_counter()
            parsed = read_import(src)
            t1 = time.perf_counter()
            ticks: list[int] = []
            summary = ImportService(db.engine).commit(parsed, progress=_recorder(ticks))
            t2 = time.perf_counter()
            db.engine.dispose()
            assert summary.added == ROWS, summary.text()
            runs.append((t1 - t0, t2 - t1, t2 - t0, len(ticks)))
        t = time.perf_counter()
        with src.open(encoding="utf-8") as f:
            n = sum(1 for _ in csv.reader(io.StringIO(f.read()), delimiter=";"))
        baseline = time.perf_counter() - t
    read = statistics.median(x[0] for x in runs)
    write = statistics.median(x[1] for x in runs)
    total = statistics.median(x[2] for x in runs)
    print(f"{'phase':<34}{'median':>10}")
    print(f"{f'read and check {ROWS:,} rows':<34}{read:>9.2f}s")
    print(f"{'import (one transaction)':<34}{write:>9.2f}s")
    print(f"{'total':<34}{total:>9.2f}s   ({ROWS / total:,.0f} rows/s)")
    print(
        f"{'baseline: csv.reader only':<34}{baseline:>9.3f}s   ({n - 1:,} rows; ratio "
        f"{total / baseline:.0f}x)"
    )
    print(f"progress callback calls per import: {runs[0][3]}")
    print(f"target: total <= 3 s -> {'met' if total <= 3 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
