"""One-click backup (SQLite's backup API: a consistent copy) and validated restore."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import migrate, repo_foods, repo_import
from k2planner.db.engine import make_file_engine
from k2planner.db.schema_check import file_schema_problems
from k2planner.db.sqlite_copy import copy_database, copy_file, open_read_only


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
    problems = file_schema_problems(path, state.revision)
    if problems:
        raise RestoreError(
            f"{path} is not a K2 Planner backup this version can trust: "
            + "; ".join(problems[:5])
            + ". Nothing was changed."
        )
    if foods == 0:
        raise RestoreError(f"{path} holds no foods; it is not a usable backup")
    return state


def restore(engine: Engine, source: Path, keep_dir: Path) -> RestoreReport:
    """Replace the live database's content with ``source`` (validated first).

    The current content is first saved in ``keep_dir``; an older schema is migrated after.
    """
    state = validate_backup(source)
    keep_dir.mkdir(parents=True, exist_ok=True)
    staged = keep_dir / f"k2planner-restore-{datetime.now():%Y%m%d-%H%M%S}.staging"
    copy_file(source, staged)  # the backup is copied, migrated and checked away from the live file
    try:
        migrated = _prepare(staged, state.revision)
        saved = backup(
            engine, keep_dir / f"k2planner-before-restore-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
        )
        try:
            _copy_into(engine, staged)
            with Session(engine) as s:
                foods = repo_foods.count_rows(s, "food")
                meals = repo_foods.count_rows(s, "meal")
        except Exception:
            _copy_into(engine, saved)  # put the previous content back
            raise
    finally:
        staged.unlink(missing_ok=True)
    return RestoreReport(source, saved, migrated, foods, meals)


def _prepare(staged: Path, revision: str | None) -> str | None:
    """Migrate a staged copy to this version's schema and check it; the old revision or None."""
    engine = make_file_engine(staged)
    try:
        migrated = None
        if revision != migrate.head_revision():
            migrate.upgrade(engine)
            migrated = revision
        with Session(engine) as s:
            repo_foods.count_rows(s, "food")
    except Exception as exc:
        raise RestoreError(
            f"the backup could not be brought up to date ({exc}); nothing was changed"
        ) from exc
    finally:
        engine.dispose()
    problems = file_schema_problems(staged, migrate.head_revision())
    if problems:
        raise RestoreError("the migrated backup is not sound: " + "; ".join(problems[:5]))
    return migrated


def _copy_into(engine: Engine, source: Path) -> None:
    src = open_read_only(source)
    try:
        with engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            copy_database(src, driver)
    finally:
        src.close()
    engine.dispose()


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
