"""Tables of the recipe import's review step: recipes, their lines, foods to choose from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from k2planner.services.recipe_review import SURE, LineReview, RecipeReview
from k2planner.ui import theme
from k2planner.ui.models.base import Column, RowTableModel, sort_key_number


@dataclass(frozen=True, slots=True)
class RecipeRow:
    """A recipe of the file and whether it will be imported."""

    review: RecipeReview
    included: bool

    @property
    def state(self) -> str:
        """Import, left out, already imported, or why not."""
        r = self.review
        if r.existing_meal_id is not None:
            return "already imported"
        if r.problems:
            return "cannot import"
        return "import" if self.included else "left out"


def _lines_text(r: RecipeRow) -> str:
    return f"{r.review.matched_lines}/{len(r.review.lines)}"


class RecipesModel(RowTableModel[RecipeRow]):
    """The recipes read from a file."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column("Recipe", lambda r: r.review.name or f"#{r.review.number}"),
                Column("Import", lambda r: r.state, tooltip=lambda r: _problems(r.review)),
                Column("Lines matched", _lines_text, lambda r: r.review.matched_lines, True),
                Column(
                    "Servings", lambda r: str(r.review.servings), lambda r: r.review.servings, True
                ),
                Column("Slots", lambda r: ", ".join(s.label for s in r.review.slots)),
                Column("From", lambda r: r.review.raw.where),
            ]
        )

    def extra_data(self, row: RecipeRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.state != "import":
            return theme.strong("amber") if row.review.problems else theme.strong("blue")
        return None


def _problems(r: RecipeReview) -> str | None:
    return "\n".join(p.text() for p in r.problems) or None


@dataclass(frozen=True, slots=True)
class LineRow:
    """An ingredient line, with the recipe's servings to show grams per serving."""

    line: LineReview
    servings: int


def _grams(r: LineRow) -> str:
    g = r.line.grams
    return "?" if g is None else f"{g:,.0f} g" if g >= 10 else f"{g:.1f} g"


def _per_serving(r: LineRow) -> str:
    g = r.line.grams
    return "" if g is None else f"{g / r.servings:,.1f} g"


def _food(r: LineRow) -> str:
    if r.line.food_id is None:
        return "no food: kept as text (K2 unknown)"
    return (
        r.line.food_name if r.line.usable else f"{r.line.food_name} (amount unknown: kept as text)"
    )


def _how(r: LineRow) -> str | None:
    """How the line was matched and weighed."""
    return f"{r.line.match_how}; {r.line.grams_how}".strip("; ") or None


def _sure(r: LineRow) -> str:
    if not r.line.usable:
        return "–"
    return f"{r.line.confidence:.0%}" + ("" if r.line.confidence >= SURE else " check")


class LinesModel(RowTableModel[LineRow]):
    """The lines of one recipe: match, grams, confidence."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column("#", lambda r: str(r.line.number), lambda r: r.line.number, True),
                Column("Line", lambda r: r.line.text, tooltip=lambda r: r.line.text),
                Column(
                    "Food",
                    _food,
                    tooltip=_how,
                ),
                Column("Grams", _grams, lambda r: sort_key_number(r.line.grams), True),
                Column("Per serving", _per_serving, lambda r: sort_key_number(r.line.grams), True),
                Column(
                    "Sure",
                    _sure,
                    lambda r: r.line.confidence,
                    True,
                    tooltip=_how,
                ),
            ]
        )

    def extra_data(self, row: LineRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.line.usable:
                return theme.strong("amber")
            if row.line.confidence < SURE and column in (2, 5):
                return theme.strong("amber")
        return None


@dataclass(frozen=True, slots=True)
class FoodChoice:
    """A food offered for a line."""

    id: int
    name: str


class FoodChoiceModel(RowTableModel[FoodChoice]):
    """Foods to choose from for a line."""

    def __init__(self) -> None:
        super().__init__([Column("Food", lambda r: r.name), Column("Id", lambda r: str(r.id))])
