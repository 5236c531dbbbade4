"""Meal queries. Functions take a ``Session``; callers own the transaction."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session

from k2planner.domain.meals import Ingredient, Meal, Slot, UnmatchedLine, split_method


def load_meals(session: Session, ids: list[int] | None = None) -> list[Meal]:
    """Meals (all, or those with ``ids``) with their ingredients, ordered by name."""
    conn = session.connection()
    where = ""
    params: tuple[int, ...] = ()
    if ids is not None:
        if not ids:
            return []
        where = f" WHERE id IN ({','.join('?' * len(ids))})"
        params = tuple(ids)
    rows = conn.exec_driver_sql(
        "SELECT id, key, name, slots, cuisine, tags, description, is_user, method,"
        " prep_minutes, cook_minutes, servings, source FROM meal"
        + where
        + " ORDER BY name COLLATE NOCASE",
        params,
    ).all()
    ingredients: dict[int, list[Ingredient]] = defaultdict(list)
    sql = "SELECT meal_id, food_id, grams, note FROM mealingredient"
    if ids is not None:
        sql += f" WHERE meal_id IN ({','.join('?' * len(ids))})"
    for meal_id, food_id, grams, note in conn.exec_driver_sql(
        sql + " ORDER BY meal_id, position, id", params
    ):
        ingredients[meal_id].append(Ingredient(food_id, grams, note))
    unmatched: dict[int, list[UnmatchedLine]] = defaultdict(list)
    sql = "SELECT meal_id, text, name FROM mealline"
    if ids is not None:
        sql += f" WHERE meal_id IN ({','.join('?' * len(ids))})"
    for meal_id, line, name in conn.exec_driver_sql(sql + " ORDER BY meal_id, position", params):
        unmatched[meal_id].append(UnmatchedLine(line, name))
    return [
        Meal(
            id=r[0],
            key=r[1],
            name=r[2],
            slots=tuple(Slot(s) for s in r[3].split(",") if s),
            cuisine=r[4],
            tags=tuple(t for t in r[5].split(",") if t),
            ingredients=tuple(ingredients[r[0]]),
            description=r[6],
            is_user=bool(r[7]),
            method=split_method(r[8]),
            prep_minutes=r[9],
            cook_minutes=r[10],
            servings=r[11],
            source=r[12],
            unmatched=tuple(unmatched[r[0]]),
        )
        for r in rows
    ]
