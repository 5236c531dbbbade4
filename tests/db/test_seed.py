"""Seeding from the bundled data: counts, provenance, missing-is-not-zero, meals resolve."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_foods, repo_meals
from k2planner.db.seed import SeedError, load_meal_file
from k2planner.domain.diet import Restriction, allowed
from k2planner.domain.diet_rules import derive_flags
from k2planner.domain.meals import Slot, meal_nutrition
from k2planner.domain.nutrients import Nutrient, Tier

ROOT = Path(__file__).resolve().parents[2]


def _food(engine: Engine, source_id: str):  # type: ignore[no-untyped-def]
    with Session(engine) as s:
        fid = repo_foods.food_ids_by_source(s, [source_id])[source_id]
        return repo_foods.load_foods(s, [fid])[fid]


def test_seed_has_every_usda_food_and_meals(seeded_engine: Engine) -> None:
    """All 8,789 SR28 foods, the CIQUAL foods and at least 150 meals are there."""
    with Session(seeded_engine) as s:
        conn = s.connection()
        usda = conn.exec_driver_sql("SELECT COUNT(*) FROM food WHERE source_id LIKE 'usda:%'")
        assert usda.scalar_one() == 8789
        assert repo_foods.count_rows(s, "food") >= 7000
        assert repo_foods.count_rows(s, "meal") >= 150


def test_usda_values_keep_provenance(seeded_engine: Engine) -> None:
    """USDA natto's K1 replacement names the USDA value; MK-4 of cheddar is USDA-measured."""
    cheddar = _food(seeded_engine, "usda:01009")
    mk4 = cheddar.values[Nutrient.MK4]
    assert mk4.value == 8.6 and mk4.source.startswith("usda_sr28") and mk4.tier is Tier.MEASURED
    assert cheddar.values[Nutrient.MK9].source.startswith("k2viewer")
    natto = _food(seeded_engine, "usda:16113")
    assert natto.values[Nutrient.MK7].source.startswith("jensen2022_crfs")
    assert "kamao2007" in natto.values[Nutrient.MK7].source  # the disagreeing studies are named
    assert "replaces usda_sr28 value 23.1" in natto.values[Nutrient.K1].source


def test_missing_values_stay_missing(seeded_engine: Engine) -> None:
    """SR28 has no MK-4 for butter 01001's sibling 01003: it stays unknown, not zero."""
    butter_oil = _food(seeded_engine, "usda:01003")
    assert Nutrient.MK4 not in butter_oil.values
    assert butter_oil.k2.total_ug is None


def test_reported_k2_totals_from_ciqual(seeded_engine: Engine) -> None:
    """CIQUAL's K2 total is kept as a reported total (goose liver, 369 µg)."""
    liver = _food(seeded_engine, "ciqual:40120")
    assert liver.values[Nutrient.K2_REPORTED].value == 369
    assert liver.k2.from_reported_total


def test_literature_foods_of_their_own(seeded_engine: Engine) -> None:
    """Aged Gouda and quark exist as literature foods with borrowed, marked energy values."""
    gouda = _food(seeded_engine, "lit:gouda-aged")
    assert gouda.k2.total_ug == pytest.approx(72.9)
    assert gouda.values[Nutrient.ENERGY].tier is Tier.ESTIMATED
    assert "usda:01022" in gouda.values[Nutrient.ENERGY].source
    assert gouda.portions


def test_every_meal_ingredient_resolves(resources: Path) -> None:
    """Every ingredient of the bundled meal file names a food in the seed."""
    seed = json.loads(gzip.decompress((resources / "seed" / "foods.json.gz").read_bytes()))
    known = {row[0] for row in seed["foods"]}
    meals = load_meal_file(resources / "meals" / "meals.toml")
    missing = {(m.key, sid) for m in meals for sid, _g, _n in m.ingredients if sid not in known}
    assert missing == set()
    assert len({m.key for m in meals}) == len(meals) >= 150


