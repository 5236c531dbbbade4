"""SQL the importer, the exporter and the restore need, kept in the db layer.

Functions take a ``Session`` (or, for a file check, a path); callers own the transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlmodel import Session


def food_names(session: Session) -> Iterator[tuple[int, str, str]]:
    """(id, source id, name) of every food (to find duplicates)."""
    yield from session.connection().exec_driver_sql("SELECT id, source_id, name FROM food")


def food_ids(session: Session, *, user_only: bool) -> set[int]:
    """Ids of every food, or of the user's own foods."""
    sql = "SELECT id FROM food" + (" WHERE is_user" if user_only else "")
    return {int(r[0]) for r in session.connection().exec_driver_sql(sql)}


def food_extras(session: Session) -> dict[int, tuple[bool, str]]:
    """For each food: whether its flags were set by the user, and its tags."""
    sql = "SELECT id, flags_user_set, tags FROM food"
    return {int(r[0]): (bool(r[1]), str(r[2])) for r in session.connection().exec_driver_sql(sql)}


def delete_values(session: Session, food_id: int, nutrients: Iterable[str] | None = None) -> None:
    """Delete a food's nutrient values: all of them, or only ``nutrients``."""
    conn = session.connection()
    if nutrients is None:
        conn.exec_driver_sql("DELETE FROM nutrientvalue WHERE food_id = ?", (food_id,))
        return
    conn.exec_driver_sql(
        "DELETE FROM nutrientvalue WHERE food_id = ? AND nutrient = ?",
        [(food_id, n) for n in nutrients],
    )


def insert_values(
    session: Session, food_id: int, rows: Iterable[tuple[str, float, str, str]]
) -> None:
    """Insert (nutrient, value, source, tier) rows for a food."""
    session.connection().exec_driver_sql(
        "INSERT INTO nutrientvalue (food_id, nutrient, value, source, tier) VALUES (?, ?, ?, ?, ?)",
        [(food_id, n, v, s, t) for n, v, s, t in rows],
    )


def insert_value_rows(session: Session, rows: list[tuple[int, str, float, str, str]]) -> None:
    """Insert (food id, nutrient, value, source, tier) rows of many foods in one statement."""
    if rows:
        session.connection().exec_driver_sql(
            "INSERT INTO nutrientvalue (food_id, nutrient, value, source, tier)"
            " VALUES (?, ?, ?, ?, ?)",
            rows,
        )


def meal_id_by_key(session: Session, key: str) -> int | None:
    """The id of the meal with this key, if any."""
    row = session.connection().exec_driver_sql("SELECT id FROM meal WHERE key = ?", (key,)).first()
    return None if row is None else int(row[0])


def set_meal_is_user(session: Session, meal_id: int, is_user: bool) -> None:
    """Mark a meal as the user's own (or bundled)."""
    session.connection().exec_driver_sql(
        "UPDATE meal SET is_user = ? WHERE id = ?", (is_user, meal_id)
    )


def check_database_file(path: Path) -> tuple[str, int]:
    """(SQLite integrity check result, number of foods) of a database file, opened read-only.

    Raises sqlite3.DatabaseError for a file that is not a readable database."""
    uri = f"file:{path.resolve().as_posix()}?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        ok = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        foods = int(conn.execute("SELECT COUNT(*) FROM food").fetchone()[0])
    finally:
        conn.close()
    return ok, foods
