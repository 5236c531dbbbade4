"""Export → import → export gives identical files; backup and restore are safe."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from k2planner.db.database import open_database
from k2planner.domain.food_input import FoodInput
from k2planner.domain.foods import Portion
from k2planner.domain.meals import Slot
from k2planner.domain.nutrients import Nutrient
from k2planner.services import backup
from k2planner.services.catalog import CatalogService
from k2planner.services.custom_foods import CustomFoodService
from k2planner.services.exporter import ExportService, Scope
from k2planner.services.import_read import read_import
from k2planner.services.importer import ImportService
from k2planner.services.user_meals import MealInput, UserMealService


def _fresh(template: Path, tmp: Path, name: str, resources: Path):  # type: ignore[no-untyped-def]
    path = tmp / name
    shutil.copy(template, path)
    return open_database(path, resources)


def _populate(engine: Engine) -> None:
    foods = CustomFoodService(engine)
    a = foods.save(
        FoodInput(
            "Farm Gouda, 18 months",
            "Your cheeses",
            values={
                Nutrient.MK4: (21.5, "µg"),
                Nutrient.MK9: (0.041, "mg"),
                Nutrient.ENERGY: (1500.0, "kJ"),
                Nutrient.FAT: (31.1, "g"),
            },
            portions=(Portion(1, "slice", 21.0),),
        )
    )
    b = foods.save(
        FoodInput(
            "Kefir «Bio», 3.5 %",
            basis_grams=250,
            values={Nutrient.K2_REPORTED: (20.0, "µg")},
            note='says "good"',
        )
    )
    cat = CatalogService(engine)
    natto = cat.search_foods("natto", 1)[0]
    meals = UserMealService(engine)
    meals.save(
        MealInput(
            "My K2 breakfast",
            (Slot.BREAKFAST, Slot.SNACK),
            ((a.id, 30.0, "1.5 slices"), (b.id, 250.0, ""), (natto.id, 40.0, "")),
            "Dutch",
            ("mine", "k2-rich"),
            "Quick, with natto",
        )
    )


def test_json_round_trip_is_identical(
    seeded_template: Path, tmp_path: Path, resources: Path
) -> None:
    """Export, import into a new database, export again: the same bytes."""
    a = _fresh(seeded_template, tmp_path, "a.sqlite", resources)
    _populate(a.engine)
    first = ExportService(a.engine).to_json(Scope.USER)
    (tmp_path / "export.json").write_text(first, encoding="utf-8")
    b = _fresh(seeded_template, tmp_path, "b.sqlite", resources)
    summary = ImportService(b.engine).commit(read_import(tmp_path / "export.json"))
    assert summary.added == 2 and summary.meals_added == 1
    assert [name for _r, name, _why in summary.skipped] == ["Natto"]  # bundled: already there
    second = ExportService(b.engine).to_json(Scope.USER)
    assert second == first
    assert '"Kefir «Bio», 3.5 %"' in first


def test_csv_round_trip_is_identical(
    seeded_template: Path, tmp_path: Path, resources: Path
) -> None:
    """Foods CSV and meals CSV re-import losslessly too."""
    a = _fresh(seeded_template, tmp_path, "a.sqlite", resources)
    _populate(a.engine)
    exp = ExportService(a.engine)
    (tmp_path / "foods.csv").write_text(exp.foods_csv(Scope.USER), encoding="utf-8")
    (tmp_path / "meals.csv").write_text(exp.meals_csv(Scope.USER), encoding="utf-8")
    b = _fresh(seeded_template, tmp_path, "b.sqlite", resources)
    svc = ImportService(b.engine)
    svc.commit(read_import(tmp_path / "foods.csv"))
    svc.commit(read_import(tmp_path / "meals.csv"))
    again = ExportService(b.engine)
    assert again.foods_csv(Scope.USER) == exp.foods_csv(Scope.USER)
    assert again.meals_csv(Scope.USER) == exp.meals_csv(Scope.USER)


def test_export_all_includes_provenance(seeded_engine: Engine) -> None:
    """The full export keeps every value's source and tier."""
    text = ExportService(seeded_engine).foods_csv(Scope.ALL)
    assert "usda:16113" in text and "jensen2022_crfs" in text
    assert text.count("\n") >= 12000


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_and_restore(seeded_template: Path, tmp_path: Path, resources: Path) -> None:
    """A backup is a consistent copy; restore validates, keeps the current file, and works."""
    db = _fresh(seeded_template, tmp_path, "live.sqlite", resources)
    _populate(db.engine)
    saved = backup.backup(db.engine, tmp_path / "backups")
    assert saved.exists()
    with sqlite3.connect(saved) as c:
        assert c.execute("SELECT COUNT(*) FROM food WHERE is_user").fetchone()[0] == 2
    CustomFoodService(db.engine).save(
        FoodInput("Added after the backup", values={Nutrient.K1: (1.0, "µg")})
    )
    report = backup.restore(db.engine, saved, tmp_path / "kept")
    assert report.previous_saved_as.exists()
    with db.engine.connect() as c:
        names = {r[0] for r in c.exec_driver_sql("SELECT name FROM food WHERE is_user")}
    assert "Added after the backup" not in names and "Farm Gouda, 18 months" in names
    with sqlite3.connect(report.previous_saved_as) as c:
        assert (
            c.execute("SELECT COUNT(*) FROM food WHERE name = 'Added after the backup'").fetchone()[
                0
            ]
            == 1
        )