@pytest.mark.parametrize(
    "restrictions",
    [
        (),
        (Restriction.VEGETARIAN,),
        (Restriction.VEGAN,),
        (Restriction.DAIRY_FREE,),
        (Restriction.VEGETARIAN, Restriction.DAIRY_FREE),
        (Restriction.GLUTEN_FREE,),
    ],
)
def test_each_slot_has_real_choice(
    seeded_engine: Engine, restrictions: tuple[Restriction, ...]
) -> None:
    """Under each common restriction every slot offers at least 8 meals."""
    with Session(seeded_engine) as s:
        meals = repo_meals.load_meals(s)
        foods = repo_foods.load_foods(s, {i.food_id for m in meals for i in m.ingredients})
    flags = {m.id: meal_nutrition(m, foods) for m in meals}
    for slot in Slot:
        n = sum(
            1
            for m in meals
            if slot in m.slots
            and allowed(flags[m.id].contains, restrictions, flags[m.id].may_contain)
        )
        assert n >= 8, f"{slot.value} under {restrictions}: only {n} meals"


def test_meal_flags_derive_from_ingredients(seeded_engine: Engine) -> None:
    """The natto rice bowl is vegan; the Gouda omelette is vegetarian but not vegan."""
    with Session(seeded_engine) as s:
        meals = {m.key: m for m in repo_meals.load_meals(s)}
        foods = repo_foods.load_foods(s, {i.food_id for m in meals.values() for i in m.ingredients})
    natto = meal_nutrition(meals["natto-rice-bowl"], foods)
    assert allowed(natto.contains, [Restriction.VEGAN])
    assert natto.k2.total_ug > 300
    omelette = meal_nutrition(meals["gouda-omelette"], foods)
    assert allowed(omelette.contains, [Restriction.VEGETARIAN])
    assert not allowed(omelette.contains, [Restriction.VEGAN])


def test_seed_build_reproduces_committed_seed(tmp_path: Path) -> None:
    """packaging/build_seed.py rebuilds exactly the committed seed from resources/sources."""
    out = tmp_path / "foods.json.gz"
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_seed.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    committed = ROOT / "resources" / "seed" / "foods.json.gz"
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(committed.read_bytes())


def test_seeded_file_is_a_plain_sqlite_database(seeded_db) -> None:  # type: ignore[no-untyped-def]
    """The database is an ordinary SQLite file other tools can read."""
    assert seeded_db.path is not None
    with sqlite3.connect(seeded_db.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM meal").fetchone()[0] >= 150


def test_every_bundled_meal_has_what_its_name_says(seeded_engine: Engine) -> None:
    """Walk all bundled meals: what the rules read in a meal's name ("Gouda omelette": dairy,
    egg) is contained (or may be) by its ingredients, so no meal's diet flags are wrong by a
    missing or mislabelled ingredient; and no meal with a meat, fish or dairy word is vegan."""
    with Session(seeded_engine) as s:
        meals = repo_meals.load_meals(s)
        foods = repo_foods.load_foods(s, {i.food_id for m in meals for i in m.ingredients})
    problems = []
    for m in meals:
        n = meal_nutrition(m, foods)
        said = derive_flags(m.name, "dishes").contains
        missing = said & ~(n.contains | n.may_contain)
        if missing:
            problems.append(f"{m.key}: the name says {missing.names()}, the ingredients do not")
    assert not problems, "\n".join(problems)


def test_a_diet_tag_in_the_meal_file_is_refused(tmp_path: Path, resources: Path) -> None:
    """meals.toml cannot claim a diet: flags come from the ingredients only."""
    text = (resources / "meals" / "meals.toml").read_text(encoding="utf-8")
    assert 'tags = ["vegan"' not in text and '"gluten-free"]' not in text
    bad = text.replace('tags = ["k2-rich", "high-protein"]', 'tags = ["vegan", "high-protein"]', 1)
    assert bad != text
    path = tmp_path / "meals.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(SeedError, match="name a diet"):
        load_meal_file(path)
