"""``k2planner --self-test``: open or create the database and report what it holds."""

from __future__ import annotations

import argparse
import time

from k2planner import __version__
from k2planner.cli.common import open_db
from k2planner.services.catalog import CatalogService


def run(args: argparse.Namespace) -> int:
    """Print counts and the database path; exit 0 when the database is usable."""
    t0 = time.perf_counter()
    db = open_db(args)
    t_open = time.perf_counter() - t0
    counts = CatalogService(db.engine).counts()
    state = "created and seeded" if db.seeded else "opened"
    print(f"k2planner {__version__} self-test")
    print(f"database: {db.path} ({state} in {t_open:.2f} s)")
    if db.backup:
        print(f"migrated from schema {db.migrated_from}; backup: {db.backup}")
    print(f"foods: {counts.foods:,} ({counts.user_foods} your own)")
    print(f"meals: {counts.meals}")
    print(f"nutrient values: {counts.nutrient_values:,}; portions: {counts.portions:,}")
    ok = counts.foods > 0 and counts.meals > 0
    print("OK" if ok else "FAILED: the database holds no foods or meals")
    return 0 if ok else 1
