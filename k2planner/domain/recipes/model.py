"""A recipe as read from another app's file, before its lines are matched to foods."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawRecipe:
    """One recipe as its file states it: ingredient lines as text, steps, times, yield."""

    name: str
    lines: tuple[str, ...]
    steps: tuple[str, ...] = ()
    servings: int | None = None  # the yield the amounts are for (None: not stated)
    prep_minutes: int | None = None
    cook_minutes: int | None = None
    total_minutes: int | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    cuisine: str = ""
    description: str = ""
    url: str = ""
    origin: str = ""  # the app or format: "Mealie", "Tandoor", "Paprika", "schema.org", …
    where: str = ""  # file (and archive member) it came from

    def split_times(self) -> tuple[int | None, int | None]:
        """(prep, cook) minutes; a total alone is taken as cook time."""
        if self.prep_minutes is None and self.cook_minutes is None and self.total_minutes:
            return None, self.total_minutes
        return self.prep_minutes, self.cook_minutes


@dataclass(frozen=True, slots=True)
class RecipeProblem:
    """Why a recipe (or one of its lines) was not imported: file, recipe, line, reason."""

    where: str
    recipe: str
    why: str
    line: int | None = None  # 1-based ingredient line, when the problem is one line

    def text(self) -> str:
        """One sentence naming the file, the recipe, the line and why."""
        at = f", ingredient line {self.line}" if self.line is not None else ""
        name = f" recipe “{self.recipe}”" if self.recipe else ""
        return f"{self.where}:{name}{at}: {self.why}"


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The recipes read from a file and the problems met on the way."""

    recipes: tuple[RawRecipe, ...]
    problems: tuple[RecipeProblem, ...]
    origin: str = ""


class RecipeFileError(ValueError):
    """The file as a whole cannot be read (the message says which file and why)."""
