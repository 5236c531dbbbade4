"""Locks obey the rules: a locked meal that breaks a restriction, an exclusion or a VKA rule
is unlocked with a notice, never kept silently."""

from __future__ import annotations

from dataclasses import dataclass

from k2planner.domain.diet import blocked_by
from k2planner.domain.planner.types import Lock, MealOption, Mode, PlanRequest


@dataclass(frozen=True, slots=True)
class RefusedLock:
    """A lock the planner did not keep, and why."""

    lock: Lock
    meal_name: str
    reason: str

    def text(self) -> str:
        """E.g. "Scrambled eggs was not kept on day 1 breakfast: it contains egg (vegan)."""
        return (
            f"{self.meal_name} was not kept for {self.lock.slot.label.lower()} on day "
            f"{self.lock.day + 1}: {self.reason}."
        )


def meal_refusal(request: PlanRequest, meal: MealOption) -> str:
    """Why ``meal`` may not be planned under ``request``, or "" when it may."""
    if request.mode is Mode.CONSISTENCY and meal.vka_never:
        return (
            "on a vitamin K antagonist, meals with natto, MK-7-rich foods or vitamin K nobody "
            f"knows are never planned; this one contains {meal.vka_never}"
        )
    broken = blocked_by(meal.contains, request.restrictions, meal.may_contain, request.may_excludes)
    if broken:
        _first, flags, only_may = broken[0]
        verb = "may contain" if only_may else "contains"
        names = " + ".join(b[0].value for b in broken)
        return f"it {verb} {flags.label}, which the {names} plan excludes"
    if meal.id in request.excluded_meal_ids:
        return "you excluded this meal"
    if meal.food_ids & request.excluded_food_ids:
        return "it has an ingredient you excluded"
    return ""


def split_locks(request: PlanRequest) -> tuple[tuple[Lock, ...], tuple[RefusedLock, ...]]:
    """The locks that may stay, and those refused with their reasons."""
    by_id = {m.id: m for m in request.meals}
    kept: list[Lock] = []
    refused: list[RefusedLock] = []
    for lk in request.locks:
        meal = by_id.get(lk.meal_id)
        if meal is None:
            refused.append(RefusedLock(lk, f"meal #{lk.meal_id}", "the meal no longer exists"))
            continue
        reason = meal_refusal(request, meal)
        if reason:
            refused.append(RefusedLock(lk, meal.name, reason))
        else:
            kept.append(lk)
    return tuple(kept), tuple(refused)
