"""Imported recipes: the food names they are matched against, and writing them as meals.
Functions take a ``Session``; callers own the transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from k2planner.db import repo_edit


def meals_by_key(session: Session, keys: Iterable[str]) -> dict[str, int]:
    """Meal ids of the given keys that exist."""
    wanted = list(dict.fromkeys(keys))
    out: dict[str, int] = {}
    conn = session.connection()
    for i in range(0, len(wanted), 900):
        chunk = wanted[i : i + 900]
        sql = f"SELECT key, id FROM meal WHERE key IN ({','.join('?' * len(chunk))})"
        out.update({str(k): int(v) for k, v in conn.exec_driver_sql(sql, tuple(chunk))})
    return out


@dataclass(frozen=True)
class RecipeDetails:
    """A meal's method (one step a line), times, yield, source and unmatched lines."""

    method: str
    prep_minutes: int | None
    cook_minutes: int | None
    servings: int
    source: str
    unmatched: Sequence[tuple[str, str]]


def set_recipe_details(session: Session, meal_id: int, details: RecipeDetails) -> None:
    """Replace a meal's method, times, yield, source and unmatched lines."""
    conn = session.connection()
    conn.exec_driver_sql(
        "UPDATE meal SET method = ?, prep_minutes = ?, cook_minutes = ?, servings = ?, source = ?"
        " WHERE id = ?",
        (
            details.method,
            details.prep_minutes,
            details.cook_minutes,
            details.servings,
            details.source,
            meal_id,
        ),
    )
    conn.exec_driver_sql("DELETE FROM mealline WHERE meal_id = ?", (meal_id,))
    if details.unmatched:
        conn.exec_driver_sql(
            "INSERT INTO mealline (meal_id, position, text, name) VALUES (?, ?, ?, ?)",
            [(meal_id, pos, t, n) for pos, (t, n) in enumerate(details.unmatched)],
        )


@dataclass(frozen=True)
class NewMeal:
    """An imported recipe as stored: ingredients in grams per serving, and its details."""

    key: str
    name: str
    slots: str
    cuisine: str
    tags: str
    description: str
    ingredients: Sequence[tuple[int, float, str]]  # food id, grams per serving, the line
    details: RecipeDetails


def insert_meal(session: Session, meal: NewMeal) -> int:
    """Store one imported recipe as a user meal; returns its id."""
    meal_id = repo_edit.upsert_meal(
        session,
        meal_id=None,
        key=meal.key,
        name=meal.name,
        slots=meal.slots,
        cuisine=meal.cuisine,
        tags=meal.tags,
        description=meal.description,
        ingredients=meal.ingredients,
    )
    set_recipe_details(session, meal_id, meal.details)
    return meal_id
