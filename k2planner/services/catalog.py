"""Browsing foods and meals: search, details, derived meal nutrition."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_food_rows, repo_foods, repo_meals
from k2planner.db.repo_food_rows import FoodQuery
from k2planner.db.repo_foods import FoodRow
from k2planner.domain.diet import DEFAULT_MAY_EXCLUDES, Restriction, allowed
from k2planner.domain.foods import Food
from k2planner.domain.meals import Meal, MealNutrition, Slot, meal_nutrition


@dataclass(frozen=True, slots=True)
class MealView:
    """A meal with the nutrition of one serving, derived from its ingredients."""

    meal: Meal
    nutrition: MealNutrition


@dataclass(frozen=True, slots=True)
class Counts:
    """How much the database holds."""

    foods: int
    user_foods: int
    meals: int
    nutrient_values: int
    portions: int


class CatalogService:
    """Read access to foods and meals."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def search_foods(self, query: str, limit: int = 50) -> list[Food]:
        """Foods matching every word of ``query``, best matches first."""
        with Session(self._engine) as s:
            ids = repo_foods.search_food_ids(s, query, limit)
            foods = repo_foods.load_foods(s, ids)
        return [foods[i] for i in ids if i in foods]

    def foods(self, ids: Iterable[int]) -> dict[int, Food]:
        """Foods by id."""
        with Session(self._engine) as s:
            return repo_foods.load_foods(s, ids)

    def food_rows(self) -> list[FoodRow]:
        """All foods as compact rows for the foods table."""
        with Session(self._engine) as s:
            return repo_foods.all_food_rows(s)

    def food_page(
        self, query: FoodQuery, offset: int, limit: int, with_count: bool
    ) -> tuple[list[FoodRow], int | None]:
        """One page of the foods table in the query's order, and the count when asked."""
        with Session(self._engine) as s:
            rows = repo_food_rows.food_rows_page(s, query, offset, limit)
            total = repo_food_rows.count_food_rows(s, query) if with_count else None
        return rows, total

    def group_names(self) -> list[str]:
        """All food group names."""
        with Session(self._engine) as s:
            return repo_foods.group_names(s)

    def meals(
        self,
        restrictions: Iterable[Restriction] = (),
        slot: Slot | None = None,
        may_excludes: Iterable[Restriction] = DEFAULT_MAY_EXCLUDES,
    ) -> list[MealView]:
        """Meals allowed under ``restrictions`` (and suited to ``slot``), with nutrition.

        A "may contain" excludes a meal under the restrictions in ``may_excludes``."""
        with Session(self._engine) as s:
            meals = repo_meals.load_meals(s)
            foods = repo_foods.load_foods(s, {i.food_id for m in meals for i in m.ingredients})
        rules = list(restrictions)
        out = []
        for meal in meals:
            if slot is not None and slot not in meal.slots:
                continue
            view = MealView(meal, meal_nutrition(meal, foods))
            n = view.nutrition
            if allowed(n.contains, rules, n.may_contain, may_excludes):
                out.append(view)
        return out

    def counts(self) -> Counts:
        """Row counts of the main tables."""
        with Session(self._engine) as s:
            return Counts(
                foods=repo_foods.count_rows(s, "food"),
                user_foods=repo_foods.count_user_foods(s),
                meals=repo_foods.count_rows(s, "meal"),
                nutrient_values=repo_foods.count_rows(s, "nutrientvalue"),
                portions=repo_foods.count_rows(s, "portion"),
            )
