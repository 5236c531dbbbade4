"""The plan CLI: JSON with provenance, locks, swaps and clear errors."""

from __future__ import annotations

import json

import pytest

from k2planner.cli import main
from k2planner.db.database import OpenedDatabase


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_json_lists_ingredients_with_sources(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON has days × slots, ingredients with food and source ids, totals, status, advice."""
    code, out, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "plan",
        "--seed",
        "7",
        "--json",
        "--start",
        "2026-11-23",
    )
    assert code == 0
    data = json.loads(out)
    assert data["status"] in ("optimal", "near-optimal") and len(data["days"]) == 7
    assert data["gap"]["points"] <= (0.5 if data["status"] == "optimal" else 20)
    for d in data["days"]:
        low, high = d["totals"]["k2_range_ug"]
        assert low <= d["totals"]["k2_ug"] + 1e-6 <= high + 2e-6
    assert any(d["totals"]["k2_range_ug"][1] > d["totals"]["k2_ug"] + 1 for d in data["days"])
    for d in data["days"]:
        low_kcal, high_kcal = d["totals"]["energy_range_kcal"]
        inside = low_kcal * 0.98 <= d["totals"]["energy_kcal"] <= high_kcal * 1.02
        assert d["totals"]["in_energy_range"] is inside
        w = d["totals"]["k2_coverage_by_weight"]
        assert w["k2_carrier_g"] == pytest.approx(w["measured_g"] + w["imputed_g"] + w["unknown_g"])
        assert 0 <= w["known_share"] <= 1 and "% of the weight" in w["text"]
    for m in (m for d in data["days"] for m in d["meals"]):
        statuses = {i["k2_status"] for i in m["ingredients"]}
        if statuses == {"not expected"}:
            assert m["k2_text"] == "none expected (plant foods)"
    day = data["days"][0]
    assert [m["slot"] for m in day["meals"]] == ["breakfast", "lunch", "dinner", "snack"]
    ing = day["meals"][0]["ingredients"][0]
    assert {"food_id", "source_id", "grams", "k1_ug", "menaquinones_ug"} <= set(ing)
    assert ":" in ing["source_id"]
    assert "coverage" in day["totals"] and "k2_by_form_ug" in day["totals"]
    assert all(d["totals"]["meets_target"] for d in data["days"])
    assert all(s["key"] for a in data["advice"] for s in a["sources"])


def test_plan_lock_and_diet(seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    """--lock fixes a slot; --diet filters the rest."""
    code, out, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "plan",
        "--json",
        "--seed",
        "1",
        "--diet",
        "vegetarian",
        "--lock",
        "2:dinner:mushroom-risotto:1.5",
        "--no-save",
    )
    assert code == 0
    data = json.loads(out)
    dinner = next(m for m in data["days"][1]["meals"] if m["slot"] == "dinner")
    assert dinner["meal_key"] == "mushroom-risotto" and dinner["servings"] == 1.5
    assert dinner["locked"]


def test_plan_warfarin_json(seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    """--anticoagulant warfarin: band in the JSON, every day in band, no supplement hint."""
    code, out, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "plan",
        "--json",
        "--seed",
        "3",
        "--anticoagulant",
        "warfarin",
        "--baseline",
        "100",
        "--band",
        "20",
        "--no-save",
    )
    assert code == 0
    data = json.loads(out)
    assert data["vitamin_k_band_ug"] == [80, 120]
    assert all(d["totals"]["in_band"] for d in data["days"])
    kinds = {a["kind"] for a in data["advice"]}
    assert "vka-warning" in kinds and "supplement-hint" not in kinds


def test_plan_swap_lists_alternatives(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """plan swap lists alternatives for a slot of the stored plan; --apply saves."""
    assert _run(capsys, "--db", str(seeded_db.path), "plan", "--seed", "2")[0] == 0
    code, out, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "plan",
        "swap",
        "--day",
        "1",
        "--slot",
        "dinner",
        "--top",
        "3",
    )
    assert code == 0 and "Alternatives for" in out
    assert len([x for x in out.splitlines() if "day K2" in x]) == 3
    code, out, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "plan",
        "swap",
        "--day",
        "tue",
        "--slot",
        "dinner",
        "--apply",
        "bolognese",
    )
    assert code == 0 and "Saved plan" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lock", "9:dinner:bolognese"], "outside the plan"),
        (["--lock", "1:dinner:no-such-meal"], "no meal"),
        (["--lock", "1:brunch:bolognese"], "unknown slot"),
        (["--exclude", "unobtainium"], "matches no meal"),
        (["--target", "-5"], "K2 target"),
        (["--diet", "fruitarian"], "choose from"),
    ],
)
def test_plan_bad_input(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """Bad options give exit status 2 and a message that says what is wrong."""
    code, _, err = _run(capsys, "--db", str(seeded_db.path), "plan", "--no-save", *args)
    assert code == 2
    assert message in err


def test_list_and_print_commands(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """`list --format csv` prints the list; `print list --pdf` writes a PDF headless."""
    assert _run(capsys, "--db", str(seeded_db.path), "plan", "--seed", "4")[0] == 0
    code, out, _ = _run(capsys, "--db", str(seeded_db.path), "list", "--format", "csv")
    assert code == 0 and out.startswith("aisle,item,quantity")
    pdf = tmp_path / "l.pdf"
    code, out, _ = _run(
        capsys, "--db", str(seeded_db.path), "print", "list", "--pdf", str(pdf), "--page", "letter"
    )
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")


def test_list_without_plan_is_a_clear_error(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """No stored plan: exit 2 with what to do."""
    code, _, err = _run(capsys, "--db", str(tmp_path / "new.sqlite"), "list")
    assert code == 2 and "run 'k2planner plan' first" in err


def test_vka_lock_on_natto_is_refused_with_reason(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """plan --anticoagulant warfarin --lock …natto…: no natto, the reason given, the advice
    names natto and MK-7 supplements with sources, days show K1 and MK-7 with the cap."""
    code, out, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "plan",
        "--json",
        "--seed",
        "11",
        "--anticoagulant",
        "warfarin",
        "--baseline",
        "600",
        "--band",
        "100",
        "--lock",
        "mon:breakfast:natto-rice-bowl",
        "--no-save",
    )
    assert code == 0
    data = json.loads(out)
    keys = [m["meal_key"] for d in data["days"] for m in d["meals"]]
    assert not [k for k in keys if "natto" in k]
    names = [i["name"].lower() for d in data["days"] for m in d["meals"] for i in m["ingredients"]]
    assert not [n for n in names if "natto" in n]
    assert data["refused_locks"][0]["day"] == 1 and "natto" in data["refused_locks"][0]["why"]
    assert all(d["totals"]["under_mk7_cap"] and d["totals"]["mk7_ug"] <= 10 for d in data["days"])
    assert all("k1_ug" in d["totals"] and d["totals"]["mk7_cap_ug"] == 10 for d in data["days"])
    k2 = [d["totals"]["k2_ug"] for d in data["days"]]
    assert max(k2) - min(k2) <= data["vka_rules"]["k2_spread_ug"] + 1e-6
    warning = next(a for a in data["advice"] if a["kind"] == "vka-warning")
    assert "natto" in warning["text"] and "MK-7 supplements are to be avoided" in warning["text"]
    urls = {s["key"]: s["url"] for s in warning["sources"]}
    assert urls["theuwissen2013"] == "https://doi.org/10.1111/jth.12203"
    assert urls["schurgers2007"].startswith("https://doi.org/10.1182/")
    assert "schurgers2004" in urls and "truong2011" in urls
    assert any(a["kind"] == "lock-refused" for a in data["advice"])


def test_plan_json_stdout_is_pure_json_in_a_fresh_process(seeded_db: OpenedDatabase) -> None:
    """A new process (HiGHS's first instance prints a banner) still writes only JSON."""
    import subprocess
    import sys

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "k2planner",
            "--db",
            str(seeded_db.path),
            "plan",
            "--json",
            "--seed",
            "1",
            "--no-save",
            "--days",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["days"]


def test_vegan_plan_refuses_a_locked_egg_dish_and_says_why(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """plan --diet vegan --lock mon:breakfast:scrambled-eggs-toast: no egg dish, the reason."""
    code, out, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "plan",
        "--json",
        "--seed",
        "3",
        "--diet",
        "vegan",
        "--lock",
        "mon:breakfast:scrambled-eggs-toast",
        "--no-save",
    )
    assert code == 0
    data = json.loads(out)
    keys = [m["meal_key"] for d in data["days"] for m in d["meals"]]
    assert "scrambled-eggs-toast" not in keys
    refused = data["refused_locks"][0]
    assert refused["day"] == 1 and "egg" in refused["why"] and "vegan" in refused["why"]
    for day in data["days"]:
        for meal in day["meals"]:
            assert not set(meal.get("contains", [])) & {"meat", "fish", "dairy", "egg"}
    code, text, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "plan",
        "--seed",
        "3",
        "--diet",
        "vegan",
        "--lock",
        "mon:breakfast:scrambled-eggs-toast",
        "--no-save",
    )
    assert "was not kept" in text and "contains dairy, egg" in text


def test_strict_vegetarian_plan_has_no_animal_rennet_and_notes_may_contain(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """Strict vegetarian: no Parmesan or Gruyère; generic cheeses come with a note."""
    code, out, _ = _run(
        capsys,
        "--db",
        str(seeded_db.path),
        "plan",
        "--json",
        "--seed",
        "5",
        "--diet",
        "strict-vegetarian",
        "--no-save",
    )
    assert code == 0
    data = json.loads(out)
    names = [i["name"].lower() for d in data["days"] for m in d["meals"] for i in m["ingredients"]]
    assert not [n for n in names if "parmesan" in n or "gruyere" in n]
    note = next(a for a in data["advice"] if a["kind"] == "diet-may-contain")
    assert "animal rennet" in note["text"] and "labelled vegetarian" in note["text"]


def test_plan_people_json_and_text(
    seeded_db: OpenedDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """--people gives each person's servings and day energy in JSON and text; bad text exits 2."""
    base = ("--db", str(seeded_db.path), "plan", "--seed", "3", "--start", "2026-11-23")
    code, out, _ = _run(capsys, *base, "--people", "Ana:2000,Ben:2600", "--json", "--no-save")
    assert code == 0
    data = json.loads(out)
    assert [p["name"] for p in data["people"]] == ["Ana", "Ben"] and data["household_size"] == 2
    for d in data["days"]:
        assert set(d["energy_by_person"]) == {"Ana", "Ben"}
        assert all(set(m["servings_by_person"]) == {"Ana", "Ben"} for m in d["meals"])
    code, out, _ = _run(capsys, *base, "--people", "Ana:2000,Ben:2600", "--no-save")
    assert code == 0 and "per person: Ana" in out and "Ben " in out
    code, _, err = _run(capsys, *base, "--people", "Ana=2000")
    assert code != 0 and "NAME:KCAL" in err
