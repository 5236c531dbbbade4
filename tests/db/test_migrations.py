"""Schema versioning: create, migrate with backup, refuse newer or foreign files untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from k2planner.db import migrate
from k2planner.db.database import OpenedDatabase, open_database
from k2planner.db.diet_refresh import refresh_diet_flags
from k2planner.db.engine import make_file_engine
from k2planner.db.seed_refresh import refresh_bundled_foods
from k2planner.domain.diet import Contains


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_empty_file_migrates_to_head(tmp_path: Path, resources: Path) -> None:
    """A new file gets every migration and the current head revision."""
    db = open_database(tmp_path / "new.sqlite", resources, seed=False)
    db.engine.dispose()
    assert db.created and db.backup is None
    assert _revision(tmp_path / "new.sqlite") == migrate.head_revision()


def test_old_schema_is_backed_up_then_migrated(tmp_path: Path, resources: Path) -> None:
    """A database at an older revision is copied aside first, then upgraded; data survive."""
    path = tmp_path / "old.sqlite"
    engine = make_file_engine(path)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO preference (key, value) VALUES ('k2_target_ug', '120')")
    engine.dispose()

    db = open_database(path, resources, seed=False)
    db.engine.dispose()

    assert db.migrated_from == "0001"
    assert db.backup is not None and db.backup.exists()
    assert _revision(db.backup) == "0001"
    with sqlite3.connect(db.backup) as conn:
        assert conn.execute("SELECT value FROM preference").fetchone() == ("120",)
    assert _revision(path) == migrate.head_revision()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM preference").fetchone() == ("120",)
        conn.execute("SELECT COUNT(*) FROM shoppingmark").fetchone()


def test_newer_schema_is_refused_and_file_untouched(tmp_path: Path, resources: Path) -> None:
    """A revision this version does not know is refused; the file keeps every byte."""
    path = tmp_path / "future.sqlite"
    db = open_database(path, resources, seed=False)
    db.engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = _sha(path)
    files_before = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(migrate.NewerDatabaseError, match="newer"):
        open_database(path, resources)

    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path, resources: Path) -> None:
    """An SQLite database of another program is not opened or changed."""
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    before = _sha(path)
    with pytest.raises(migrate.DatabaseError, match="another program"):
        open_database(path, resources)
    assert _sha(path) == before


def test_garbage_file_is_refused_untouched(tmp_path: Path, resources: Path) -> None:
    """A file that is not SQLite at all gives a clear error and is not changed."""
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is not a database\n" * 100)
    before = _sha(path)
    with pytest.raises(migrate.DatabaseError, match="not a k2planner database"):
        open_database(path, resources)
    assert _sha(path) == before


def test_pragmas_wal_and_foreign_keys(tmp_path: Path, resources: Path) -> None:
    """The file engine runs in WAL mode with foreign keys enforced."""
    db = open_database(tmp_path / "p.sqlite", resources, seed=False)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    db.engine.dispose()


def test_migrations_match_table_models() -> None:
    """The migration scripts produce exactly the schema of the table models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from k2planner.db.engine import make_memory_engine

    engine = make_memory_engine()
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
        indexes = {
            r[0]: r[1]
            for r in conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type='index'")
        }
    # Alembic cannot compare expression indexes; check the one we have by its SQL instead.
    expression = {"ix_food_name_nocase"}
    diff = [
        d for d in diff if not (d[0] in {"add_index", "remove_index"} and d[1].name in expression)
    ]
    assert diff == []
    assert "COLLATE NOCASE" in (indexes["ix_food_name_nocase"] or "")


def test_known_revisions_match_the_migration_scripts() -> None:
    """The revision list the app checks without Alembic is the scripts' list."""
    assert migrate.known_revisions() == migrate.script_revisions()


def test_opening_a_current_database_does_not_load_alembic(tmp_path: Path, resources: Path) -> None:
    """A database at the head revision opens without importing Alembic (start-up time)."""
    import subprocess
    import sys

    path = tmp_path / "cur.sqlite"
    open_database(path, resources, seed=False).engine.dispose()
    code = (
        "import sys; from pathlib import Path; from k2planner.db.database import open_database;"
        "from k2planner.paths import resources_dir;"
        f"open_database(Path({str(path)!r}), resources_dir(), seed=False);"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_changed_rules_re_derive_flags_but_keep_the_users(seeded_db: OpenedDatabase) -> None:
    """When the bundled rules change, foods are derived again on open; flags the user set
    stay as they are; with unchanged rules nothing is touched."""
    engine = seeded_db.engine
    with engine.begin() as c:
        c.exec_driver_sql(
            "UPDATE food SET contains = 0, may_contain = 0 WHERE source_id = ?", ("usda:01022",)
        )
        c.exec_driver_sql(
            "UPDATE food SET contains = 0, flags_user_set = 1 WHERE source_id = ?", ("usda:01009",)
        )
    assert refresh_diet_flags(engine) == 0  # same rules: the stored digest matches
    with engine.begin() as c:
        c.exec_driver_sql("UPDATE meta SET value = 'old' WHERE key = 'diet_rules_sha256'")
    assert refresh_diet_flags(engine) >= 1
    with engine.connect() as c:
        flags = dict(
            c.exec_driver_sql(
                "SELECT source_id, contains FROM food"
                " WHERE source_id IN ('usda:01022', 'usda:01009')"
            ).all()
        )
    assert Contains(flags["usda:01022"]) & Contains.DAIRY
    assert flags["usda:01009"] == 0


def test_a_new_seed_corrects_bundled_values_and_keeps_the_users(
    seeded_db: OpenedDatabase, resources: Path
) -> None:
    """When the bundled seed changes, an existing database's bundled foods get the new values
    and ranges on open; the user's own foods are untouched."""
    engine = seeded_db.engine
    with engine.begin() as c:
        egg = c.exec_driver_sql("SELECT id FROM food WHERE source_id = 'usda:01123'").scalar_one()
        c.exec_driver_sql(
            "UPDATE nutrientvalue SET value = 32.9 WHERE food_id = ? AND nutrient = 'mk4_ug'",
            (egg,),
        )
        c.exec_driver_sql(
            "UPDATE food SET k2_low_ug = NULL, k2_high_ug = NULL WHERE id = ?", (egg,)
        )
        c.exec_driver_sql(
            "INSERT INTO food (source_id, name, group_id, contains, may_contain, flag_reasons,"
            " flags_user_set, tags, note, is_user)"
            " VALUES ('user:x', 'Mine', 1, 0, 0, '', 1, '', 'n', 1)"
        )
        c.exec_driver_sql("UPDATE meta SET value = 'old' WHERE key = 'seed_sha256'")
    assert refresh_bundled_foods(engine, resources) > 12000
    with engine.connect() as c:
        mk4 = c.exec_driver_sql(
            "SELECT value FROM nutrientvalue WHERE food_id = ? AND nutrient = 'mk4_ug'", (egg,)
        ).scalar_one()
        low, high = c.exec_driver_sql(
            "SELECT k2_low_ug, k2_high_ug FROM food WHERE id = ?", (egg,)
        ).one()
        mine = c.exec_driver_sql("SELECT note FROM food WHERE source_id = 'user:x'").scalar_one()
    assert mk4 == pytest.approx(15.1) and low < 15.1 < high
    assert mine == "n"
    assert refresh_bundled_foods(engine, resources) == 0  # the digest is stored
