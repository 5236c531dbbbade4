"""Import recipes from other apps as meals: read, review, then write all in one transaction.

``preview`` reads and matches without writing; the review step may change a line's food, a
recipe's slots or servings, or leave recipes out; ``commit`` stores every importable recipe
in one transaction (a failure writes nothing). Grams are stored per serving.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_foods, repo_import, repo_recipes
from k2planner.db.repo_recipes import RecipeDetails
from k2planner.domain.foods import Food
from k2planner.domain.meals import (
    Ingredient,
    Meal,
    MealNutrition,
    Slot,
    UnmatchedLine,
    join_method,
    meal_nutrition,
    split_method,
)
from k2planner.domain.recipes.matcher import FoodMatcher, FoodName, bundled_synonyms
from k2planner.domain.recipes.model import RecipeProblem
from k2planner.domain.recipes.reader import read_recipe_file
from k2planner.domain.recipes.slots import plain_tags
from k2planner.services.recipe_review import (
    RecipeReview,
    rechecked,
    review_recipe,
    with_food,
    with_servings,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportPreview:
    """Everything a file would import, before anything is written."""

    path: Path
    origin: str
    recipes: tuple[RecipeReview, ...]
    problems: tuple[RecipeProblem, ...]  # members or recipes that could not be read at all

    def all_problems(self) -> list[RecipeProblem]:
        """File problems, then each recipe's."""
        return [*self.problems, *(p for r in self.recipes for p in r.problems)]

    def line_counts(self) -> tuple[int, int]:
        """(lines matched to a food with grams, all lines) over the importable recipes."""
        rs = [r for r in self.recipes if r.importable]
        return sum(r.matched_lines for r in rs), sum(len(r.lines) for r in rs)


@dataclass(frozen=True)
class ImportOutcome:
    """What ``commit`` stored."""

    meal_ids: tuple[int, ...]
    names: tuple[str, ...]
    skipped: tuple[str, ...] = field(default=())  # why each left-out recipe was left out


