"""``recipes import``: review as JSON, change a match, import; the imported recipe is then
planned, swapped in and printed like a bundled meal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from k2planner.cli import main
from k2planner.db.database import OpenedDatabase

DATA = Path(__file__).resolve().parents[1] / "data" / "recipes"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _user_meals(db: OpenedDatabase) -> int:
    with db.engine.connect() as c:
        return int(c.exec_driver_sql("SELECT COUNT(*) FROM meal WHERE is_user").scalar_one())


def test_dry_run_json_lists_every_line_and_saves_nothing(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each line with its food, grams, confidence; nothing written."""
    db = str(seeded_db.path)
    code, out, _ = _run(
        capsys,
        "--db",
        db,
        "recipes",
        "import",
        str(DATA / "tandoor_export.zip"),
        "--dry-run",
        "--json",
    )
    doc = json.loads(out)
    assert code == 0 and doc["dry_run"] and doc["app"] == "Tandoor" and doc["imported"] == []
    assert _user_meals(seeded_db) == 0
    risotto = next(r for r in doc["recipes"] if r["name"] == "Mushroom Risotto")
    assert risotto["servings"] == 4 and risotto["importable"]
    rice = risotto["lines"][0]
    assert rice["text"] == "1 1/2 cups arborio rice" and rice["food"]["name"].startswith(
        "Rice, white"
    )
    assert rice["grams_per_serving"] == pytest.approx(rice["grams"] / 4, abs=0.1)
    assert 0 < rice["confidence"] <= 1 and isinstance(rice["needs_check"], bool)
    assert risotto["per_serving"]["k2_ug"] is not None and "k2_coverage" in risotto["per_serving"]
    assert risotto["method"] and risotto["time_minutes"] == 40
    assert doc["lines"]["matched"] >= 0.8 * doc["lines"]["total"]


def test_import_then_plan_swap_and_print(
    seeded_db: OpenedDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An imported recipe is a meal: locked into a plan, swapped in, printed with its method."""
    db = str(seeded_db.path)
    code, out, _ = _run(
        capsys,
        "--db",
        db,
        "recipes",
        "import",
        str(DATA / "tandoor_export.zip"),
        "--json",
        "--set",
        "3:4=none",
        "--servings",
        "2=4",
        "--slots",
        "3=dinner",
    )
    doc = json.loads(out)
    assert code == 0 and len(doc["imported"]) == 3
    risotto = next(r for r in doc["recipes"] if r["name"] == "Mushroom Risotto")
    assert risotto["lines"][3]["food"] is None and risotto["lines"][3]["kept_as_text"]
    ids = {m["name"]: m["meal_id"] for m in doc["imported"]}
    code, out, _ = _run(capsys, "--db", db, "meals", "list", "--json")
    listed = {m["name"]: m for m in json.loads(out)}
    chili = listed["Beef Chili"]
    assert chili["servings"] == 4 and chili["slots"] == ["dinner"]
    assert chili["method"][0] == "Brown the beef with the onion." and chili["time_minutes"] == 45
    assert listed["Mushroom Risotto"]["unmatched_lines"][0]["text"] == "2 shallots, diced"
    assert listed["Mushroom Risotto"]["unmatched_lines"][0]["k2_ug"] is None

    code, out, _ = _run(
        capsys,
        "--db",
        db,
        "plan",
        "--seed",
        "4",
        "--lock",
        f"1:dinner:{ids['Mushroom Risotto']}",
        "--json",
    )
    plan = json.loads(out)
    dinner = next(m for m in plan["days"][0]["meals"] if m["slot"] == "dinner")
    assert code == 0 and dinner["meal_id"] == ids["Mushroom Risotto"] and dinner["locked"]
    code, out, _ = _run(
        capsys,
        "--db",
        db,
        "plan",
        "swap",
        "--day",
        "2",
        "--slot",
        "dinner",
        "--apply",
        str(ids["Beef Chili"]),
    )
    assert code == 0 and "Saved plan" in out
    pdf = tmp_path / "pack.pdf"
    code, _out, _ = _run(capsys, "--db", db, "print", "pack", "--pdf", str(pdf))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)
    assert code == 0 and "Recipes of the week" in text
    assert "Mushroom Risotto" in text and "Beef Chili" in text
    assert "Brown the beef with the onion." in text
    assert "2 shallots, diced" in text and "matches no food" in text


def test_bad_file_and_bad_options_are_clear(
    seeded_db: OpenedDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unreadable file and a wrong --set each get one sentence and exit 2; nothing saved."""
    db = str(seeded_db.path)
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    code, _out, err = _run(capsys, "--db", db, "recipes", "import", str(bad))
    assert code == 2 and "export.zip: not a readable zip archive" in err
    code, _out, err = _run(
        capsys, "--db", db, "recipes", "import", str(DATA / "recipes.mmf"), "--set", "1:99=5"
    )
    assert code == 2 and "recipe 1 has no line 99" in err
    code, _out, err = _run(
        capsys, "--db", db, "recipes", "import", str(DATA / "recipes.mmf"), "--set", "oops"
    )
    assert code == 2 and "RECIPE:LINE=FOOD_ID" in err
    assert _user_meals(seeded_db) == 0


def test_text_report(seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json: each recipe, its lines, what needs a check, and what was saved."""
    code, out, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "recipes",
        "import",
        str(DATA / "paprika_export.paprikarecipes"),
        "--skip",
        "3",
    )
    assert code == 0 and "3 recipe(s) read (Paprika)" in out
    assert "3. Chocolate Chip Cookies: left out" in out
    assert "Imported 2 recipe(s)" in out and _user_meals(seeded_db) == 2
