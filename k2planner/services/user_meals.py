"""The user's own meals: create, edit, delete; nutrients stay derived from ingredients."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_edit, repo_foods, repo_meals
from k2planner.domain.meals import Slot


@dataclass(frozen=True)
class MealInput:
    """A meal as edited: ingredients are (food id, grams per serving, note)."""

    name: str
    slots: tuple[Slot, ...]
    ingredients: tuple[tuple[int, float, str], ...]
    cuisine: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""


def check_meal(meal: MealInput) -> list[str]:
    """What is wrong with a meal before saving (empty when fine)."""
    problems = []
    if not meal.name.strip():
        problems.append("The meal needs a name.")
    if not meal.slots:
        problems.append("Choose at least one slot (breakfast, lunch, dinner or snack).")
    if not meal.ingredients:
        problems.append("Add at least one ingredient.")
    for food_id, grams, _note in meal.ingredients:
        if not 0 < grams <= 2000:
            problems.append(f"Ingredient #{food_id}: {grams:g} g per serving is not plausible.")
    return problems


class UserMealService:
    """Create, change and delete the user's meals."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def save(self, meal: MealInput, meal_id: int | None = None) -> int:
        """Store a meal (new, or ``meal_id`` if it is one of the user's); returns its id."""
        problems = check_meal(meal)
        if problems:
            raise ValueError(" ".join(problems))
        with Session(self._engine) as s:
            known = repo_foods.load_foods(s, {f for f, _g, _n in meal.ingredients})
            missing = [f for f, _g, _n in meal.ingredients if f not in known]
            if missing:
                raise ValueError(f"unknown food id(s): {missing}")
            if meal_id is not None:
                existing = repo_meals.load_meals(s, [meal_id])
                if not existing or not existing[0].is_user:
                    raise ValueError("only your own meals can be edited; save a copy instead")
                key = existing[0].key
            else:
                slug = re.sub(r"[^a-z0-9]+", "-", meal.name.lower()).strip("-")[:40]
                key = f"user-{slug}-{uuid.uuid4().hex[:6]}"
            new_id = repo_edit.upsert_meal(
                s,
                meal_id=meal_id,
                key=key,
                name=meal.name.strip(),
                slots=",".join(x.value for x in meal.slots),
                cuisine=meal.cuisine.strip(),
                tags=",".join(t.strip() for t in meal.tags if t.strip()),
                description=meal.description,
                ingredients=meal.ingredients,
            )
            s.commit()
        return new_id

    def delete(self, meal_id: int) -> None:
        """Delete one of the user's meals (stored plans keep working without it)."""
        with Session(self._engine) as s:
            existing = repo_meals.load_meals(s, [meal_id])
            if not existing or not existing[0].is_user:
                raise ValueError("only your own meals can be deleted")
            repo_edit.delete_meal(s, meal_id)
            s.commit()
