"""``k2planner recipes import FILE``: recipes from Mealie, Tandoor, Paprika, schema.org,
MealMaster or plain text, as your meals."""

from __future__ import annotations

import argparse
import dataclasses
import re
from pathlib import Path
from typing import Any

from k2planner.cli.common import CliError, open_db, print_json

APPS = "Mealie (zip or JSON), Tandoor (zip), Paprika (.paprikarecipes), schema.org JSON-LD "
APPS += "(.json or a saved web page), MealMaster (.mmf) or plain text"


def register(sub: Any) -> None:
    """Add the ``recipes`` command."""
    p = sub.add_parser("recipes", help="import recipes from other apps as your meals")
    rsub = p.add_subparsers(dest="recipes_command", metavar="ACTION", required=True)
    imp = rsub.add_parser(
        "import",
        help=f"import a recipe file: {APPS}",
        description=f"Import recipes as your meals. Reads {APPS}. Each ingredient line is "
        "matched to a food and converted to grams; lines that match nothing are kept as text "
        "and count as unknown K2. Review with --dry-run --json, then change what needs it.",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="read and match, save nothing")
    imp.add_argument("--json", action="store_true", help="print every recipe and line as JSON")
    imp.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="R:L=FOOD",
        help='match line L of recipe R to food id FOOD ("none": keep it as text); repeatable',
    )
    imp.add_argument(
        "--slots", action="append", default=[], metavar="R=SLOTS", help='e.g. "2=breakfast,lunch"'
    )
    imp.add_argument(
        "--servings", action="append", default=[], metavar="R=N", help="the yield of recipe R"
    )
    imp.add_argument(
        "--skip", action="append", default=[], type=int, metavar="R", help="leave recipe R out"
    )
    imp.set_defaults(handler=run_import)


def _pairs(values: list[str], pattern: str, what: str) -> list[re.Match[str]]:
    out = []
    for v in values:
        m = re.fullmatch(pattern, v.strip())
        if m is None:
            raise CliError(f"{what} {v!r} is not understood; write it as {pattern_help(what)}")
        out.append(m)
    return out


def pattern_help(what: str) -> str:
    """How an option's value is written."""
    return {
        "--set": "RECIPE:LINE=FOOD_ID or RECIPE:LINE=none",
        "--slots": "RECIPE=breakfast,lunch",
        "--servings": "RECIPE=NUMBER",
    }[what]


def run_import(args: argparse.Namespace) -> int:
    """Read, review (with the changes asked for), then store or just report."""
    from k2planner.domain.meals import parse_slots
    from k2planner.domain.recipes.model import RecipeFileError
    from k2planner.services.recipe_import import RecipeImportService
    from k2planner.services.recipe_json import import_json

    db = open_db(args)
    service = RecipeImportService(db.engine)
    try:
        preview = service.preview(args.file)
    except RecipeFileError as exc:
        raise CliError(str(exc)) from None
    by_number = {r.number: r for r in preview.recipes}

    def recipe(n: str) -> Any:
        if int(n) not in by_number:
            raise CliError(f"there is no recipe {n} in {args.file.name} (1–{len(by_number)})")
        return by_number[int(n)]

    try:
        for m in _pairs(args.set, r"(\d+):(\d+)=(\d+|none)", "--set"):
            r = recipe(m[1])
            if not 1 <= int(m[2]) <= len(r.lines):
                raise CliError(f"recipe {m[1]} has no line {m[2]} (1–{len(r.lines)})")
            food = None if m[3] == "none" else int(m[3])
            by_number[r.number] = service.choose_food(r, int(m[2]), food)
        for m in _pairs(args.slots, r"(\d+)=([a-z, ]+)", "--slots"):
            r = recipe(m[1])
            by_number[r.number] = service.set_slots(r, parse_slots(m[2]))
        for m in _pairs(args.servings, r"(\d+)=(\d+)", "--servings"):
            r = recipe(m[1])
            by_number[r.number] = service.set_servings(r, int(m[2]))
    except ValueError as exc:
        raise CliError(str(exc)) from None
    for n in args.skip:
        recipe(str(n))
    preview = dataclasses.replace(
        preview, recipes=tuple(by_number[r.number] for r in preview.recipes)
    )
    outcome = None if args.dry_run else service.commit(preview, leave_out=args.skip)
    if args.json:
        print_json(import_json(preview, service, dry_run=args.dry_run, outcome=outcome))
        return 0
    _print_report(preview, args, outcome)
    return 0


def _print_report(preview: Any, args: argparse.Namespace, outcome: Any) -> None:
    from k2planner.services.recipe_review import SURE

    print(f"{args.file.name}: {len(preview.recipes)} recipe(s) read ({preview.origin or '?'}).")
    for r in preview.recipes:
        state = (
            "will be imported"
            if r.importable and r.number not in args.skip
            else f"already imported (meal #{r.existing_meal_id})"
            if r.existing_meal_id
            else "left out"
            if r.importable
            else "not importable"
        )
        assumed = " (guessed from its energy)" if r.servings_assumed else ""
        print(
            f"\n{r.number}. {r.name or '(no name)'}: {state}; {r.servings} servings{assumed}; "
            f"{', '.join(s.value for s in r.slots)}; "
            f"{r.matched_lines} of {len(r.lines)} lines matched"
        )
        for ln in r.lines:
            grams = f"{ln.grams:,.0f} g" if ln.grams is not None else "? g"
            food = ln.food_name or "no food: kept as text, K2 unknown"
            flag = "  " if ln.usable and ln.confidence >= SURE else "? " if ln.usable else "✗ "
            print(
                f"   {flag}{ln.number:>2}. {ln.text[:46]:46} → {food[:44]} "
                f"({grams}, {ln.confidence:.0%})"
            )
        for p in r.problems:
            print(f"   ! {p.text()}")
    for p in preview.problems:
        print(f"! {p.text()}")
    matched, total = preview.line_counts()
    print(
        f"\n{matched} of {total} lines of the importable recipes match a food with grams. "
        "Lines marked ? need a check; change one with --set R:L=FOOD_ID."
    )
    if outcome is None:
        print("Dry run: nothing was saved.")
    else:
        print(f"Imported {len(outcome.meal_ids)} recipe(s) as your meals.")
