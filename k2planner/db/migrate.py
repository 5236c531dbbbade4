"""Schema versioning: inspect a database file without touching it, back up, migrate.

The schema version is Alembic's revision in the ``alembic_version`` table. A database whose
revision this app does not know was written by a newer version: it is refused and its file is
left byte-for-byte untouched (it is inspected through SQLite's ``immutable`` read-only mode).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from k2planner.db.errors import HEAD_REVISION, REVISIONS
from k2planner.db.errors import DatabaseError as DatabaseError
from k2planner.db.errors import NewerDatabaseError as NewerDatabaseError
from k2planner.db.sqlite_copy import copy_file

if TYPE_CHECKING:  # Alembic loads only when a migration runs
    from alembic.config import Config
    from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
OUR_TABLES = frozenset({"food", "meal", "nutrientvalue", "preference"})


@dataclass(frozen=True)
class FileState:
    """What a database file holds, read without modifying it."""

    exists: bool
    revision: str | None
    has_tables: bool


def alembic_config() -> Config:
    """An Alembic configuration pointing at our migration scripts."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def known_revisions() -> list[str]:
    """All revisions this app knows, oldest first."""
    return list(REVISIONS)


def head_revision() -> str:
    """The newest schema revision this app knows."""
    return HEAD_REVISION


def script_revisions() -> list[str]:
    """The revisions of the migration scripts, oldest first (Alembic; for the tests)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def inspect_file(path: Path) -> FileState:
    """Read the schema revision of ``path`` without changing a byte of it.

    Raises DatabaseError when the file is not an SQLite database of this app.
    """
    if not path.exists():
        return FileState(exists=False, revision=None, has_tables=False)
    if path.stat().st_size == 0:
        raise DatabaseError(
            f"{path} is empty (0 bytes): it holds no data, which usually means it was damaged "
            "or cut short. If it was your database, restore a backup; to start afresh, move "
            "or delete the file. It was not changed."
        )
    # "immutable" guarantees SQLite writes nothing, not even a -shm file; but it ignores a
    # write-ahead log, so a file with a non-empty -wal (in use, or not closed cleanly) is read
    # in plain read-only mode, which still never writes to the database file itself.
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() and wal.stat().st_size > 0 else "mode=ro&immutable=1"
    uri = f"file:{path.resolve().as_posix()}?{flags}"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"{path} is not a k2planner database (SQLite says: {exc}). It was not changed."
        ) from exc
    if tables and revision is None and not tables >= OUR_TABLES:
        raise DatabaseError(
            f"{path} is an SQLite database of another program, not a k2planner database. "
            "It was not changed; choose another file."
        )
    return FileState(exists=True, revision=revision, has_tables=bool(tables))


def check_compatible(state: FileState, path: Path) -> None:
    """Refuse a database with a schema revision this app does not know."""
    if state.revision is not None and state.revision not in known_revisions():
        raise NewerDatabaseError(
            f"The database {path} uses schema version {state.revision!r}, which is newer than "
            f"this version of k2planner knows (up to {head_revision()!r}). It was probably "
            "written by a newer k2planner. Install the newer version, or start this one with "
            "another database (--db PATH). The file was not changed."
        )


def backup_file(path: Path, revision: str) -> Path:
    """Copy ``path`` with SQLite's backup API to a timestamped file beside it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.stem}.backup-{revision}-{stamp}{path.suffix or '.sqlite'}")
    copy_file(path, target)
    return target


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run the pending migrations up to ``target`` on ``engine`` in one transaction."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
