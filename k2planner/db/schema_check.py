"""Does a database file have exactly the schema of a known revision of this app?

Used before a restore: a file of another app that carries a known revision number, a backup
with a dropped column, or one carrying a trigger or a view must be refused before it can
replace the live database. The reference is an empty database migrated to the file's revision.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from k2planner.db.engine import make_memory_engine
from k2planner.db.migrate import upgrade

Schema = dict[tuple[str, str], tuple[tuple[str, str, int, int], ...]]
"""(type, name) of each object → its columns (name, type, not null, primary key); indexes and
other objects have no columns here."""


def _schema(conn: sqlite3.Connection) -> Schema:
    out: Schema = {}
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ):
        cols: tuple[tuple[str, str, int, int], ...] = ()
        if kind == "table":
            cols = tuple(
                (str(r[1]), str(r[2]).upper(), int(r[3]), int(r[5]))
                for r in conn.execute(f'PRAGMA table_info("{name}")')
            )
        out[(str(kind), str(name))] = cols
    return out


def reference_schema(revision: str) -> Schema:
    """The schema of an empty database at ``revision``."""
    engine = make_memory_engine()
    try:
        upgrade(engine, revision)
        with engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            return _schema(driver)
    finally:
        engine.dispose()


def schema_problems(conn: sqlite3.Connection, revision: str) -> list[str]:
    """What differs between the open database and a clean one at ``revision`` ([] = none)."""
    have, want = _schema(conn), reference_schema(revision)
    problems = []
    for kind, name in sorted(set(have) - set(want)):
        what = "a trigger (it could change data)" if kind == "trigger" else f"an extra {kind}"
        problems.append(f"it contains {what} named {name!r}")
    for kind, name in sorted(set(want) - set(have)):
        problems.append(f"the {kind} {name!r} is missing")
    for key in sorted(set(have) & set(want)):
        if have[key] != want[key]:
            got = {c[0] for c in have[key]}
            expected = {c[0] for c in want[key]}
            missing = sorted(expected - got)
            extra = sorted(got - expected)
            detail = (
                "; ".join(
                    part
                    for part in (
                        f"missing column(s) {', '.join(missing)}" if missing else "",
                        f"extra column(s) {', '.join(extra)}" if extra else "",
                    )
                    if part
                )
                or "its columns have other types"
            )
            problems.append(f"the table {key[1]!r} differs: {detail}")
    return problems


def file_schema_problems(path: Path, revision: str) -> list[str]:
    """``schema_problems`` for a file, opened read-only."""
    conn = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro&immutable=1", uri=True)
    try:
        return schema_problems(conn, revision)
    finally:
        conn.close()
