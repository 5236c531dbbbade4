"""Adding, editing and deleting the user's own foods (from a label or a form)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_edit, repo_foods
from k2planner.domain.diet import Contains, DietFlags
from k2planner.domain.diet_rules import derive_flags
from k2planner.domain.food_input import FoodInput, NormalisedFood, normalise
from k2planner.domain.foods import Food
from k2planner.domain.nutrients import Tier


class FoodRejected(ValueError):
    """The food cannot be saved; ``problems`` says why, field by field."""

    def __init__(self, result: NormalisedFood) -> None:
        self.result = result
        lines = [f"{p.field} ({p.value}): {p.message}" for p in result.errors]
        super().__init__("; ".join(lines) or "the food has unconfirmed values")


@dataclass(frozen=True)
class SavedFood:
    """A food that was saved."""

    id: int
    source_id: str


class CustomFoodService:
    """The user's own foods; values carry the source "user" and tier "user"."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def check(self, food: FoodInput) -> NormalisedFood:
        """Validate without saving (the dialog shows the problems)."""
        return normalise(food)

    def save(
        self, food: FoodInput, *, food_id: int | None = None, confirmed: bool = False
    ) -> SavedFood:
        """Insert (or update ``food_id``); questions must be ``confirmed`` first."""
        result = normalise(food)
        if result.errors or (result.questions and not confirmed):
            raise FoodRejected(result)
        flags = user_flags(food)
        source = f"user: entered on {dt.date.today().isoformat()}"
        rows = [(n.value, v, source, Tier.USER.value) for n, v in result.values.items()]
        with Session(self._engine) as s:
            group_id = repo_edit.ensure_group(s, food.group or "Your foods")
            if food_id is None:
                source_id = f"user:{uuid.uuid4().hex[:12]}"
                food_id = repo_edit.insert_food(
                    s,
                    source_id=source_id,
                    name=food.name.strip(),
                    group_id=group_id,
                    flags=flags,
                    flags_user_set=food.contains is not None,
                    note=food.note,
                )
            else:
                existing = repo_foods.load_foods(s, [food_id]).get(food_id)
                if existing is None or not existing.is_user:
                    raise ValueError("only your own foods can be edited")
                source_id = existing.source_id
                repo_edit.update_food(
                    s,
                    food_id,
                    name=food.name.strip(),
                    group_id=group_id,
                    flags=flags,
                    flags_user_set=food.contains is not None,
                    note=food.note,
                )
            repo_edit.replace_values(s, food_id, rows)
            repo_edit.replace_portions(s, food_id, food.portions)
            s.commit()
        return SavedFood(food_id, source_id)

    def delete(self, food_id: int) -> None:
        """Delete one of the user's foods; refused while a meal uses it."""
        with Session(self._engine) as s:
            food = repo_foods.load_foods(s, [food_id]).get(food_id)
            if food is None or not food.is_user:
                raise ValueError("only your own foods can be deleted")
            used = repo_edit.meals_using_food(s, food_id)
            if used:
                raise ValueError(
                    f"{food.name} is used by {len(used)} meal(s): {', '.join(used[:5])}. "
                    "Remove it from those meals first."
                )
            repo_edit.delete_food(s, food_id)
            s.commit()

    def food(self, food_id: int) -> Food | None:
        """One food."""
        with Session(self._engine) as s:
            return repo_foods.load_foods(s, [food_id]).get(food_id)


def user_flags(food: FoodInput) -> DietFlags:
    """The flags the user ticked (with "you set this" as the reason), else the derived ones."""
    if food.contains is None:
        return derive_flags(food.name, food.group or "Your foods")
    reasons = [(f.names()[0], "you set this") for f in Contains if f.value]
    return DietFlags(food.contains, food.may_contain, tuple(reasons))
