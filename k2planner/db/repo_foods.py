"""Food queries and updates. Functions take a ``Session``; callers own the transaction."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from k2planner.domain.diet import DietFlags
from k2planner.domain.foods import Food, Portion
from k2planner.domain.nutrients import Nutrient, NutrientValue, Tier

_FOOD_SQL = """
SELECT f.id, f.source_id, f.name, g.name, COALESCE(fa.name, ga.name), f.contains,
       f.density_g_per_ml, f.note, f.is_user, f.may_contain, f.flag_reasons, f.k2_low_ug,
       f.k2_high_ug
FROM food f
JOIN foodgroup g ON g.id = f.group_id
JOIN aisle ga ON ga.id = g.aisle_id
LEFT JOIN aisle fa ON fa.id = f.aisle_id
"""


def _chunks(ids: Sequence[int], size: int = 900) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def load_foods(session: Session, ids: Iterable[int]) -> dict[int, Food]:
    """Foods by id with all their values and portions (unknown ids are left out)."""
    wanted = sorted(set(ids))
    rows: dict[int, tuple[Any, ...]] = {}
    values: dict[int, dict[Nutrient, NutrientValue]] = {i: {} for i in wanted}
    portions: dict[int, list[Portion]] = {i: [] for i in wanted}
    conn = session.connection()
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        for r in conn.exec_driver_sql(f"{_FOOD_SQL} WHERE f.id IN ({marks})", tuple(chunk)):
            rows[r[0]] = tuple(r)
        sql = (
            "SELECT food_id, nutrient, value, source, tier FROM nutrientvalue"
            f" WHERE food_id IN ({marks})"
        )
        for fid, n, v, src, tier in conn.exec_driver_sql(sql, tuple(chunk)):
            try:
                nutrient = Nutrient(n)
            except ValueError:
                continue  # a nutrient this version does not know
            values[fid][nutrient] = NutrientValue(nutrient, v, src, Tier(tier))
        sql = (
            f"SELECT food_id, amount, unit, grams FROM portion WHERE food_id IN ({marks})"
            " ORDER BY food_id, seq, id"
        )
        for fid, amount, unit, grams in conn.exec_driver_sql(sql, tuple(chunk)):
            portions[fid].append(Portion(amount, unit, grams))
    out: dict[int, Food] = {}
    for fid, row in rows.items():
        cols = tuple(row)
        flags = DietFlags.from_stored(int(cols[5]), int(cols[9]), str(cols[10]))
        out[fid] = Food(
            id=fid,
            source_id=str(cols[1]),
            name=str(cols[2]),
            group=str(cols[3]),
            aisle=str(cols[4]),
            contains=flags.contains,
            may_contain=flags.may_contain,
            flag_reasons=flags.reasons,
            values=values[fid],
            portions=tuple(portions[fid]),
            density_g_per_ml=cols[6],
            note=str(cols[7]),
            is_user=bool(cols[8]),
            k2_range_ug=None if cols[11] is None else (float(cols[11]), float(cols[12])),
        )
    return out


def food_ids_by_source(session: Session, source_ids: Iterable[str]) -> dict[str, int]:
    """Map source ids ("usda:01022") to database ids; unknown ones are left out."""
    wanted = sorted(set(source_ids))
    out: dict[str, int] = {}
    conn = session.connection()
    for i in range(0, len(wanted), 900):
        chunk = wanted[i : i + 900]
        marks = ",".join("?" * len(chunk))
        for sid, fid in conn.exec_driver_sql(
            f"SELECT source_id, id FROM food WHERE source_id IN ({marks})", tuple(chunk)
        ):
            out[sid] = fid
    return out


_WORD = re.compile(r"[\w%'-]+", re.UNICODE)


def search_food_ids(session: Session, query: str, limit: int = 200) -> list[int]:
    """Ids of foods whose name or source id contains every word of ``query``.

    Ranked: names starting with the query first, then foods with K2 data, then shorter names.
    """
    words = _WORD.findall(query.lower())
    if not words:
        return []
    clauses = " AND ".join(
        f"(lower(f.name) LIKE :w{i} ESCAPE '\\' OR lower(f.source_id) = :x{i})"
        for i in range(len(words))
    )
    params: dict[str, object] = {}
    for i, w in enumerate(words):
        escaped = w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params[f"w{i}"] = f"%{escaped}%"
        params[f"x{i}"] = w
    params["start"] = query.strip().lower() + "%"
    params["limit"] = limit
    sql = f"""
        SELECT f.id FROM food f
        WHERE {clauses}
        ORDER BY (lower(f.name) LIKE :start) DESC,
                 EXISTS (SELECT 1 FROM nutrientvalue v WHERE v.food_id = f.id
                         AND (v.nutrient LIKE 'mk%' OR v.nutrient = 'k2_total_ug')) DESC,
                 length(f.name), f.name
        LIMIT :limit
    """
    return [r[0] for r in session.connection().execute(text(sql), params)]


@dataclass(frozen=True, slots=True)
class FoodRow:
    """A compact row for the foods table: K values per 100 g, None = unknown."""

    id: int
    source_id: str
    name: str
    group: str
    contains: int
    may_contain: int
    flag_reasons: str
    k1: float | None
    mk4: float | None
    mk7: float | None
    other_mk: float | None
    k2_reported: float | None
    tier: str
    is_user: bool
    k2_low: float | None = None  # K2 per 100 g across the sources (None: one source)
    k2_high: float | None = None


def all_food_rows(session: Session) -> list[FoodRow]:
    """Every food as a compact row (one query), ordered by name."""
    sql = """
    SELECT f.id, f.source_id, f.name, g.name, f.contains, f.is_user, f.may_contain, f.flag_reasons,
      MAX(CASE WHEN v.nutrient = 'k1_ug' THEN v.value END),
      MAX(CASE WHEN v.nutrient = 'mk4_ug' THEN v.value END),
      MAX(CASE WHEN v.nutrient = 'mk7_ug' THEN v.value END),
      SUM(CASE WHEN v.nutrient IN ('mk5_ug','mk6_ug','mk8_ug','mk9_ug','mk10_ug') THEN v.value END),
      MAX(CASE WHEN v.nutrient = 'k2_total_ug' THEN v.value END),
      MAX(CASE WHEN v.nutrient LIKE 'mk%' OR v.nutrient = 'k2_total_ug' THEN v.tier END),
      f.k2_low_ug, f.k2_high_ug
    FROM food f JOIN foodgroup g ON g.id = f.group_id
    LEFT JOIN nutrientvalue v ON v.food_id = f.id
    GROUP BY f.id ORDER BY f.name COLLATE NOCASE
    """
    return [food_row(r) for r in session.connection().exec_driver_sql(sql)]


def food_row(r: Any) -> FoodRow:
    """A FoodRow from a result row (id, source, name, group, contains, is_user, may, reasons,
    k1, mk4, mk7, other_mk, k2_reported, tier, k2_low, k2_high)."""
    return FoodRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[6],
        r[7],
        r[8],
        r[9],
        r[10],
        r[11],
        r[12],
        r[13] or "",
        bool(r[5]),
        r[14],
        r[15],
    )


def count_rows(session: Session, table: str) -> int:
    """Number of rows of one of our tables."""
    if not table.isidentifier():
        raise ValueError(table)
    return int(session.connection().exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one())


def count_user_foods(session: Session) -> int:
    """Number of foods the user added or imported."""
    sql = "SELECT COUNT(*) FROM food WHERE is_user"
    return int(session.connection().exec_driver_sql(sql).scalar_one())


def group_names(session: Session) -> list[str]:
    """All food group names, sorted."""
    return [
        r[0]
        for r in session.connection().exec_driver_sql(
            "SELECT name FROM foodgroup ORDER BY name COLLATE NOCASE"
        )
    ]
