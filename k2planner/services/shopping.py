"""The week's shopping list with ticks, extras and aisle order, ready to show or print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_foods, repo_shopping
from k2planner.domain.advice import Advice, Kind
from k2planner.domain.preferences import Units
from k2planner.domain.shopping import aggregate, needs_of_plan, units
from k2planner.domain.staples import Staples as Staples
from k2planner.services.planning import PlanOutcome


class LineKind(StrEnum):
    """What a list line is."""

    HEADING = "heading"
    ITEM = "item"
    EXTRA = "extra"


@dataclass(frozen=True, slots=True)
class ListLine:
    """One line of the list as shown and printed."""

    kind: LineKind
    aisle: str
    key: str
    name: str
    quantity: str = ""
    full_name: str = ""
    meals: str = ""
    checked: bool = False
    have: bool = False
    note: str = ""
    food_id: int | None = None
    extra_id: int | None = None


@dataclass(frozen=True)
class ShoppingView:
    """The list for one week."""

    list_key: str
    start: dt.date
    end: dt.date
    household: int
    lines: tuple[ListLine, ...]
    staples: Staples
    warning: Advice | None

    @property
    def title(self) -> str:
        """E.g. "Shopping list, Mon 23 Nov – Sun 29 Nov 2026"."""
        return f"Shopping list, {self.start:%a %d %b} – {self.end:%a %d %b %Y}"

    @property
    def subtitle(self) -> str:
        """Household size and counts."""
        people = "1 person" if self.household == 1 else f"{self.household} people"
        n = sum(1 for ln in self.lines if ln.kind is not LineKind.HEADING)
        return f"For {people} · {n} items"

    def items(self) -> list[ListLine]:
        """Every line that is not a heading."""
        return [ln for ln in self.lines if ln.kind is not LineKind.HEADING]


STAPLES_AISLE = "Pantry staples (you may have these)"
EXTRAS_AISLE = "Also buy"


class ShoppingService:
    """Builds lists and stores their state."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def warm_up() -> None:
        """Load the unit tables now (a quarter of a second): call it on a worker at start so
        the first list is built without that wait."""
        units()

    def build(self, outcome: PlanOutcome, staples: Staples = Staples.APART) -> ShoppingView:
        """The list of a plan, with the stored ticks, extras and aisle order."""
        household = outcome.prefs.members
        imperial = outcome.prefs.units is Units.IMPERIAL
        key = outcome.start.isoformat()
        with Session(self._engine) as s:
            ids = {
                i.food_id
                for a in outcome.assignments
                for i in outcome.catalogue.meals[a.meal_id].ingredients
            }
            foods = repo_foods.load_foods(s, ids)  # fresh: aisles may have been moved
            order = repo_shopping.aisle_order(s)
            marks = repo_shopping.marks(s, key)
            extras = repo_shopping.extras(s, key)
        shopping = aggregate(
            needs_of_plan(outcome.assignments, outcome.catalogue.meals, household), foods, household
        )
        lines: list[ListLine] = []
        apart: list[ListLine] = []
        for aisle, items in shopping.by_aisle(order):
            section: list[ListLine] = []
            for it in items:
                state = marks.get(it.key)
                line = ListLine(
                    LineKind.ITEM,
                    aisle,
                    it.key,
                    it.display_name,
                    it.quantity(imperial, foods[it.food_id]),
                    it.name,
                    ", ".join(it.meals),
                    state == "checked",
                    state == "have",
                    it.note,
                    it.food_id,
                )
                if it.staple and staples is Staples.HIDE:
                    continue
                if it.staple and staples is Staples.APART:
                    apart.append(line)
                else:
                    section.append(line)
            if section:
                lines.append(ListLine(LineKind.HEADING, aisle, f"aisle:{aisle}", aisle))
                lines.extend(section)
        if apart:
            lines.append(ListLine(LineKind.HEADING, STAPLES_AISLE, "aisle:staples", STAPLES_AISLE))
            lines.extend(sorted(apart, key=lambda ln: ln.name.lower()))
        if extras:
            lines.append(ListLine(LineKind.HEADING, EXTRAS_AISLE, "aisle:extras", EXTRAS_AISLE))
            lines.extend(
                ListLine(
                    LineKind.EXTRA,
                    EXTRAS_AISLE,
                    f"extra:{e.id}",
                    e.text,
                    checked=e.checked,
                    extra_id=e.id,
                )
                for e in extras
            )
        warning = next((a for a in outcome.advice if a.kind is Kind.VKA_WARNING), None)
        end = outcome.start + dt.timedelta(days=outcome.prefs.days - 1)
        return ShoppingView(key, outcome.start, end, household, tuple(lines), staples, warning)

    def set_state(
        self,
        list_key: str,
        line: ListLine,
        *,
        checked: bool | None = None,
        have: bool | None = None,
    ) -> None:
        """Tick an item off, or mark it as "already have" (stored)."""
        with Session(self._engine) as s:
            if line.kind is LineKind.EXTRA and line.extra_id is not None:
                if checked is not None:
                    repo_shopping.set_extra_checked(s, line.extra_id, checked)
            elif line.kind is LineKind.ITEM:
                new_checked = line.checked if checked is None else checked
                new_have = line.have if have is None else have
                state = "have" if new_have else ("checked" if new_checked else None)
                repo_shopping.set_mark(s, list_key, line.key, state)
            s.commit()

    def add_extra(self, list_key: str, text: str) -> int:
        """Add a free-text item (stored as typed, shown as plain text)."""
        text = text.strip()
        if not text:
            raise ValueError("an item needs some text")
        if len(text) > 200:
            raise ValueError("an item can be at most 200 characters")
        with Session(self._engine) as s:
            new_id = repo_shopping.add_extra(s, list_key, text)
            s.commit()
        return new_id

    def remove_extra(self, extra_id: int) -> None:
        """Delete a free-text item."""
        with Session(self._engine) as s:
            repo_shopping.remove_extra(s, extra_id)
            s.commit()

    def aisle_order(self) -> list[str]:
        """Aisles in the user's order."""
        with Session(self._engine) as s:
            return repo_shopping.aisle_order(s)

    def set_aisle_order(self, names: list[str]) -> None:
        """Store the user's aisle order."""
        with Session(self._engine) as s:
            repo_shopping.set_aisle_order(s, names)
            s.commit()

    def move_food(self, food_id: int, aisle: str | None) -> None:
        """Put a food in another aisle (remembered for every list)."""
        with Session(self._engine) as s:
            repo_shopping.set_food_aisle(s, food_id, aisle)
            s.commit()
