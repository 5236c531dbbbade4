#!/usr/bin/env python3
"""Import time and peak memory at 10k, 100k and 1M rows, through the command line.

Each size runs `k2planner import` (and `--dry-run`) in a fresh process on a fresh copy of a
seeded database and prints the wall time and the peak resident memory (RSS) of that process,
with a bare interpreter's RSS as the baseline measured in the same run. 1M rows is over the
import limit: the figure shows what refusing it costs.

usage: python benchmarks/bench_import_scale.py [--sizes 10000,100000,1000000]
This is a benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import make_csv

CHILD = (
    "import resource, sys\n"
    "from k2planner.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "print('RSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 'CODE', code,"
    " file=sys.stderr)\n"
)


def run(args: list[str]) -> tuple[float, float, str]:
    """(seconds, peak RSS MB, last line of output) of one child process."""
    t0 = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - t0
    tail = [ln for ln in p.stderr.splitlines() if ln.startswith("RSS")][-1].split()
    said = [ln for ln in p.stderr.splitlines() if not ln.startswith("RSS")]
    out = (p.stdout.strip().splitlines() or said or [""])[-1]
    return seconds, int(tail[1]) / 1024, out[:110]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "seed.sqlite"
        run(["--db", str(base), "foods", "search", "natto"])  # creates and seeds it
        bare = run(["--version"])
        print(f"baseline: `k2planner --version` {bare[0]:.2f} s, {bare[1]:.0f} MB RSS")
        for n in (int(x) for x in args.sizes.split(",")):
            src = Path(tmp) / f"rows{n}.csv"
            make_csv(src, n)
            for dry in (True, False):
                db = Path(tmp) / "db.sqlite"
                shutil.copy(base, db)
                extra = ["--dry-run"] if dry else []
                secs, rss, out = run(["--db", str(db), "import", *extra, str(src)])
                kind = "dry run" if dry else "import "
                print(
                    f"{n:>9,} rows {kind}: {secs:6.2f} s  {rss:6.0f} MB RSS "
                    f"({rss / bare[1]:.1f}× bare)  {out}"
                )


if __name__ == "__main__":
    main()
