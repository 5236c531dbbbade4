"""The one implementation of SQLite's online backup: a consistent copy of a database.

Used for the backup before a migration, for "Back up", and for restore (copying a validated
backup over the live database). The copy is made page by page by SQLite itself, so it is
consistent even while other connections write.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to ``path`` (never writes to the file)."""
    return sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True)


def copy_database(source: sqlite3.Connection, target: sqlite3.Connection | Path) -> None:
    """Copy every page of ``source`` into ``target`` (a connection, or a file to create)."""
    if isinstance(target, sqlite3.Connection):
        source.backup(target)
        return
    dst = sqlite3.connect(target)
    try:
        source.backup(dst)
    finally:
        dst.close()


def copy_file(source: Path, target: Path) -> None:
    """Copy the database file ``source`` to the new file ``target``."""
    src = open_read_only(source)
    try:
        copy_database(src, target)
    finally:
        src.close()
