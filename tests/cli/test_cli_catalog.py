"""The CLI over the catalog: self-test, foods search, meals list."""

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


def test_self_test_creates_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--self-test creates, seeds and reports a new database."""
    db = tmp_path / "fresh" / "k.sqlite"
    code, out, _ = _run(capsys, "--db", str(db), "--self-test")
    assert code == 0
    assert str(db) in out and "OK" in out
    foods = int(out.split("foods: ")[1].split()[0].replace(",", ""))
    meals = int(out.split("meals: ")[1].split()[0])
    assert foods >= 7000 and meals >= 150


def test_self_test_is_headless_and_leaves_no_trace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --db: a temporary database, a planned week, a PDF with text, one OK line."""
    data = tmp_path / "data"
    monkeypatch.setenv("K2PLANNER_DATA_DIR", str(data))
    monkeypatch.delenv("K2PLANNER_DB", raising=False)
    code, out, _ = _run(capsys, "--self-test")
    assert code == 0
    last = out.strip().splitlines()[-1]
    assert last.startswith("OK k2planner ") and "plan " in last and "pdf " in last
    assert "plan: 28 meals" in out
    pages = int(out.split("PDF ")[1].split()[0])
    assert pages >= 1
    assert not data.exists(), "the self-test wrote into the user's data folder"


def test_foods_search_json_has_sources_and_nulls(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """Gouda: long-chain forms from the literature with source keys; unmeasured is null."""
    code, out, _ = _run(capsys, "--db", str(seeded_db.path), "foods", "search", "gouda", "--json")
    assert code == 0
    foods = {f["source_id"]: f for f in json.loads(out)}
    usda = foods["usda:01022"]
    assert usda["menaquinones"]["MK-9"]["source"].startswith("k2viewer")
    assert usda["menaquinones"]["MK-9"]["unit"] == "µg"
    assert usda["k1"]["source"].startswith("usda_sr28")
    ciqual = foods["ciqual:12736"]
    assert ciqual["menaquinones"]["MK-4"] is None
    assert ciqual["k2_total_ug"] is None and ciqual["k2_coverage"] == "unknown"
    assert usda["contains"] == ["dairy"] and usda["may_contain"] == ["animal-additive"]
    assert "rennet" in usda["flag_reasons"]["animal-additive"]
    assert "vegetarian" in usda["suitable_for"] and "vegan" not in usda["suitable_for"]
    assert usda["suitable_with_a_note_for"] == ["strict-vegetarian"]


def test_foods_search_text_shows_unknown_as_dash(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text table shows unknown values as a dash, never 0."""
    code, out, _ = _run(capsys, "--db", str(seeded_db.path), "foods", "search", "gouda")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("ciqual:12736"))
    assert "–" in line and "unknown" in line


def test_meals_list_diet_filter(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """meals list --diet vegan lists only vegan meals."""
    code, out, _ = _run(
        capsys, "--db", str(seeded_db.path), "meals", "list", "--diet", "vegan", "--json"
    )
    assert code == 0
    meals = json.loads(out)
    assert len(meals) >= 30
    assert all("vegan" in m["suitable_for"] for m in meals)


def test_bad_diet_is_a_clear_error(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown diet exits with status 2 and names the choices."""
    code, _, err = _run(capsys, "--db", str(seeded_db.path), "meals", "list", "--diet", "paleo")
    assert code == 2
    assert "choose from" in err


def test_newer_database_is_refused_on_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI reports a too-new database in plain words and exits 2."""
    import sqlite3

    db = tmp_path / "k.sqlite"
    assert main(["--db", str(db), "--self-test"]) == 0
    capsys.readouterr()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    code, _, err = _run(capsys, "--db", str(db), "--self-test")
    assert code == 2
    assert "newer" in err and "not changed" in err


def test_natto_carries_the_range_of_the_studies(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """foods search natto --json: k2_range_ug spans the studies (82 to 1,045 µg/100 g)."""
    code, out, _ = _run(capsys, "--db", str(seeded_db.path), "foods", "search", "natto", "--json")
    assert code == 0
    natto = next(f for f in json.loads(out) if f["source_id"] == "usda:16113")
    low, high = natto["k2_range_ug"]
    assert low < 90 < 1000 < high and low <= natto["k2_total_ug"] <= high
    assert natto["k2_sources_range"] is True