class RecipeImportService:
    """Read recipe files, match their lines to foods, store them as the user's meals."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._matcher: FoodMatcher | None = None

    def matcher(self) -> FoodMatcher:
        """The food matcher over this database's foods (built by the last ``preview``)."""
        if self._matcher is None:
            with Session(self._engine) as s:
                names = [FoodName(*row) for row in repo_import.food_names(s)]
                self._matcher = FoodMatcher(names, bundled_synonyms())
        return self._matcher

    def _foods(self, ids: set[int]) -> Mapping[int, Food]:
        with Session(self._engine) as s:
            return repo_foods.load_foods(s, ids)

    def preview(self, path: Path, progress: Progress | None = None) -> ImportPreview:
        """Read ``path`` and review every recipe; raises RecipeFileError for an unreadable file."""
        result = read_recipe_file(path)
        self._matcher = None  # foods may have been added or renamed since the last file (0.14 s)
        matcher = self.matcher()
        reviews = []
        total = len(result.recipes)
        for i, raw in enumerate(result.recipes, start=1):
            reviews.append(review_recipe(raw, i, matcher, self._foods))
            if progress is not None:
                progress(i, total)
        with Session(self._engine) as s:
            existing = repo_recipes.meals_by_key(s, (r.key for r in reviews))
        seen: set[str] = set()
        marked = []
        for r in reviews:
            if r.key in seen:  # the same recipe twice in one file
                twice = RecipeProblem(r.raw.where, r.name, "appears twice in the file")
                r = rechecked(dataclasses.replace(r, fixed_problems=(*r.fixed_problems, twice)))
            seen.add(r.key)
            marked.append(dataclasses.replace(r, existing_meal_id=existing.get(r.key)))
        return ImportPreview(path, result.origin, tuple(marked), result.problems)

    def candidates(self, name: str) -> list[tuple[int, str]]:
        """Foods close to ``name`` for the review step: (id, name), best first."""
        m = self.matcher()
        return [(i, m.name_of(i)) for i in m.candidates(name)]

    def choose_food(self, review: RecipeReview, line: int, food_id: int | None) -> RecipeReview:
        """The review with line ``line`` set to ``food_id`` (None: no food)."""
        food = None
        if food_id is not None:
            food = self._foods({food_id}).get(food_id)
            if food is None:
                raise ValueError(f"no food #{food_id}")
        return with_food(review, line, food)

    @staticmethod
    def set_servings(review: RecipeReview, servings: int) -> RecipeReview:
        """The review with the recipe's yield set."""
        return with_servings(review, servings)

    @staticmethod
    def set_slots(review: RecipeReview, slots: Iterable[Slot]) -> RecipeReview:
        """The review with the slots the user chose (at least one)."""
        chosen = tuple(slots)
        if not chosen:
            raise ValueError("choose at least one slot")
        return dataclasses.replace(review, slots=chosen)

    def nutrition(self, review: RecipeReview) -> MealNutrition:
        """One serving's nutrients and flags, as the meal will have them (unknown K2 of
        unmatched lines included as unknown)."""
        meal = as_meal(review)
        return meal_nutrition(meal, self._foods({i.food_id for i in meal.ingredients}))

    def commit(self, preview: ImportPreview, leave_out: Iterable[int] = ()) -> ImportOutcome:
        """Store every importable recipe (except the numbers in ``leave_out``) in one
        transaction; nothing is written if any write fails."""
        skip = set(leave_out)
        chosen = [r for r in preview.recipes if r.importable and r.number not in skip]
        skipped = [
            f"{r.name or f'#{r.number}'}: already imported"
            if r.existing_meal_id
            else f"{r.name}: left out"
            for r in preview.recipes
            if r not in chosen and not r.problems
        ] + [p.text() for p in preview.all_problems()]
        ids = []
        with Session(self._engine) as s:
            for r in chosen:
                ids.append(repo_recipes.insert_meal(s, new_meal(r, preview.path.name)))
            s.commit()
        return ImportOutcome(tuple(ids), tuple(r.name for r in chosen), tuple(skipped))


def as_meal(r: RecipeReview) -> Meal:
    """The meal a reviewed recipe becomes, before it is stored (id 0)."""
    m = new_meal(r, "")
    d = m.details
    return Meal(
        id=0,
        key=m.key,
        name=m.name,
        slots=r.slots,
        cuisine=m.cuisine,
        tags=tuple(t for t in m.tags.split(",") if t),
        ingredients=tuple(Ingredient(f, g, t) for f, g, t in m.ingredients),
        description=m.description,
        is_user=True,
        method=split_method(d.method),
        prep_minutes=d.prep_minutes,
        cook_minutes=d.cook_minutes,
        servings=d.servings,
        source=d.source,
        unmatched=tuple(UnmatchedLine(t, n) for t, n in d.unmatched),
    )


def new_meal(r: RecipeReview, file_name: str) -> repo_recipes.NewMeal:
    """The meal a reviewed recipe becomes (grams per serving)."""
    raw = r.raw
    prep, cook = raw.split_times()
    source = f"{raw.origin or 'recipe'} file {file_name}" + (f" · {raw.url}" if raw.url else "")
    return repo_recipes.NewMeal(
        key=r.key,
        name=raw.name.strip()[:200],
        slots=",".join(s.value for s in r.slots),
        cuisine=raw.cuisine[:60],
        tags=",".join(plain_tags(raw.tags)),
        description=raw.description[:2000],
        ingredients=[
            (ln.food_id, max(round((ln.grams or 0) / r.servings, 1), 0.1), ln.text)
            for ln in r.lines
            if ln.usable and ln.food_id is not None
        ],
        details=RecipeDetails(
            join_method(raw.steps),
            prep,
            cook,
            r.servings,
            source,
            [(ln.text, ln.parsed.name) for ln in r.lines if not ln.usable],
        ),
    )
