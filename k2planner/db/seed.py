"""Seed a new database from the bundled seed (foods) and meal file, in one transaction."""

from __future__ import annotations

import gzip
import hashlib
import json
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from k2planner.domain.diet import Restriction
from k2planner.domain.meals import parse_slots

_DIET_TAGS = frozenset(r.value for r in Restriction)

SEED_FORMAT = 3
"""The seed format this version reads (2: foods carry "may contain" flags and reasons; 3: and
the range of their K2 across the sources)."""

DIET_RULES_KEY = "diet_rules_sha256"
"""Meta key: the digest of the diet rules the stored flags were derived with."""


class SeedError(Exception):
    """The bundled data is broken (a packaging bug); the message says where."""


@dataclass(frozen=True)
class SeedReport:
    """What seeding inserted."""

    foods: int
    values: int
    portions: int
    meals: int


def is_seeded(engine: Engine) -> bool:
    """True once the bundled foods have been loaded."""
    with engine.connect() as conn:
        row = conn.execute(text("SELECT value FROM meta WHERE key = 'seed_format'")).first()
    return row is not None


def seed_database(engine: Engine, resources: Path) -> SeedReport:
    """Load the bundled foods and meals into an empty, migrated database."""
    seed_path = resources / "seed" / "foods.json.gz"
    raw = seed_path.read_bytes()
    seed = json.loads(gzip.decompress(raw))
    meals = load_meal_file(resources / "meals" / "meals.toml")
    with engine.begin() as conn:
        report = _insert_foods(conn, seed)
        n_meals = insert_meals(conn, meals, user=False)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute(
            text("INSERT INTO meta (key, value) VALUES (:k, :v)"),
            [
                {"k": "seed_format", "v": str(seed["format"])},
                {"k": "seed_sha256", "v": hashlib.sha256(raw).hexdigest()},
                {"k": "seeded_at", "v": now},
                {"k": DIET_RULES_KEY, "v": str(seed.get("diet_rules_sha256", ""))},
            ],
        )
    return SeedReport(report[0], report[1], report[2], n_meals)


def _insert_foods(conn: Connection, seed: dict[str, Any]) -> tuple[int, int, int]:
    aisles = [(i + 1, name, i) for i, name in enumerate(seed["aisles"])]
    conn.exec_driver_sql("INSERT INTO aisle (id, name, position) VALUES (?, ?, ?)", aisles)
    groups = [(i + 1, name, aisle + 1) for i, (name, aisle) in enumerate(seed["groups"])]
    conn.exec_driver_sql("INSERT INTO foodgroup (id, name, aisle_id) VALUES (?, ?, ?)", groups)
    if seed.get("format") != SEED_FORMAT:
        raise SeedError(f"the bundled seed has format {seed.get('format')}, expected {SEED_FORMAT}")
    foods = [
        (
            i + 1,
            sid,
            name,
            g + 1,
            None if a is None else a + 1,
            flags,
            may,
            why,
            dens,
            "",
            note,
            *(rng or (None, None)),
        )
        for i, (sid, name, g, a, flags, may, why, dens, note, rng) in enumerate(seed["foods"])
    ]
    conn.exec_driver_sql(
        "INSERT INTO food (id, source_id, name, group_id, aisle_id, contains, may_contain,"
        " flag_reasons, flags_user_set, density_g_per_ml, tags, note, is_user, k2_low_ug,"
        " k2_high_ug) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 0, ?, ?)",
        foods,
    )
    sources, tiers = seed["sources"], seed["tiers"]
    values = [(f + 1, n, v, sources[s], tiers[t]) for f, n, v, s, t in seed["values"]]
    conn.exec_driver_sql(
        "INSERT INTO nutrientvalue (food_id, nutrient, value, source, tier) VALUES (?, ?, ?, ?, ?)",
        values,
    )
    portions = [
        (f + 1, seq, amount, unit, grams) for f, seq, amount, unit, grams in seed["portions"]
    ]
    conn.exec_driver_sql(
        "INSERT INTO portion (food_id, seq, amount, unit, grams) VALUES (?, ?, ?, ?, ?)", portions
    )
    return len(foods), len(values), len(portions)


@dataclass(frozen=True)
class MealSpec:
    """A meal as written in a meal file, ingredients by food source id."""

    key: str
    name: str
    slots: tuple[str, ...]
    cuisine: str
    tags: tuple[str, ...]
    description: str
    ingredients: tuple[tuple[str, float, str], ...]


def load_meal_file(path: Path) -> list[MealSpec]:
    """Parse the bundled meal file; aliases resolve to food source ids."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = data.get("aliases", {})
    specs = []
    for i, m in enumerate(data.get("meals", []), start=1):
        where = f"{path.name}, meal {i} ({m.get('key', '?')})"
        try:
            slots = tuple(s.value for s in parse_slots(m["slots"]))
            ingredients = []
            for item in m["ingredients"]:
                ref, grams = item[0], float(item[1])
                note = item[2] if len(item) > 2 else ""
                source_id = ref if ":" in ref else aliases[ref]
                if not 0 < grams <= 2000:
                    raise ValueError(f"{ref}: {grams} g per serving is not plausible")
                ingredients.append((source_id, grams, note))
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise SeedError(f"{where}: {exc!r}") from exc
        if not slots or not ingredients:
            raise SeedError(f"{where}: needs at least one slot and one ingredient")
        diet_tags = sorted(set(m.get("tags", [])) & _DIET_TAGS)
        if diet_tags:
            raise SeedError(
                f"{where}: the tag(s) {', '.join(diet_tags)} name a diet; diet flags are "
                "derived from the ingredients, never written by hand"
            )
        specs.append(
            MealSpec(
                m["key"],
                m["name"],
                slots,
                m.get("cuisine", ""),
                tuple(m.get("tags", [])),
                m.get("description", ""),
                tuple(ingredients),
            )
        )
    return specs


def insert_meals(conn: Connection, meals: list[MealSpec], *, user: bool) -> int:
    """Insert meals whose ingredients all resolve to foods; raises SeedError otherwise."""
    ids: dict[str, int] = {
        r[0]: r[1] for r in conn.exec_driver_sql("SELECT source_id, id FROM food")
    }
    for m in meals:
        missing = [sid for sid, _g, _n in m.ingredients if sid not in ids]
        if missing:
            raise SeedError(f"meal {m.key!r}: unknown food(s) {', '.join(missing)}")
        meal_id = conn.exec_driver_sql(
            "INSERT INTO meal (key, name, slots, cuisine, tags, description, is_user)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (m.key, m.name, ",".join(m.slots), m.cuisine, ",".join(m.tags), m.description, user),
        ).lastrowid
        conn.exec_driver_sql(
            "INSERT INTO mealingredient (meal_id, food_id, position, grams, note)"
            " VALUES (?, ?, ?, ?, ?)",
            [(meal_id, ids[sid], pos, g, note) for pos, (sid, g, note) in enumerate(m.ingredients)],
        )
    return len(meals)
