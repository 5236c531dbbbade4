"""The labelled food-name list (``tests/data/labelled_food_names.csv``) and how to score it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from k2planner.domain.diet import Contains, DietFlags
from k2planner.domain.diet_rules import derive_flags

LIST = Path(__file__).resolve().parents[1] / "data" / "labelled_food_names.csv"


@dataclass(frozen=True)
class Labelled:
    """One labelled name: flags it must contain, and flags it must contain or may contain."""

    name: str
    group: str
    contains: Contains
    at_least_may: Contains


def labelled() -> list[Labelled]:
    """Parse the list (``name|group|flags``; a flag ending in ``?`` may be "may contain")."""
    out = []
    lines = [ln for ln in LIST.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    for line in lines[1:]:
        name, group, flags = line.split("|")
        words = flags.split()
        out.append(
            Labelled(
                name,
                group,
                Contains.from_names(w for w in words if not w.endswith("?")),
                Contains.from_names(w.rstrip("?") for w in words if w.endswith("?")),
            )
        )
    return out


def false_negatives(item: Labelled, got: DietFlags) -> Contains:
    """Flags the food has but the rules missed (the test allows none)."""
    missed = item.contains & ~got.contains
    return missed | (item.at_least_may & ~(got.contains | got.may_contain))


def false_positives(item: Labelled, got: DietFlags) -> tuple[Contains, Contains]:
    """Flags derived but not labelled: (as "contains", as "may contain")."""
    expected = item.contains | item.at_least_may
    return got.contains & ~expected, got.may_contain & ~expected


def derive(item: Labelled) -> DietFlags:
    """The derived flags of a labelled name."""
    return derive_flags(item.name, item.group)