@pytest.mark.parametrize("content", [b"garbage" * 100, b""])
def test_restore_refuses_bad_files(seeded_db, tmp_path: Path, content: bytes) -> None:  # type: ignore[no-untyped-def]
    """A damaged or foreign file is refused and the live database is not touched."""
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    with db_snapshot(seeded_db.path) as before:
        with pytest.raises(backup.RestoreError):
            backup.restore(seeded_db.engine, bad, tmp_path / "kept")
        assert before() == _rows(seeded_db.path)


def _rows(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as c:
        return (
            c.execute("SELECT COUNT(*) FROM food").fetchone()[0],
            c.execute("SELECT COUNT(*) FROM meal").fetchone()[0],
        )


class db_snapshot:
    """Remember row counts before an operation."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self):  # type: ignore[no-untyped-def]
        counts = _rows(self.path)
        return lambda: counts

    def __exit__(self, *exc: object) -> None:
        return None


@pytest.mark.parametrize("scope", [Scope.USER, Scope.ALL])
def test_round_trip_into_an_empty_database(
    seeded_template: Path, tmp_path: Path, resources: Path, scope: Scope
) -> None:
    """Into a database without the bundled foods: the export comes back byte for byte."""
    a = _fresh(seeded_template, tmp_path, "a.sqlite", resources)
    _populate(a.engine)
    exp = ExportService(a.engine)
    files = {
        "all.json": exp.to_json(scope),
        "foods.csv": exp.foods_csv(scope),
        "meals.csv": exp.meals_csv(scope),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    empty = open_database(tmp_path / "empty.sqlite", resources, seed=False)
    assert CatalogService(empty.engine).search_foods("natto", 5) == []
    ImportService(empty.engine).commit(read_import(tmp_path / "all.json"))
    again = ExportService(empty.engine)
    assert again.to_json(scope) == files["all.json"]
    assert again.foods_csv(scope) == files["foods.csv"]
    assert again.meals_csv(scope) == files["meals.csv"]
    if scope is Scope.ALL:
        assert files["foods.csv"].count("\n") > 7000


def _hostile(kind: str, good: Path, tmp_path: Path) -> Path:
    """A backup file made hostile: another app's file with our revision, a dropped column, a
    trigger that deletes values on the next import."""
    path = tmp_path / f"{kind}.sqlite"
    if kind == "foreign":
        con = sqlite3.connect(path)
        con.executescript(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
            "INSERT INTO alembic_version VALUES ('0005');"
            "CREATE TABLE food (id INTEGER PRIMARY KEY, name TEXT);"
            "INSERT INTO food (name) VALUES ('not ours');"
        )
        con.close()
        return path
    shutil.copy(good, path)
    con = sqlite3.connect(path)
    if kind == "dropped-column":
        con.execute("ALTER TABLE food DROP COLUMN note")
    else:
        con.execute("CREATE TRIGGER wipe AFTER INSERT ON food BEGIN DELETE FROM nutrientvalue; END")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("kind", ["foreign", "dropped-column", "trigger"])
def test_hostile_restores_are_refused_and_change_nothing(
    seeded_db, tmp_path: Path, kind: str
) -> None:  # type: ignore[no-untyped-def]
    """Another app's file with a known revision, a dropped column or a trigger: refused, with
    a message naming the problem, and the live database is unchanged and still opens."""
    good = backup.backup(seeded_db.engine, tmp_path / "good.sqlite")
    bad = _hostile(kind, good, tmp_path)
    digest = hashlib.sha256(seeded_db.path.read_bytes()).hexdigest()
    before = _rows(seeded_db.path)
    with pytest.raises(backup.RestoreError) as err:
        backup.restore(seeded_db.engine, bad, tmp_path / "kept")
    words = {"foreign": "missing", "dropped-column": "note", "trigger": "trigger"}[kind]
    assert words in str(err.value)
    assert _rows(seeded_db.path) == before
    assert hashlib.sha256(seeded_db.path.read_bytes()).hexdigest() == digest
    with seeded_db.engine.connect() as c:
        assert c.exec_driver_sql("SELECT COUNT(*) FROM meta").scalar_one() > 0
