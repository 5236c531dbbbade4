"""Shopping-list state: ticks, "already have", free-text extras, aisle order and moves."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session


@dataclass(frozen=True, slots=True)
class ExtraRow:
    """A free-text item."""

    id: int
    text: str
    checked: bool


def marks(session: Session, list_key: str) -> dict[str, str]:
    """item key → state ("checked" or "have") for one list."""
    return {
        k: s
        for k, s in session.connection().exec_driver_sql(
            "SELECT item_key, state FROM shoppingmark WHERE list_key = ?", (list_key,)
        )
    }


def set_mark(session: Session, list_key: str, item_key: str, state: str | None) -> None:
    """Set or clear an item's state."""
    conn = session.connection()
    conn.exec_driver_sql(
        "DELETE FROM shoppingmark WHERE list_key = ? AND item_key = ?", (list_key, item_key)
    )
    if state is not None:
        conn.exec_driver_sql(
            "INSERT INTO shoppingmark (list_key, item_key, state) VALUES (?, ?, ?)",
            (list_key, item_key, state),
        )


def extras(session: Session, list_key: str) -> list[ExtraRow]:
    """The free-text items of a list, in the order added."""
    return [
        ExtraRow(i, t, bool(c))
        for i, t, c in session.connection().exec_driver_sql(
            "SELECT id, text, checked FROM shoppingextra WHERE list_key = ? ORDER BY position, id",
            (list_key,),
        )
    ]


def add_extra(session: Session, list_key: str, text: str) -> int:
    """Add a free-text item; returns its id."""
    conn = session.connection()
    pos = conn.exec_driver_sql(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM shoppingextra WHERE list_key = ?",
        (list_key,),
    ).scalar_one()
    return int(
        conn.exec_driver_sql(
            "INSERT INTO shoppingextra (list_key, text, checked, position) VALUES (?, ?, 0, ?)",
            (list_key, text, pos),
        ).lastrowid
        or 0
    )


def set_extra_checked(session: Session, extra_id: int, checked: bool) -> None:
    """Tick or untick a free-text item."""
    session.connection().exec_driver_sql(
        "UPDATE shoppingextra SET checked = ? WHERE id = ?", (checked, extra_id)
    )


def remove_extra(session: Session, extra_id: int) -> None:
    """Delete a free-text item."""
    session.connection().exec_driver_sql("DELETE FROM shoppingextra WHERE id = ?", (extra_id,))


def aisle_order(session: Session) -> list[str]:
    """Aisle names in the user's order."""
    return [
        r[0]
        for r in session.connection().exec_driver_sql(
            "SELECT name FROM aisle ORDER BY position, id"
        )
    ]


def set_aisle_order(session: Session, names: list[str]) -> None:
    """Store a new aisle order (names not given keep their relative order after)."""
    conn = session.connection()
    rest = [n for n in aisle_order(session) if n not in names]
    for pos, name in enumerate([*names, *rest]):
        conn.exec_driver_sql("UPDATE aisle SET position = ? WHERE name = ?", (pos, name))


def set_food_aisle(session: Session, food_id: int, aisle: str | None) -> None:
    """Move one food to an aisle (None: back to its group's aisle)."""
    conn = session.connection()
    aisle_id = None
    if aisle is not None:
        row = conn.exec_driver_sql("SELECT id FROM aisle WHERE name = ?", (aisle,)).first()
        if row is None:
            raise ValueError(f"unknown aisle {aisle!r}")
        aisle_id = row[0]
    conn.exec_driver_sql("UPDATE food SET aisle_id = ? WHERE id = ?", (aisle_id, food_id))
