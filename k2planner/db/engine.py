"""SQLite engine with the pragmas the app relies on (WAL, foreign keys)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine

BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another (an import in the other window, the CLI) to finish."""


def begin_write(conn: Connection) -> None:
    """Start the connection's transaction as a writer at once (BEGIN IMMEDIATE).

    A transaction that reads first and writes later cannot wait for another writer under WAL:
    SQLite refuses it at once ("database is locked"). Taking the write lock first makes a
    second import or a plan saved during an import wait its turn instead."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.close()


def _on_connect_file(dbapi_connection: Any, record: Any) -> None:
    _on_connect(dbapi_connection, record)
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def make_file_engine(path: Path) -> Engine:
    """An engine on the SQLite file ``path`` (WAL journal, foreign keys on)."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect_file)
    return engine


def make_memory_engine() -> Engine:
    """An in-memory engine shared by all sessions (tests and dry runs)."""
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    event.listen(engine, "connect", _on_connect)
    return engine


def close_engine(engine: Engine) -> None:
    """Checkpoint the write-ahead log into the database file and close every connection.

    After this the ``.sqlite`` file alone holds everything (preferences and plans included):
    copying it is a complete copy, and no ``-wal`` file is left behind.
    """
    # Closing must not fail: if the checkpoint cannot run (another process holds the
    # database), SQLite replays the log on the next open.
    with contextlib.suppress(Exception), engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
