"""Writing foods and meals made by the user. Callers own the transaction."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from k2planner.domain.diet import DietFlags
from k2planner.domain.foods import Portion


def ensure_group(session: Session, name: str, aisle: str = "Other") -> int:
    """The id of a food group, created (in ``aisle``) if missing."""
    conn = session.connection()
    row = conn.exec_driver_sql("SELECT id FROM foodgroup WHERE name = ?", (name,)).first()
    if row is not None:
        return int(row[0])
    aisle_row = conn.exec_driver_sql("SELECT id FROM aisle WHERE name = ?", (aisle,)).first()
    if aisle_row is None:
        pos = conn.exec_driver_sql("SELECT COALESCE(MAX(position), -1) + 1 FROM aisle").scalar_one()
        aisle_id = conn.exec_driver_sql(
            "INSERT INTO aisle (name, position) VALUES (?, ?)", (aisle, pos)
        ).lastrowid
    else:
        aisle_id = aisle_row[0]
    return int(
        conn.exec_driver_sql(
            "INSERT INTO foodgroup (name, aisle_id) VALUES (?, ?)", (name, aisle_id)
        ).lastrowid
        or 0
    )


def insert_food(
    session: Session,
    *,
    source_id: str,
    name: str,
    group_id: int,
    flags: DietFlags,
    flags_user_set: bool,
    density: float | None = None,
    note: str = "",
    tags: str = "",
    is_user: bool = True,
) -> int:
    """Insert a food row; returns its id."""
    cur = session.connection().exec_driver_sql(
        "INSERT INTO food (source_id, name, group_id, aisle_id, contains, may_contain,"
        " flag_reasons, flags_user_set, density_g_per_ml, tags, note, is_user)"
        " VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            source_id,
            name,
            group_id,
            flags.contains.value,
            flags.may_contain.value,
            flags.stored_reasons(),
            flags_user_set,
            density,
            tags,
            note,
            is_user,
        ),
    )
    return int(cur.lastrowid or 0)


def update_food(
    session: Session,
    food_id: int,
    *,
    name: str,
    group_id: int,
    flags: DietFlags,
    flags_user_set: bool,
    note: str,
) -> None:
    """Change a food's descriptive fields."""
    session.connection().exec_driver_sql(
        "UPDATE food SET name = ?, group_id = ?, contains = ?, may_contain = ?, flag_reasons = ?,"
        " flags_user_set = ?, note = ? WHERE id = ?",
        (
            name,
            group_id,
            flags.contains.value,
            flags.may_contain.value,
            flags.stored_reasons(),
            flags_user_set,
            note,
            food_id,
        ),
    )


def update_imported_food(
    session: Session,
    food_id: int,
    name: str,
    group_id: int,
    flags: DietFlags,
    flags_user_set: bool,
    note: str,
) -> None:
    """An import updates a food: name, group and note; its flags too unless the user set them."""
    conn = session.connection()
    conn.exec_driver_sql(
        "UPDATE food SET name = ?, group_id = ?, note = ? WHERE id = ?",
        (name, group_id, note, food_id),
    )
    conn.exec_driver_sql(
        "UPDATE food SET contains = ?, may_contain = ?, flag_reasons = ?, flags_user_set = ?"
        " WHERE id = ? AND NOT flags_user_set",
        (
            flags.contains.value,
            flags.may_contain.value,
            flags.stored_reasons(),
            flags_user_set,
            food_id,
        ),
    )


def replace_values(
    session: Session, food_id: int, values: Iterable[tuple[str, float, str, str]]
) -> None:
    """Replace all nutrient values of a food with (nutrient, value, source, tier) rows."""
    conn = session.connection()
    conn.exec_driver_sql("DELETE FROM nutrientvalue WHERE food_id = ?", (food_id,))
    rows = [(food_id, n, v, s, t) for n, v, s, t in values]
    if rows:
        conn.exec_driver_sql(
            "INSERT INTO nutrientvalue (food_id, nutrient, value, source, tier)"
            " VALUES (?, ?, ?, ?, ?)",
            rows,
        )


def replace_portions(session: Session, food_id: int, portions: Iterable[Portion]) -> None:
    """Replace a food's household measures."""
    conn = session.connection()
    conn.exec_driver_sql("DELETE FROM portion WHERE food_id = ?", (food_id,))
    rows = [(food_id, i, p.amount, p.unit, p.grams) for i, p in enumerate(portions, start=1)]
    if rows:
        conn.exec_driver_sql(
            "INSERT INTO portion (food_id, seq, amount, unit, grams) VALUES (?, ?, ?, ?, ?)", rows
        )


def meals_using_food(session: Session, food_id: int) -> list[str]:
    """Names of the meals that use a food."""
    return [
        r[0]
        for r in session.connection().exec_driver_sql(
            "SELECT DISTINCT m.name FROM meal m JOIN mealingredient i ON i.meal_id = m.id"
            " WHERE i.food_id = ? ORDER BY m.name",
            (food_id,),
        )
    ]


def delete_food(session: Session, food_id: int) -> None:
    """Delete a food with its values and portions (callers check it is unused)."""
    session.connection().exec_driver_sql("DELETE FROM food WHERE id = ?", (food_id,))


def upsert_meal(
    session: Session,
    *,
    meal_id: int | None,
    key: str,
    name: str,
    slots: str,
    cuisine: str,
    tags: str,
    description: str,
    ingredients: Iterable[tuple[int, float, str]],
) -> int:
    """Insert or update a user meal and replace its ingredients; returns its id."""
    conn = session.connection()
    if meal_id is None:
        meal_id = int(
            conn.exec_driver_sql(
                "INSERT INTO meal (key, name, slots, cuisine, tags, description, is_user)"
                " VALUES (?, ?, ?, ?, ?, ?, 1)",
                (key, name, slots, cuisine, tags, description),
            ).lastrowid
            or 0
        )
    else:
        conn.exec_driver_sql(
            "UPDATE meal SET name = ?, slots = ?, cuisine = ?, tags = ?, description = ?"
            " WHERE id = ?",
            (name, slots, cuisine, tags, description, meal_id),
        )
        conn.exec_driver_sql("DELETE FROM mealingredient WHERE meal_id = ?", (meal_id,))
    conn.exec_driver_sql(
        "INSERT INTO mealingredient (meal_id, food_id, position, grams, note)"
        " VALUES (?, ?, ?, ?, ?)",
        [(meal_id, f, pos, g, note) for pos, (f, g, note) in enumerate(ingredients)],
    )
    return meal_id


def delete_meal(session: Session, meal_id: int) -> None:
    """Delete a meal and its ingredients."""
    session.connection().exec_driver_sql("DELETE FROM meal WHERE id = ?", (meal_id,))
