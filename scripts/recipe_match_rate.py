"""How many ingredient lines of ordinary recipes match a food with grams (the issue's ≥ 80 %).

Reads every recipe fixture in ``tests/data/recipes`` (one file per supported app or format)
into a fresh in-memory database seeded with the bundled foods, and prints, per file and in
all, the lines matched to a food with an amount in grams. ``--lines`` prints every line with
its match, grams and confidence; ``--json`` prints the figures as JSON.

    python scripts/recipe_match_rate.py [--lines] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from k2planner.db.database import open_memory_database  # noqa: E402
from k2planner.paths import resources_dir  # noqa: E402
from k2planner.services.recipe_import import RecipeImportService  # noqa: E402

FIXTURES = ROOT / "tests" / "data" / "recipes"
SKIP = {"recipes.json", "recipes_more.json", "make_fixtures.py"}


def main() -> int:
    """Print the match rate per fixture file and in all."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", action="store_true", help="print every line")
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args()
    db = open_memory_database(resources_dir())
    service = RecipeImportService(db.engine)
    rows = []
    matched = total = 0
    for path in sorted(p for p in FIXTURES.iterdir() if p.name not in SKIP):
        preview = service.preview(path)
        m = sum(r.matched_lines for r in preview.recipes)
        n = sum(len(r.lines) for r in preview.recipes)
        matched, total = matched + m, total + n
        rows.append(
            {
                "file": path.name,
                "app": preview.origin,
                "recipes": len(preview.recipes),
                "lines": n,
                "matched": m,
            }
        )
        if args.lines and not args.json:
            for r in preview.recipes:
                print(f"\n{path.name} › {r.name} ({r.servings} servings)")
                for ln in r.lines:
                    grams = f"{ln.grams:7.1f} g" if ln.grams is not None else "      ? g"
                    print(
                        f"  {'✓' if ln.usable else '✗'} {ln.text[:44]:44} → "
                        f"{ln.food_name[:40]:40} {grams} {ln.confidence:.2f}"
                    )
    held = [r for r in rows if r["file"].startswith("heldout")]
    hm, ht = sum(r["matched"] for r in held), sum(r["lines"] for r in held)
    share = matched / total if total else 0.0
    if args.json:
        out = {
            "files": rows,
            "matched": matched,
            "lines": total,
            "share": round(share, 4),
            "held_out": {"matched": hm, "lines": ht},
        }
        print(json.dumps(out, indent=2))
        return 0
    print(f"\n{'file':34} {'app':12} {'recipes':>7} {'lines':>6} {'matched':>8}")
    for r in rows:
        print(
            f"{r['file']:34} {r['app']:12} {r['recipes']:7} {r['lines']:6} {r['matched']:5} "
            f"({r['matched'] / max(1, r['lines']):.0%})"
        )
    print(f"\nIn all: {matched} of {total} ingredient lines match a food with grams ({share:.1%}).")
    if ht:
        print(f"Held-out lines alone: {hm} of {ht} ({hm / ht:.1%}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
