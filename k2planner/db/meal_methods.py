"""The methods of the bundled meals (``resources/meals/methods.toml``), written into the database.

A new database gets them when it is seeded; an existing one gets them (and any corrected
method) when the file's digest differs from the one stored in ``meta``. Only bundled meals are
touched: the user's own and imported meals keep their methods.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import Engine

from k2planner.domain.meals import join_method

METHODS_KEY = "methods_sha256"
MAX_MINUTES = 24 * 60


class MethodFileError(ValueError):
    """The bundled methods file is malformed (names the meal and what is wrong)."""


@dataclass(frozen=True)
class MethodSpec:
    """A bundled meal's method: steps, prep and cook minutes."""

    steps: tuple[str, ...]
    prep_minutes: int
    cook_minutes: int


def parse_methods(raw: str, where: str = "methods.toml") -> dict[str, MethodSpec]:
    """Parse the methods file: 3 to 8 non-empty steps and two plausible times per meal key."""
    data = tomllib.loads(raw)
    out = {}
    for key, entry in data.items():
        try:
            steps = tuple(str(s).strip() for s in entry["steps"])
            prep, cook = (int(x) for x in entry["time"])
        except (KeyError, TypeError, ValueError) as exc:
            raise MethodFileError(f"{where}, [{key}]: needs steps and time = [prep, cook]") from exc
        if not 3 <= len(steps) <= 8 or not all(steps):
            raise MethodFileError(f"{where}, [{key}]: a method has 3 to 8 non-empty steps")
        if not (0 <= prep <= MAX_MINUTES and 0 <= cook <= MAX_MINUTES) or prep + cook == 0:
            raise MethodFileError(f"{where}, [{key}]: {prep} + {cook} minutes is not plausible")
        out[key] = MethodSpec(steps, prep, cook)
    return out


def write_methods(conn: Connection, methods: dict[str, MethodSpec]) -> int:
    """Store the methods on the bundled meals with those keys; returns how many were written."""
    rows = [
        (join_method(m.steps), m.prep_minutes, m.cook_minutes, key) for key, m in methods.items()
    ]
    result = conn.exec_driver_sql(
        "UPDATE meal SET method = ?, prep_minutes = ?, cook_minutes = ?"
        " WHERE key = ? AND NOT is_user",
        rows,
    )
    return int(result.rowcount or 0)


def refresh_bundled_methods(engine: Engine, resources: Path) -> int:
    """Bring the bundled meals' methods up to the bundled file if it changed (one transaction)."""
    path = resources / "meals" / "methods.toml"
    raw = path.read_text(encoding="utf-8")
    digest = hashlib.sha256(raw.encode()).hexdigest()
    with engine.begin() as conn:
        stored = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": METHODS_KEY})
        if stored.scalar() == digest:
            return 0
        count = write_methods(conn, parse_methods(raw, path.name))
        conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": METHODS_KEY})
        conn.execute(
            text("INSERT INTO meta (key, value) VALUES (:k, :v)"), {"k": METHODS_KEY, "v": digest}
        )
    return count
