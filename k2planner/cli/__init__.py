"""Command line: ``k2planner`` opens the window; sub-commands serve scripts and tests.

Every sub-command uses the same services as the GUI. Errors are printed in plain language on
stderr with exit status 2 (bad input) or 1 (the operation failed).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from k2planner import __version__
from k2planner.cli.common import CliError
from k2planner.db.errors import DatabaseError, storage_problem


def _opens_window(argv: list[str]) -> bool:
    """True when the arguments only choose a database: the window opens, no parser needed."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--db" and rest:
            rest.pop(0)
        elif not arg.startswith("--db="):
            return False
    return True


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    from k2planner.cli import foods, io, meals, plan, recipes, shopping

    parser = argparse.ArgumentParser(
        prog="k2planner",
        description="Plan a week of meals that reaches a daily vitamin K2 target. "
        "Run without arguments to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"k2planner {__version__}")
    parser.add_argument("--db", metavar="PATH", help="database file (default: in your data folder)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the installation headless: create and seed a database in a temporary "
        "folder (or open --db), plan a week, print its shopping list to PDF; ends with OK",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (foods, meals, plan, shopping, io, recipes):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``k2planner`` command."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if _opens_window(args_list):  # the common case: start the window as fast as possible
        from k2planner.app import main as gui_main

        return gui_main(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        if args.self_test:
            from k2planner.cli import selftest

            return selftest.run(args)
        if args.command is None:
            from k2planner.app import main as gui_main

            return gui_main(args_list)
        try:
            result: int = args.handler(args)
        finally:
            db = getattr(args, "opened_db", None)
            if db is not None:
                from k2planner.db.engine import close_engine

                close_engine(db.engine)
        return result
    except CliError as exc:
        print(f"k2planner: {exc}", file=sys.stderr)
        return 2
    except DatabaseError as exc:
        print(f"k2planner: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # disk full, read-only folder, missing file …: a sentence, no traceback
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"k2planner: {exc.strerror or exc}{where}. The command did not complete; free "
            "some space or "
            "choose another place, and try again.",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # the last word: a sentence, never a traceback
        why = storage_problem(exc)
        if why is not None:
            print(f"k2planner: {why}. Nothing was changed.", file=sys.stderr)
            return 1
        if os.environ.get("K2PLANNER_DEBUG"):
            raise
        print(
            f"k2planner: an unexpected error stopped the command ({type(exc).__name__}: "
            f"{exc}). Nothing was saved by it. Please report this; K2PLANNER_DEBUG=1 shows the "
            "details.",
            file=sys.stderr,
        )
        return 70
