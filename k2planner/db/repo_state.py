"""Preferences and saved plans. Functions take a ``Session``; callers own the transaction."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from k2planner.db.tables import Preference, SavedPlan

PREFS_KEY = "preferences"


def load_preferences(session: Session) -> dict[str, Any] | None:
    """The stored preferences as JSON data, or None before the first save."""
    row = session.get(Preference, PREFS_KEY)
    return None if row is None else dict(json.loads(row.value))


def save_preferences(session: Session, data: dict[str, Any]) -> None:
    """Store the preferences (JSON data)."""
    text = json.dumps(data, sort_keys=True)
    row = session.get(Preference, PREFS_KEY)
    if row is None:
        session.add(Preference(key=PREFS_KEY, value=text))
    else:
        row.value = text
        session.add(row)


def add_plan(
    session: Session,
    *,
    created_at: str,
    start_date: str,
    seed: int,
    status: str,
    preferences: dict[str, Any],
    plan: dict[str, Any],
) -> int:
    """Store a plan; returns its id."""
    row = SavedPlan(
        created_at=created_at,
        start_date=start_date,
        seed=seed,
        status=status,
        preferences_json=json.dumps(preferences, sort_keys=True),
        plan_json=json.dumps(plan, sort_keys=True),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def get_plan(session: Session, plan_id: int) -> SavedPlan | None:
    """A stored plan by id."""
    return session.get(SavedPlan, plan_id)


def latest_plan(session: Session, start_date: str | None = None) -> SavedPlan | None:
    """The newest plan (for a start date, if given)."""
    stmt = select(SavedPlan)
    if start_date is not None:
        stmt = stmt.where(SavedPlan.start_date == start_date)
    stmt = stmt.order_by(col(SavedPlan.id).desc())
    return session.exec(stmt).first()


def plans_before(session: Session, start_date: str, limit: int = 1) -> list[SavedPlan]:
    """The newest plans of earlier weeks (one per start date), newest week first."""
    stmt = (
        select(SavedPlan)
        .where(SavedPlan.start_date < start_date)
        .order_by(col(SavedPlan.start_date).desc(), col(SavedPlan.id).desc())
    )
    seen: dict[str, SavedPlan] = {}
    for row in session.exec(stmt):
        if row.start_date not in seen:
            seen[row.start_date] = row
            if len(seen) >= limit:
                break
    return list(seen.values())


def plans_for(session: Session, start_date: str, limit: int = 100) -> list[SavedPlan]:
    """The stored plans of one week, newest first."""
    stmt = (
        select(SavedPlan)
        .where(SavedPlan.start_date == start_date)
        .order_by(col(SavedPlan.id).desc())
        .limit(limit)
    )
    return list(session.exec(stmt))
