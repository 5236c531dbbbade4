"""Editing a stored week beyond one slot: regenerate one day, the week's history, restore."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlmodel import Session

from k2planner.db import repo_state
from k2planner.domain.planner.types import Lock
from k2planner.services.plan_storage import read_json, stored_assignment_dicts
from k2planner.services.planning import PlanningService, PlanOutcome


def locks_of(outcome: PlanOutcome) -> tuple[Lock, ...]:
    """The locked slots of a plan, as solver locks."""
    return tuple(
        Lock(a.day, a.slot, a.meal_id, a.servings) for a in outcome.assignments if a.locked
    )


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """One stored plan of a week, for the history list."""

    plan_id: int
    created_at: str
    status: str
    note: str
    meals: int
    locked: int

    def text(self) -> str:
        """E.g. "#12 · Mon 23 Nov 10:04 · 28 meals, 2 locked · edited by hand" (local time)."""
        try:
            stamp = dt.datetime.fromisoformat(self.created_at)
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=dt.UTC)
            local = stamp.astimezone()
            when = f"{local:%a} {local.day} {local:%b %H:%M}"
        except ValueError:
            when = self.created_at
        locked = f", {self.locked} locked" if self.locked else ""
        return f"#{self.plan_id} · {when} · {self.meals} meals{locked} · {self.note}"


def week_history(planning: PlanningService, start: dt.date, limit: int = 100) -> list[PlanSummary]:
    """The stored plans of the week starting ``start``, newest first."""
    with Session(planning.engine) as s:
        rows = repo_state.plans_for(s, start.isoformat(), limit)
        out = []
        for row in rows:
            stored = read_json(row.plan_json)
            items = stored_assignment_dicts(stored)
            note = str(stored.get("message") or "planned")
            out.append(
                PlanSummary(
                    int(row.id or 0),
                    row.created_at,
                    row.status,
                    note,
                    len(items),
                    sum(1 for a in items if a.get("locked")),
                )
            )
    return out


def restore_plan(planning: PlanningService, plan_id: int) -> PlanOutcome:
    """Make an earlier plan the week's current one again (stored as the newest copy)."""
    old = planning.load(plan_id)
    if old is None:
        raise LookupError(f"plan #{plan_id} no longer exists")
    result = replace(old.result, message=f"restored from plan #{plan_id}")
    return planning.save(replace(old, result=result, plan_id=None))


def keep_as_current(planning: PlanningService, outcome: PlanOutcome, note: str) -> PlanOutcome:
    """Store ``outcome`` again as the week's newest plan (undo and redo use this)."""
    return planning.save(replace(outcome, result=replace(outcome.result, message=note)))


def regenerate_day(
    planning: PlanningService, outcome: PlanOutcome, day: int, *, seed: int | None = None
) -> PlanOutcome:
    """Plan one day again: every other day, and the day's own locks, stay as they are; the
    day's other meals are not offered again (unless another day has them too)."""
    if not 0 <= day < outcome.prefs.days:
        raise ValueError(f"day {day + 1} is outside the plan")
    others = [a for a in outcome.assignments if a.day != day]
    fixed = [Lock(a.day, a.slot, a.meal_id, a.servings) for a in others if not a.locked]
    elsewhere = {a.meal_id for a in others}
    dropped = frozenset(
        a.meal_id
        for a in outcome.assignments
        if a.day == day and not a.locked and a.meal_id not in elsewhere
    )
    prefs = outcome.prefs.with_changes(excluded_meal_ids=outcome.prefs.excluded_meal_ids | dropped)
    new = planning.generate(
        prefs, seed=seed, locks=(*locks_of(outcome), *fixed), start=outcome.start, save=False
    )
    if not new.assignments:
        raise ValueError(new.result.message or "the day could not be planned again")
    was_locked = {(a.day, a.slot) for a in outcome.assignments if a.locked}
    assignments = [replace(a, locked=(a.day, a.slot) in was_locked) for a in new.assignments]
    again = replace(outcome, seed=new.seed)
    return planning.rebuild(again, assignments, f"{outcome.day_labels[day]} planned again")
