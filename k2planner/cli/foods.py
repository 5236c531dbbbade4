"""``k2planner foods search TEXT``: foods with every vitamin K form and its source."""

from __future__ import annotations

import argparse
from typing import Any

from k2planner.cli.common import CliError, fmt, open_db, print_json, print_table
from k2planner.domain.nutrients import Nutrient


def register(sub: Any) -> None:
    """Add the ``foods`` command."""
    p = sub.add_parser("foods", help="search the food database")
    fsub = p.add_subparsers(dest="foods_command", metavar="ACTION", required=True)
    s = fsub.add_parser("search", help="foods whose name contains every word of TEXT")
    s.add_argument("text", nargs="+", help="words to look for, e.g. gouda")
    s.add_argument("--limit", type=int, default=25, help="at most this many foods (default 25)")
    s.add_argument("--json", action="store_true", help="print JSON with every value's source")
    s.set_defaults(handler=search)


def search(args: argparse.Namespace) -> int:
    """Print matching foods."""
    from k2planner.services.catalog import CatalogService
    from k2planner.services.serialize import food_to_dict

    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    db = open_db(args)
    foods = CatalogService(db.engine).search_foods(" ".join(args.text), args.limit)
    if args.json:
        print_json([food_to_dict(f) for f in foods])
        return 0
    if not foods:
        print(f"No food matches {' '.join(args.text)!r}.")
        return 0
    rows = []
    for f in foods:
        k2 = f.k2
        other = [
            f.value(n)
            for n in (Nutrient.MK5, Nutrient.MK6, Nutrient.MK8, Nutrient.MK9, Nutrient.MK10)
        ]
        known = [v for v in other if v is not None]
        rows.append(
            [
                f.source_id,
                f.name[:48],
                f.group[:24],
                fmt(f.value(Nutrient.K1)),
                fmt(f.value(Nutrient.MK4)),
                fmt(f.value(Nutrient.MK7)),
                fmt(sum(known) if known else None),
                fmt(k2.total_ug),
                k2.coverage.value,
            ]
        )
    print("Vitamin K per 100 g in µg; – = not measured (unknown, not zero).")
    print_table(
        ["source", "food", "group", "K1", "MK-4", "MK-7", "other MK", "K2", "K2 coverage"],
        rows,
        right={3, 4, 5, 6, 7},
    )
    return 0
