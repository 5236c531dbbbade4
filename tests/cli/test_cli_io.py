"""The import, export, backup and restore commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from k2planner.cli import main
from k2planner.db.database import OpenedDatabase


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _count(db: OpenedDatabase) -> int:
    with db.engine.connect() as c:
        return int(c.exec_driver_sql("SELECT COUNT(*) FROM food").scalar_one())


def test_import_dry_run_then_real_then_export(
    seeded_db: OpenedDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dry-run saves nothing; the real import does; export --scope user returns it."""
    src = tmp_path / "k.csv"
    src.write_text("Food\tMK-7 (mcg)\tkcal\nMy natto\t880\t211\n", encoding="utf-8")
    before = _count(seeded_db)
    db = str(seeded_db.path)
    code, out, err = _run(capsys, "--db", db, "import", str(src), "--dry-run")
    assert code == 0 and "1 would be added" in out and "nothing saved" in out
    assert "progress 1/1" in err
    assert _count(seeded_db) == before
    code, out, _ = _run(capsys, "--db", db, "import", str(src))
    assert code == 0 and _count(seeded_db) == before + 1
    code, out, _ = _run(capsys, "--db", db, "export", "all", "--scope", "user")
    doc = json.loads(out)
    [food] = doc["foods"]
    assert food["name"] == "My natto" and food["values"]["mk7_ug"]["value"] == 880
    assert food["values"]["mk7_ug"]["source"] == "user import: k.csv"
    code, out, _ = _run(capsys, "--db", db, "import", str(src), "--on-duplicate", "skip")
    assert code == 0 and "1 skipped" in out


def test_import_rejects_bad_row_with_report(
    seeded_db: OpenedDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad row: exit code 1, the row and reason on stderr and in the report; nothing saved."""
    src = tmp_path / "bad.csv"
    src.write_text("Name,Vitamin K1 (µg)\nSpinach mine,480\nOops,abc\n", encoding="utf-8")
    before = _count(seeded_db)
    report = tmp_path / "report.csv"
    code, _out, err = _run(
        capsys, "--db", str(seeded_db.path), "import", str(src), "--report", str(report)
    )
    assert code != 0
    assert "row 3" in err and "'abc'" in err
    assert _count(seeded_db) == before
    assert "rejected" in report.read_text(encoding="utf-8")
    code, out, _ = _run(capsys, "--db", str(seeded_db.path), "import", str(src), "--skip-bad-rows")
    assert code == 0 and "1 added" in out and "1 rejected" in out


def test_import_mapping_option(
    seeded_db: OpenedDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--mapping names columns the guesser cannot know, with their unit."""
    src = tmp_path / "x.csv"
    src.write_text("A,B\nHouse cheese,0.05\n", encoding="utf-8")
    code, out, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "import",
        str(src),
        "--mapping",
        "name=A,mk9_ug=B:mg",
        "--dry-run",
    )
    assert code == 0 and "1 would be added" in out
    code, _out, err = _run(
        capsys, "--db", str(seeded_db.path), "import", str(src), "--mapping", "name=Nope"
    )
    assert code != 0 and "Nope" in err


def test_backup_and_restore(
    seeded_db: OpenedDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """backup writes a copy; restore brings it back and keeps the replaced file."""
    db = str(seeded_db.path)
    (tmp_path / "b").mkdir()
    code, out, _ = _run(capsys, "--db", db, "backup", str(tmp_path / "b"))
    assert code == 0
    backup = Path(out.split("backup written to ")[1].strip())
    assert backup.parent == tmp_path / "b" and backup.suffix == ".sqlite"
    src = tmp_path / "k.csv"
    src.write_text("Name,MK-4 (µg)\nLater food,3\n", encoding="utf-8")
    _run(capsys, "--db", db, "import", str(src))
    before = _count(seeded_db)
    code, out, _ = _run(capsys, "--db", db, "restore", str(backup))
    assert code == 0 and "restored" in out
    assert _count(seeded_db) == before - 1
    code, _out, err = _run(capsys, "--db", db, "restore", str(src))
    assert code != 0 and "not changed" in err
    assert _count(seeded_db) == before - 1


def test_export_csv_of_everything_is_refused_clearly(
    seeded_db: OpenedDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'export all --format csv' says why instead of writing JSON into a .csv file."""
    out_file = tmp_path / "x.csv"
    code, _out, err = _run(
        capsys, "--db", str(seeded_db.path), "export", "all", "--format", "csv", "-o", str(out_file)
    )
    assert code == 2 and "separately" in err and not out_file.exists()
    code, out, _ = _run(
        capsys, "--db", str(seeded_db.path), "export", "meals", "--format", "csv", "--scope", "all"
    )
    assert code == 0 and out.splitlines()[0].startswith("meal_key,meal_name,")


def test_minor_file_cases_are_handled(
    seeded_db, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """backup DIR/ makes the folder; an empty database file is refused, not seeded; a CSV
    with a header twice is refused; a failed export leaves no short file behind."""
    folder = tmp_path / "new-backups"
    assert main(["--db", str(seeded_db.path), "backup", f"{folder}/"]) == 0
    assert folder.is_dir() and len(list(folder.glob("*.sqlite"))) == 1
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    capsys.readouterr()
    assert main(["--db", str(empty), "foods", "search", "gouda"]) != 0
    assert "empty (0 bytes)" in capsys.readouterr().err and empty.stat().st_size == 0
    dup = tmp_path / "dup.csv"
    dup.write_text("Food,K1 (µg),K1 (µg)\nKale,700,800\n", encoding="utf-8")
    assert main(["--db", str(seeded_db.path), "import", str(dup)]) != 0
    assert "appears twice" in capsys.readouterr().err
    out = tmp_path / "out.json"

    def broken_replace(self: Path, target: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", broken_replace)
    assert main(["--db", str(seeded_db.path), "export", "all", "-o", str(out)]) != 0
    assert not out.exists() and not out.with_name("out.json.partial").exists()
    assert "No space left" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("error", "said", "code"),
    [
        ("attempt to write a readonly database", "read-only", 1),
        ("database is locked", "busy", 1),
        ("database or disk is full", "disk is full", 1),
        ("unable to open database file", "could not be opened for writing", 1),
        ("file is not a database", "damaged", 1),
    ],
)
def test_storage_failures_are_sentences(
    seeded_db: OpenedDatabase,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: str,
    said: str,
    code: int,
) -> None:
    """A failing database file ends the command with a sentence and a non-zero code."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from k2planner.services.planning import PlanningService

    def fail(*_a: object, **_k: object) -> None:
        raise OperationalError("INSERT …", {}, sqlite3.OperationalError(error))

    monkeypatch.setattr(PlanningService, "save", fail)
    result = main(["--db", str(seeded_db.path), "plan", "--seed", "1"])
    err = capsys.readouterr().err
    assert result == code and said in err and "Traceback" not in err


def test_an_unexpected_error_is_a_sentence_too(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a bug ends in one sentence (exit 70), not a traceback."""
    from k2planner.services.planning import PlanningService

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("K2PLANNER_DEBUG", raising=False)
    monkeypatch.setattr(PlanningService, "generate", boom)
    result = main(["--db", str(seeded_db.path), "plan"])
    err = capsys.readouterr().err
    assert result == 70 and "RuntimeError: boom" in err and "Traceback" not in err
