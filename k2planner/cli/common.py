"""Shared helpers of the sub-commands: opening the database, printing tables and JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from k2planner.db.database import OpenedDatabase


class CliError(Exception):
    """Bad input on the command line; the message says what and how to fix it."""


def open_db(args: argparse.Namespace) -> OpenedDatabase:
    """Open the database chosen by ``--db`` / ``$K2PLANNER_DB`` / the data folder.

    The command's ``main`` checkpoints and closes it when the command ends.
    """
    from k2planner.db.database import open_database
    from k2planner.paths import database_path, resources_dir

    db = open_database(database_path(args.db), resources_dir())
    args.opened_db = db
    return db


def print_json(data: Any) -> None:
    """Print ``data`` as indented UTF-8 JSON."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def fmt(value: float | None, digits: int = 1) -> str:
    """A number for a table; unknown is shown as "–" (never as 0)."""
    return "–" if value is None else f"{value:.{digits}f}"


def print_table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> None:
    """A plain-text table with aligned columns."""
    right = right or set()
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
