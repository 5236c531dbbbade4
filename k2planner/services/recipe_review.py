"""What an imported recipe will become: each line's food, grams and confidence, its slots and
servings, and why it cannot be imported (if it cannot). Nothing here writes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from k2planner.domain.foods import Food
from k2planner.domain.meals import Slot
from k2planner.domain.nutrients import Nutrient
from k2planner.domain.recipes.grams import grams_of
from k2planner.domain.recipes.lines import ParsedLine, parse_line
from k2planner.domain.recipes.matcher import FoodMatcher
from k2planner.domain.recipes.model import RawRecipe, RecipeProblem
from k2planner.domain.recipes.slots import guess_slots

MAX_LINES = 200
MAX_SERVINGS = 100
MAX_GRAMS_PER_SERVING = 2000.0
KCAL_PER_ASSUMED_SERVING = 600.0
SURE = 0.8  # a line at or above this confidence needs no check


@dataclass(frozen=True, slots=True)
class LineReview:
    """One ingredient line: the food it matched, its grams (whole recipe) and how sure."""

    number: int  # 1-based
    parsed: ParsedLine
    food_id: int | None
    food_name: str
    grams: float | None
    grams_how: str
    match_how: str
    confidence: float

    @property
    def text(self) -> str:
        """The line as written."""
        return self.parsed.text

    @property
    def usable(self) -> bool:
        """True when the line becomes an ingredient (a food and its grams)."""
        return self.food_id is not None and self.grams is not None and self.grams > 0


@dataclass(frozen=True, slots=True)
class RecipeReview:
    """A recipe ready to import (or the reasons it cannot be)."""

    number: int  # 1-based, in file order
    raw: RawRecipe
    key: str
    slots: tuple[Slot, ...]
    servings: int
    servings_assumed: bool
    lines: tuple[LineReview, ...]
    problems: tuple[RecipeProblem, ...] = ()  # fixed_problems + the amount checks
    fixed_problems: tuple[RecipeProblem, ...] = ()  # what no edit of a line or yield changes
    existing_meal_id: int | None = None  # already imported as this meal

    @property
    def name(self) -> str:
        """The recipe's name."""
        return self.raw.name

    @property
    def importable(self) -> bool:
        """True when it has no problem and is not already imported."""
        return not self.problems and self.existing_meal_id is None

    @property
    def matched_lines(self) -> int:
        """Lines that became a food with grams."""
        return sum(1 for ln in self.lines if ln.usable)


def recipe_key(raw: RawRecipe) -> str:
    """A stable key for a recipe, so the same recipe imported twice is recognised."""
    text = "\n".join((raw.origin, raw.name.strip().lower(), raw.url, *raw.lines))
    return "recipe-" + hashlib.sha256(text.encode()).hexdigest()[:16]


FoodsLoader = Callable[[set[int]], Mapping[int, Food]]


def review_line(
    number: int, parsed: ParsedLine, food: Food | None, match_how: str, match_conf: float
) -> LineReview:
    """A line with the given food (None: none), its grams from that food's portions."""
    if food is None:
        return LineReview(number, parsed, None, "", None, "", match_how, 0.0)
    g = grams_of(parsed, food.name, food.portions, food.density_g_per_ml)
    conf = match_conf * (g.confidence if g.grams is not None else 0.0)
    if parsed.confidence < SURE:
        conf *= max(parsed.confidence, 0.3)
    return LineReview(number, parsed, food.id, food.name, g.grams, g.how, match_how, round(conf, 2))


def review_recipe(
    raw: RawRecipe, number: int, matcher: FoodMatcher, load_foods: FoodsLoader
) -> RecipeReview:
    """Parse and match every line of ``raw`` and check the result."""
    where = raw.where or "file"
    problems: list[RecipeProblem] = []
    if not raw.name.strip():
        problems.append(RecipeProblem(where, f"#{number}", "the recipe has no name"))
    if not raw.lines:
        problems.append(RecipeProblem(where, raw.name, "the recipe lists no ingredients"))
    if len(raw.lines) > MAX_LINES:
        problems.append(
            RecipeProblem(
                where, raw.name, f"{len(raw.lines)} ingredient lines (at most {MAX_LINES})"
            )
        )
    parsed = [parse_line(t) for t in raw.lines[:MAX_LINES]]
    matches = [matcher.match(p.name, p.preparation) for p in parsed]
    foods = load_foods({m.food_id for m in matches if m.food_id is not None})
    lines = tuple(
        review_line(
            i, p, foods.get(m.food_id) if m.food_id is not None else None, m.how, m.confidence
        )
        for i, (p, m) in enumerate(zip(parsed, matches, strict=True), start=1)
    )
    servings, assumed = _servings(raw, lines, foods)
    if raw.servings is not None and not 1 <= raw.servings <= MAX_SERVINGS:
        problems.append(
            RecipeProblem(where, raw.name, f"a yield of {raw.servings} servings is not plausible")
        )
    review = RecipeReview(
        number,
        raw,
        recipe_key(raw),
        guess_slots((*raw.categories, *raw.tags)),
        servings,
        assumed,
        lines,
    )
    return rechecked(replace(review, fixed_problems=tuple(problems)))


def _servings(
    raw: RawRecipe, lines: tuple[LineReview, ...], foods: Mapping[int, Food]
) -> tuple[int, bool]:
    """The stated yield, or one guessed from the energy of the whole recipe."""
    if raw.servings is not None and 1 <= raw.servings <= MAX_SERVINGS:
        return raw.servings, False
    kcal = 0.0
    for ln in lines:
        food = foods.get(ln.food_id) if ln.food_id is not None else None
        if ln.usable and food is not None:
            energy = food.value(Nutrient.ENERGY)
            kcal += (energy or 0.0) * (ln.grams or 0.0) / 100
    return max(1, min(12, round(kcal / KCAL_PER_ASSUMED_SERVING))), True


def check_amounts(review: RecipeReview) -> list[RecipeProblem]:
    """Lines whose grams per serving are not plausible, and a recipe matching no food."""
    out = []
    where, name = review.raw.where or "file", review.raw.name
    for ln in review.lines:
        if ln.usable and (ln.grams or 0) / review.servings > MAX_GRAMS_PER_SERVING:
            per = (ln.grams or 0) / review.servings
            out.append(
                RecipeProblem(
                    where,
                    name,
                    f"“{ln.text}” is {per:,.0f} g per serving: not plausible",
                    ln.number,
                )
            )
    if review.lines and not any(ln.usable for ln in review.lines):
        out.append(RecipeProblem(where, name, "no ingredient line matches a food with an amount"))
    return out


def with_food(review: RecipeReview, number: int, food: Food | None) -> RecipeReview:
    """The review with line ``number`` matched to ``food`` by the user (None: no food)."""
    lines = tuple(
        review_line(ln.number, ln.parsed, food, "chosen by you", 1.0) if ln.number == number else ln
        for ln in review.lines
    )
    return rechecked(replace(review, lines=lines))


def with_servings(review: RecipeReview, servings: int) -> RecipeReview:
    """The review with the yield set by the user."""
    if not 1 <= servings <= MAX_SERVINGS:
        raise ValueError(f"servings must be between 1 and {MAX_SERVINGS}")
    return rechecked(replace(review, servings=servings, servings_assumed=False))


def rechecked(review: RecipeReview) -> RecipeReview:
    """The review with its problems derived again: the fixed ones, then the amount checks."""
    return replace(review, problems=review.fixed_problems + tuple(check_amounts(review)))
