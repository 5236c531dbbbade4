"""``k2planner meals list``: bundled and user meals with derived nutrients."""

from __future__ import annotations

import argparse
from typing import Any

from k2planner.cli.common import CliError, open_db, print_json, print_table
from k2planner.domain.diet import parse_restrictions
from k2planner.domain.meals import Slot


def register(sub: Any) -> None:
    """Add the ``meals`` command."""
    p = sub.add_parser("meals", help="list meals")
    msub = p.add_subparsers(dest="meals_command", metavar="ACTION", required=True)
    ls = msub.add_parser("list", help="meals with K2, K1 and energy per serving")
    ls.add_argument("--diet", default="", help="comma-separated, e.g. vegetarian,dairy-free")
    ls.add_argument("--slot", choices=[s.value for s in Slot], help="only meals for this slot")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(handler=list_meals)


def list_meals(args: argparse.Namespace) -> int:
    """Print the meals allowed under ``--diet``."""
    from k2planner.services.catalog import CatalogService
    from k2planner.services.serialize import meal_to_dict

    try:
        restrictions = parse_restrictions(args.diet)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    db = open_db(args)
    views = CatalogService(db.engine).meals(restrictions, Slot(args.slot) if args.slot else None)
    if args.json:
        print_json([meal_to_dict(v) for v in views])
        return 0
    rows = [
        [
            v.meal.name[:56],
            ",".join(s.value[:1].upper() for s in v.meal.slots),
            v.nutrition.k2.text(1).removesuffix(" µg"),
            f"{v.nutrition.k1_ug:.1f}",
            f"{v.nutrition.energy_kcal:.0f}",
            f"{v.nutrition.k2.known_items}/{v.nutrition.k2.items}",
        ]
        for v in views
    ]
    print(
        f"{len(views)} meals. Per serving: K2 and K1 in µg, energy in kcal; "
        "K2 known = ingredients with a K2 value."
    )
    print_table(["meal", "slots", "K2", "K1", "kcal", "K2 known"], rows, right={2, 3, 4})
    return 0
