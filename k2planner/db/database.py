"""Open the app's database: refuse unknown schemas, back up, migrate, seed on first start."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from k2planner.db import migrate
from k2planner.db.diet_refresh import refresh_diet_flags
from k2planner.db.engine import make_file_engine, make_memory_engine
from k2planner.db.meal_methods import refresh_bundled_methods
from k2planner.db.seed import SeedReport, is_seeded, seed_database
from k2planner.db.seed_refresh import refresh_bundled_foods


@dataclass(frozen=True)
class OpenedDatabase:
    """An open database and what happened while opening it."""

    engine: Engine
    path: Path | None
    created: bool
    migrated_from: str | None
    backup: Path | None
    seeded: SeedReport | None


def open_database(path: Path, resources: Path, *, seed: bool = True) -> OpenedDatabase:
    """Open (creating if needed) the database file at ``path``.

    Raises migrate.DatabaseError (with a message for the user) for a file of another program
    or of a newer version; such a file is not modified.
    """
    state = migrate.inspect_file(path)
    migrate.check_compatible(state, path)
    head = migrate.head_revision()
    backup = None
    migrated_from = None
    if state.revision is not None and state.revision != head:
        backup = migrate.backup_file(path, state.revision)
        migrated_from = state.revision
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_file_engine(path)
    if state.revision != head:  # Alembic loads only when there is something to migrate
        migrate.upgrade(engine)
    report = seed_database(engine, resources) if seed and not is_seeded(engine) else None
    if seed:
        refresh_bundled_foods(engine, resources)
        refresh_bundled_methods(engine, resources)
    refresh_diet_flags(engine)
    return OpenedDatabase(engine, path, not state.has_tables, migrated_from, backup, report)


def open_memory_database(resources: Path | None, *, seed: bool = True) -> OpenedDatabase:
    """A migrated in-memory database (tests, dry runs), seeded when ``resources`` is given."""
    engine = make_memory_engine()
    migrate.upgrade(engine)
    report = seed_database(engine, resources) if seed and resources is not None else None
    if report is not None and resources is not None:
        refresh_bundled_methods(engine, resources)
    refresh_diet_flags(engine)
    return OpenedDatabase(engine, None, True, None, None, report)
