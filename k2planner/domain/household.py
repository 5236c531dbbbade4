"""The household: named people, each with a daily energy target and portions of their own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ENERGY_TOLERANCE = 0.10
"""A person's day is on energy when it lies within ±10 % of their target (the one rule used by
the portion fitting, the verdict, the JSON and the print)."""

ENERGY_TARGET_RANGE_KCAL = (800.0, 6000.0)
MAX_PEOPLE = 12
PORTION_STEP = 0.5
PORTION_LEVELS: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)
"""A person's servings of one meal: half-serving steps from ½ to 4."""


@dataclass(frozen=True, slots=True)
class Person:
    """One member of the household."""

    name: str
    energy_kcal: float

    def __post_init__(self) -> None:
        lo, hi = ENERGY_TARGET_RANGE_KCAL
        if not self.name.strip():
            raise ValueError("a person needs a name")
        if len(self.name) > 40:
            raise ValueError(f"the name {self.name[:40]!r}… is longer than 40 characters")
        if not lo <= self.energy_kcal <= hi:
            raise ValueError(
                f"{self.name}'s energy target must be between {lo:,.0f} and {hi:,.0f} kcal a day"
            )

    def energy_range(self, share: float = 1.0) -> tuple[float, float]:
        """The person's day (or the planned share of it) within ±10 % of the target."""
        target = self.energy_kcal * share
        return target * (1 - ENERGY_TOLERANCE), target * (1 + ENERGY_TOLERANCE)

    def to_json(self) -> dict[str, object]:
        """Plain JSON-ready data."""
        return {"name": self.name, "energy_kcal": self.energy_kcal}


def energy_ok(kcal: float, lo: float, hi: float) -> bool:
    """A day's calories within [lo, hi] (2 % either side is within rounding)."""
    return lo * 0.98 <= kcal <= hi * 1.02


def parse_people(text: str) -> tuple[Person, ...]:
    """``"Ana:2000,Ben:2600"`` → two people. Raises ValueError naming the bad part."""
    people: list[Person] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, kcal = part.rpartition(":")
        if not sep:
            raise ValueError(f"{part!r}: write each person as NAME:KCAL, e.g. Ana:2000")
        try:
            energy = float(kcal.strip().lower().removesuffix("kcal").strip())
        except ValueError:
            raise ValueError(f"{part!r}: {kcal.strip()!r} is not a number of kcal") from None
        people.append(Person(name.strip(), energy))
    check_people(people)
    return tuple(people)


def check_people(people: Sequence[Person]) -> None:
    """Raise ValueError when the household is empty, too large, or names someone twice."""
    if not people:
        raise ValueError("name at least one person, e.g. Ana:2000")
    if len(people) > MAX_PEOPLE:
        raise ValueError(f"a household has at most {MAX_PEOPLE} people")
    seen: set[str] = set()
    for p in people:
        key = p.name.strip().casefold()
        if key in seen:
            raise ValueError(f"{p.name} is named twice")
        seen.add(key)


def people_from_json(data: object) -> tuple[Person, ...]:
    """Stored people (a list of {name, energy_kcal}); anything malformed is dropped."""
    if not isinstance(data, list):
        return ()
    out = []
    for item in data:
        if not isinstance(item, dict):
            continue
        try:
            out.append(Person(str(item["name"]), float(item["energy_kcal"])))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(out)


def portion_text(servings: float) -> str:
    """1.5 → "1½", 0.5 → "½", 2 → "2"."""
    whole = int(servings)
    half = servings - whole >= 0.25
    if whole == 0:
        return "½" if half else "0"
    return f"{whole}½" if half else str(whole)


def portions_text(people: Sequence[Person], portions: Sequence[float]) -> str:
    """E.g. "Ana 1 · Ben 1½" (empty when the plan names no people)."""
    if not people or len(portions) != len(people):
        return ""
    return " · ".join(f"{p.name} {portion_text(s)}" for p, s in zip(people, portions, strict=True))
