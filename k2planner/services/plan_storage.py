"""The stored form of a plan (a JSON document in ``savedplan``) and reading it back."""

from __future__ import annotations

import json
from collections.abc import Container
from typing import TYPE_CHECKING, Any

from k2planner.domain.meals import Slot
from k2planner.domain.planner.types import Assignment, SolveResult, SolveStatus

if TYPE_CHECKING:
    from k2planner.services.planning import PlanOutcome


def plan_to_storage(outcome: PlanOutcome) -> dict[str, Any]:
    """The stored form of a plan (assignments and solver figures)."""
    r = outcome.result
    return {
        "assignments": [
            {
                "day": a.day,
                "slot": a.slot.value,
                "meal_id": a.meal_id,
                "meal_key": outcome.catalogue.meals[a.meal_id].key,
                "servings": a.servings,
                "locked": a.locked,
                "portions": list(a.portions),
            }
            for a in r.assignments
        ],
        "status": r.status.value,
        "objective": r.objective,
        "bound": r.bound,
        "mip_gap": r.mip_gap,
        "seconds": r.seconds,
        "shortfall_ug": list(r.shortfall_ug),
        "least_shortfall_ug": r.least_shortfall_ug,
        "message": r.message,
    }


def read_json(text: str) -> dict[str, Any]:
    """A stored JSON object (preferences or plan)."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("a stored plan or preferences record is not a JSON object")
    return data


def stored_assignment_dicts(stored: dict[str, Any]) -> list[dict[str, Any]]:
    """The raw assignments of a stored plan (for counts and history)."""
    items = stored.get("assignments", [])
    return [a for a in items if isinstance(a, dict)] if isinstance(items, list) else []


def stored_assignments(
    stored: dict[str, Any], people: int, known_meals: Container[int]
) -> tuple[Assignment, ...]:
    """The assignments of a stored plan whose meals still exist; per-person servings kept
    when they match the plan's number of people."""
    return tuple(
        Assignment(
            a["day"],
            Slot(a["slot"]),
            a["meal_id"],
            a["servings"],
            a["locked"],
            _portions(a.get("portions"), people),
        )
        for a in stored["assignments"]
        if a["meal_id"] in known_meals
    )


def stored_result(stored: dict[str, Any], assignments: tuple[Assignment, ...]) -> SolveResult:
    """The solver figures of a stored plan around ``assignments``."""
    return SolveResult(
        assignments,
        SolveStatus(stored["status"]),
        stored["objective"],
        stored["mip_gap"],
        stored["seconds"],
        tuple(stored.get("shortfall_ug", ())),
        bound=stored.get("bound", float("-inf")),
        least_shortfall_ug=stored.get("least_shortfall_ug"),
    )


def _portions(data: object, people: int) -> tuple[float, ...]:
    if not isinstance(data, list) or len(data) != people:
        return ()
    return tuple(float(x) for x in data)
