"""One-click backup (SQLite's backup API: a consistent copy) and validated restore."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import migrate, repo_foods, repo_import
from k2planner.db.sqlite_copy import copy_database, open_read_only


class RestoreError(Exception):
    """The file cannot be restored; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did."""

    restored_from: Path
    previous_saved_as: Path
    migrated_from: str | None
    foods: int
    meals: int


def backup(engine: Engine, target: Path) -> Path:
    """Copy the live database to ``target`` (consistent even while the app runs)."""
    target = target.expanduser()
    if target.is_dir():
        target = target / f"k2planner-backup-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        copy_database(driver, tmp)
    tmp.replace(target)
    return target


def validate_backup(path: Path) -> migrate.FileState:
    """Check that ``path`` is a readable K2 Planner database this version can open."""
    if not path.is_file():
        raise RestoreError(f"{path} does not exist")
    try:
        state = migrate.inspect_file(path)
        migrate.check_compatible(state, path)
    except migrate.DatabaseError as exc:
        raise RestoreError(str(exc)) from exc
    if state.revision is None:
        raise RestoreError(f"{path} is not a K2 Planner database (no schema version)")
    try:
        ok, foods = repo_import.check_database_file(path)
    except sqlite3.DatabaseError as exc:
        raise RestoreError(f"{path} is damaged ({exc})") from exc
    if ok != "ok":
        raise RestoreError(f"{path} is damaged (SQLite integrity check: {ok})")
    if foods == 0:
        raise RestoreError(f"{path} holds no foods; it is not a usable backup")
    return state


def restore(engine: Engine, source: Path, keep_dir: Path) -> RestoreReport:
    """Replace the live database's content with ``source`` (validated first).

    The current content is first saved in ``keep_dir``; an older schema is migrated after.
    """
    state = validate_backup(source)
    saved = backup(
        engine, keep_dir / f"k2planner-before-restore-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
    )
    src = open_read_only(source)
    try:
        with engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            copy_database(src, driver)
    finally:
        src.close()
    engine.dispose()
    migrated = None
    if state.revision != migrate.head_revision():
        migrate.upgrade(engine)
        migrated = state.revision
    with Session(engine) as s:
        foods = repo_foods.count_rows(s, "food")
        meals = repo_foods.count_rows(s, "meal")
    return RestoreReport(source, saved, migrated, foods, meals)


class BackupService:
    """Backup and restore of one live database; earlier states are kept in ``keep_dir``."""

    def __init__(self, engine: Engine, keep_dir: Path) -> None:
        self._engine = engine
        self.keep_dir = keep_dir

    def backup(self, target: Path) -> Path:
        """Copy the live database to ``target`` (a file or a folder)."""
        return backup(self._engine, target)

    def validate(self, source: Path) -> migrate.FileState:
        """Raise RestoreError unless ``source`` is a backup this version can restore."""
        return validate_backup(source)

    def restore(self, source: Path) -> RestoreReport:
        """Replace the live content with ``source``; the current content is saved first."""
        return restore(self._engine, source, self.keep_dir)
