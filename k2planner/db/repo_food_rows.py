"""The foods table, a page at a time: filtered, sorted and counted in SQL.

The Foods view never holds every food: it asks for a count and for pages of rows in the order
the user chose, so opening it and typing in its search stay fast with 400,000 foods. Sorting by
name walks the ``food_name_nocase`` index; the vitamin K columns are looked up per row through
the primary key of ``nutrientvalue``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from k2planner.db.repo_foods import FoodRow, food_row

_MK_OTHER = "('mk5_ug','mk6_ug','mk8_ug','mk9_ug','mk10_ug')"
_ROW_SQL = f"""
SELECT f.id, f.source_id, f.name, g.name AS grp, f.contains, f.is_user, f.may_contain,
  f.flag_reasons,
  (SELECT value FROM nutrientvalue WHERE food_id = f.id AND nutrient = 'k1_ug') AS k1,
  (SELECT value FROM nutrientvalue WHERE food_id = f.id AND nutrient = 'mk4_ug') AS mk4,
  (SELECT value FROM nutrientvalue WHERE food_id = f.id AND nutrient = 'mk7_ug') AS mk7,
  (SELECT SUM(value) FROM nutrientvalue WHERE food_id = f.id AND nutrient IN {_MK_OTHER})
    AS other_mk,
  (SELECT value FROM nutrientvalue WHERE food_id = f.id AND nutrient = 'k2_total_ug')
    AS k2_reported,
  (SELECT MAX(tier) FROM nutrientvalue WHERE food_id = f.id
     AND (nutrient LIKE 'mk%' OR nutrient = 'k2_total_ug')) AS tier,
  f.k2_low_ug, f.k2_high_ug
FROM food f JOIN foodgroup g ON g.id = f.group_id
"""
_K2_TOTAL = (
    "CASE WHEN mk4 IS NULL AND mk7 IS NULL AND other_mk IS NULL THEN k2_reported "
    "ELSE COALESCE(mk4, 0) + COALESCE(mk7, 0) + COALESCE(other_mk, 0) END"
)
_WORD = re.compile(r"[\w%'-]+", re.UNICODE)


class SortKey(StrEnum):
    """What the table can be sorted by."""

    NAME = "name"
    GROUP = "group"
    K1 = "k1"
    MK4 = "mk4"
    MK7 = "mk7"
    OTHER_MK = "other_mk"
    K2_TOTAL = "k2_total"
    SOURCE = "source"


_ORDER = {
    SortKey.NAME: "name COLLATE NOCASE",
    SortKey.GROUP: "grp COLLATE NOCASE",
    SortKey.SOURCE: "source_id",
    SortKey.K1: "k1",
    SortKey.MK4: "mk4",
    SortKey.MK7: "mk7",
    SortKey.OTHER_MK: "other_mk",
    SortKey.K2_TOTAL: _K2_TOTAL,
}
_NUMERIC = {SortKey.K1, SortKey.MK4, SortKey.MK7, SortKey.OTHER_MK, SortKey.K2_TOTAL}


@dataclass(frozen=True, slots=True)
class FoodQuery:
    """A filter and an order for the foods table."""

    text: str = ""
    group: str = ""
    k2_only: bool = False
    forbidden: int = 0  # Contains bits a row must not contain (a restriction)
    may_forbidden: int = 0  # Contains bits a row must not even "may contain" (an allergy)
    mine_only: bool = False
    sort: SortKey = SortKey.NAME
    descending: bool = False


def _where(q: FoodQuery) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    for i, word in enumerate(_WORD.findall(q.text.lower())):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append(f"(f.name LIKE :w{i} ESCAPE '\\' OR lower(f.source_id) = :x{i})")
        params[f"w{i}"] = f"%{escaped}%"
        params[f"x{i}"] = word
    if q.group:
        clauses.append("g.name = :grp")
        params["grp"] = q.group
    if q.k2_only:
        clauses.append(
            "EXISTS (SELECT 1 FROM nutrientvalue v WHERE v.food_id = f.id "
            "AND (v.nutrient LIKE 'mk%' OR v.nutrient = 'k2_total_ug'))"
        )
    if q.forbidden:
        clauses.append("(f.contains & :forbidden) = 0")
        params["forbidden"] = q.forbidden
    if q.may_forbidden:
        clauses.append("(f.may_contain & :may_forbidden) = 0")
        params["may_forbidden"] = q.may_forbidden
    if q.mine_only:
        clauses.append("f.is_user = 1")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def count_food_rows(session: Session, q: FoodQuery) -> int:
    """How many foods match ``q``."""
    where, params = _where(q)
    sql = f"SELECT COUNT(*) FROM food f JOIN foodgroup g ON g.id = f.group_id{where}"
    return int(session.connection().execute(text(sql), params).scalar_one())


def food_rows_page(session: Session, q: FoodQuery, offset: int, limit: int) -> list[FoodRow]:
    """Rows ``offset`` … ``offset + limit`` of the foods matching ``q``, in its order."""
    where, params = _where(q)
    key = _ORDER[q.sort]
    direction = "DESC" if q.descending else "ASC"
    nulls = f"({key}) IS NULL, " if q.sort in _NUMERIC else ""  # unknown last, either way
    order = f"{nulls}{key} {direction}, name COLLATE NOCASE, id"
    if q.sort is SortKey.NAME:
        # the inner query walks the name index; the lookups run for this page only
        inner = f"SELECT f.id FROM food f JOIN foodgroup g ON g.id = f.group_id{where}"
        sql = (
            f"SELECT * FROM ({_ROW_SQL} WHERE f.id IN ({inner} ORDER BY f.name COLLATE NOCASE "
            f"{direction}, f.id LIMIT :limit OFFSET :offset)) ORDER BY name COLLATE NOCASE "
            f"{direction}, id"
        )
    else:
        sql = f"SELECT * FROM ({_ROW_SQL}{where}) ORDER BY {order} LIMIT :limit OFFSET :offset"
    params = {**params, "limit": limit, "offset": offset}
    return [food_row(r) for r in session.connection().execute(text(sql), params)]
