"""``k2planner list`` and ``k2planner print list|pack --pdf FILE``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from k2planner.cli.common import CliError, open_db
from k2planner.domain.staples import Staples

if TYPE_CHECKING:
    from k2planner.services.planning import PlanOutcome
    from k2planner.services.shopping import ShoppingService


def register(sub: Any) -> None:
    """Add the ``list`` and ``print`` commands."""
    ls = sub.add_parser("list", help="the shopping list of a stored plan")
    ls.add_argument("--format", choices=["text", "md", "csv"], default="text")
    ls.add_argument("--plan", type=int, help="plan id (default: the newest)")
    ls.add_argument("--staples", choices=[s.value for s in Staples], default=Staples.APART.value)
    ls.add_argument("--output", "-o", type=Path, help="write to a file instead of the terminal")
    ls.set_defaults(handler=run_list)
    pr = sub.add_parser("print", help="print the shopping list or the weekly pack to PDF")
    pr.add_argument("what", choices=["list", "pack"])
    pr.add_argument("--pdf", type=Path, required=True, help="PDF file to write")
    pr.add_argument("--plan", type=int, help="plan id (default: the newest)")
    pr.add_argument("--page", choices=["a4", "letter"], default="a4")
    pr.add_argument("--staples", choices=[s.value for s in Staples], default=Staples.APART.value)
    pr.set_defaults(handler=run_print)


def _outcome(args: argparse.Namespace) -> tuple[PlanOutcome, ShoppingService]:
    from k2planner.services.planning import PlanningService
    from k2planner.services.shopping import ShoppingService

    db = open_db(args)
    outcome = PlanningService(db.engine).load(args.plan)
    if outcome is None:
        which = f"#{args.plan}" if args.plan else "yet"
        raise CliError(f"no stored plan {which}: run 'k2planner plan' first")
    return outcome, ShoppingService(db.engine)


def run_list(args: argparse.Namespace) -> int:
    """Print or save the list as text, Markdown or CSV."""
    from k2planner.services.shopping_export import to_csv, to_markdown, to_text

    outcome, shopping = _outcome(args)
    view = shopping.build(outcome, Staples(args.staples))
    text = {"text": to_text, "md": to_markdown, "csv": to_csv}[args.format](view)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def run_print(args: argparse.Namespace) -> int:
    """Write a PDF with Qt's print support (works without a display)."""
    outcome, shopping = _outcome(args)
    view = shopping.build(outcome, Staples(args.staples))
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from k2planner.ui import printing

    printing.ensure_app()
    if not printing.fonts_available():
        raise CliError(
            "Qt finds no fonts, so the PDF would have no text. Install a font "
            "package (e.g. fonts-dejavu-core)."
        )
    doc = (
        printing.list_document(view)
        if args.what == "list"
        else printing.pack_document(outcome, view)
    )
    args.pdf.parent.mkdir(parents=True, exist_ok=True)
    printing.write_pdf(doc, args.pdf, printing.PageSize(args.page))
    print(f"wrote {args.pdf}")
    return 0
