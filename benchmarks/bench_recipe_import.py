#!/usr/bin/env python3
"""Recipe import speed: a Paprika export of N recipes read, matched and stored.

The export is made from the fixture recipes (tests/data/recipes) repeated under new names, so
every line goes through the parser and the matcher. Printed per size: reading alone (the
baseline, measured in the same run), the whole review (read + parse + match + grams), and
storing; lines per second of the review. One warm-up first (the parser loads its model).

usage: python benchmarks/bench_recipe_import.py [--sizes 50,500]
This is a benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from k2planner.db.database import open_memory_database  # noqa: E402
from k2planner.domain.recipes.reader import read_recipe_file  # noqa: E402
from k2planner.paths import resources_dir  # noqa: E402
from k2planner.services.recipe_import import RecipeImportService  # noqa: E402

DATA = ROOT / "tests" / "data" / "recipes"


def make_export(path: Path, n: int) -> int:
    """A .paprikarecipes file of ``n`` recipes; returns its number of ingredient lines."""
    source = json.loads((DATA / "recipes.json").read_text(encoding="utf-8"))
    more = json.loads((DATA / "recipes_more.json").read_text(encoding="utf-8"))
    pool = source + more["paprika"] + more["schema"] + more["tandoor"]
    buf = io.BytesIO()
    lines = 0
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(n):
            r = pool[i % len(pool)]
            doc = {
                "name": f"{r['name']} {i}",
                "ingredients": "\n".join(r["lines"]),
                "directions": "\n\n".join(r["steps"]),
                "servings": r["yield"],
            }
            lines += len(r["lines"])
            zf.writestr(f"{i}.paprikarecipe", gzip.compress(json.dumps(doc).encode(), mtime=0))
    path.write_bytes(buf.getvalue())
    return lines


def main() -> int:
    """Print the figures for each size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50,500")
    args = ap.parse_args()
    db = open_memory_database(resources_dir())
    service = RecipeImportService(db.engine)
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.paprikarecipes"
        make_export(warm, 3)
        service.preview(warm)
        print(
            f"{'recipes':>8} {'lines':>6} {'read (baseline)':>16} {'review':>9} {'ratio':>6}"
            f" {'lines/s':>8} {'store':>7}"
        )
        for n in (int(x) for x in args.sizes.split(",")):
            path = Path(tmp) / f"export-{n}.paprikarecipes"
            lines = make_export(path, n)
            t0 = time.perf_counter()
            read_recipe_file(path)
            read = time.perf_counter() - t0
            t0 = time.perf_counter()
            preview = service.preview(path)
            review = time.perf_counter() - t0
            t0 = time.perf_counter()
            service.commit(preview)
            store = time.perf_counter() - t0
            print(
                f"{n:8} {lines:6} {read:15.2f}s {review:8.2f}s {review / read:6.0f}"
                f" {lines / review:8.0f} {store:6.2f}s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
