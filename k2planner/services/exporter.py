"""Exporting foods and meals (all, or only the user's) to JSON and CSV, losslessly."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_foods, repo_import, repo_meals
from k2planner.domain.export_scope import Scope as Scope
from k2planner.domain.importing import own, own_csv
from k2planner.domain.importing.records import FoodRecord, MealRecord


class ExportService:
    """Reads foods and meals as export records."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def records(self, scope: Scope) -> tuple[list[FoodRecord], list[MealRecord]]:
        """Foods and meals of ``scope``; meals bring the foods they use along."""
        with Session(self._engine) as s:
            meals = [m for m in repo_meals.load_meals(s) if scope is Scope.ALL or m.is_user]
            ids = repo_import.food_ids(s, user_only=scope is not Scope.ALL)
            ids |= (
                {i.food_id for m in meals for i in m.ingredients} if scope is Scope.USER else set()
            )
            foods = repo_foods.load_foods(s, ids)
            extra = repo_import.food_extras(s) if foods else {}
        food_records = [
            FoodRecord(
                row=0,
                name=f.name,
                source_id=f.source_id,
                group=f.group,
                values={n: v.value for n, v in f.values.items()},
                sources={n: v.source for n, v in f.values.items()},
                tiers={n: v.tier for n, v in f.values.items()},
                contains=f.contains,
                may_contain=f.may_contain,
                flag_reasons=f.flag_reasons,
                flags_user_set=extra[f.id][0],
                portions=f.portions,
                density=f.density_g_per_ml,
                note=f.note,
                tags=extra[f.id][1],
                is_user=f.is_user,
            )
            for f in foods.values()
        ]
        source_of = {f.id: f.source_id for f in foods.values()}
        meal_records = [
            MealRecord(
                0,
                m.key,
                m.name,
                tuple(x.value for x in m.slots),
                tuple((source_of[i.food_id], i.grams, i.note) for i in m.ingredients),
                m.cuisine,
                m.tags,
                m.description,
                m.is_user,
                m.method,
                m.prep_minutes,
                m.cook_minutes,
                m.servings,
                m.source,
                tuple((u.text, u.name) for u in m.unmatched),
            )
            for m in meals
        ]
        return food_records, meal_records

    def to_json(self, scope: Scope = Scope.USER) -> str:
        """Foods and meals as our JSON export."""
        foods, meals = self.records(scope)
        return own.to_json(foods, meals)

    def foods_csv(self, scope: Scope = Scope.USER) -> str:
        """Foods as CSV (values with their sources and tiers)."""
        foods, _meals = self.records(scope)
        return own_csv.foods_to_csv(foods)

    def meals_csv(self, scope: Scope = Scope.USER) -> str:
        """Meals as CSV, one row per ingredient."""
        _foods, meals = self.records(scope)
        return own_csv.meals_to_csv(meals)
