"""The plan-affecting preferences, with defaults and validation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from k2planner.domain.diet import DEFAULT_MAY_EXCLUDES, Restriction
from k2planner.domain.household import Person, check_people, people_from_json
from k2planner.domain.meals import SLOT_ORDER, Slot
from k2planner.domain.vka import (
    DEFAULT_K2_SPREAD_UG,
    DEFAULT_MK7_CAP_UG,
    K2_SPREAD_RANGE_UG,
    MK7_CAP_RANGE_UG,
)

DEFAULT_K2_TARGET_UG = 90.0
"""There is no official intake value for K2. 90 µg/day is the US Adequate Intake for total
vitamin K for women (IOM 2001; 120 µg for men); we use it as a K2 goal that food can reach
with K2-rich choices. The EFSA value (70 µg) is for K1 only (EFSA 2017)."""


class Anticoagulant(StrEnum):
    """Which anticoagulant, if any, the user takes."""

    NONE = "none"
    VKA = "vka"  # warfarin, acenocoumarol, phenprocoumon …
    DOAC = "doac"  # apixaban, rivaroxaban, edoxaban, dabigatran

    @property
    def label(self) -> str:
        """Text for menus."""
        return {
            Anticoagulant.NONE: "No anticoagulant",
            Anticoagulant.VKA: "Warfarin or another vitamin K antagonist",
            Anticoagulant.DOAC: "A direct oral anticoagulant (apixaban, rivaroxaban, …)",
        }[self]


class Units(StrEnum):
    """How quantities are displayed."""

    METRIC = "metric"
    IMPERIAL = "imperial"


def monday_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Preferences:
    """Everything that changes a plan. Validated on construction."""

    k2_target_ug: float = DEFAULT_K2_TARGET_UG
    energy_min_kcal: float = 1800.0
    energy_max_kcal: float = 2400.0
    restrictions: frozenset[Restriction] = frozenset()
    may_contain_excludes: frozenset[Restriction] = DEFAULT_MAY_EXCLUDES
    excluded_food_ids: frozenset[int] = frozenset()
    excluded_meal_ids: frozenset[int] = frozenset()
    favourite_meal_ids: frozenset[int] = frozenset()
    less_food_ids: frozenset[int] = frozenset()  # soft dislikes: planned less, not never
    less_meal_ids: frozenset[int] = frozenset()
    household_size: int = 1
    people: tuple[Person, ...] = ()  # named members with energy targets; () = one person
    slots: tuple[Slot, ...] = SLOT_ORDER
    start_date: dt.date | None = None  # None: the Monday of the current week
    days: int = 7
    anticoagulant: Anticoagulant = Anticoagulant.NONE
    vk_baseline_ug: float = 100.0
    vk_band_ug: float = 20.0
    vka_mk7_cap_ug: float = DEFAULT_MK7_CAP_UG
    vka_k2_spread_ug: float = DEFAULT_K2_SPREAD_UG
    count_imputed_k2: bool = True  # K2 imputed from a measured relative counts in plans
    natto_meals_per_week: int = 2  # meals with natto or MK-7-rich food; 0 = never
    max_uses_per_week: int = 2
    allow_consecutive_days: bool = False
    units: Units = Units.METRIC
    first_run_done: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        problems = []
        if not 1 <= self.k2_target_ug <= 1000:
            problems.append("the K2 target must be between 1 and 1,000 µg a day")
        if not 0 < self.energy_min_kcal <= self.energy_max_kcal <= 10000:
            problems.append("the calorie range must be positive, with minimum ≤ maximum")
        if not 1 <= self.household_size <= 50:
            problems.append("the household size must be between 1 and 50")
        if not self.slots:
            problems.append("at least one meal slot must be enabled")
        if not 1 <= self.days <= 14:
            problems.append("a plan covers 1 to 14 days")
        if not 0 < self.vk_baseline_ug <= 2000:
            problems.append("the vitamin K baseline must be between 1 and 2,000 µg a day")
        if not 0 < self.vk_band_ug <= self.vk_baseline_ug:
            problems.append("the band must be positive and no wider than the baseline")
        lo_cap, hi_cap = MK7_CAP_RANGE_UG
        if not lo_cap <= self.vka_mk7_cap_ug <= hi_cap:
            problems.append(f"the MK-7 cap must be between {lo_cap:.0f} and {hi_cap:.0f} µg a day")
        lo_spread, hi_spread = K2_SPREAD_RANGE_UG
        if not lo_spread <= self.vka_k2_spread_ug <= hi_spread:
            problems.append(f"the K2 spread must be between {lo_spread:.0f} and {hi_spread:.0f} µg")
        if not 1 <= self.max_uses_per_week <= 14:
            problems.append("a meal may repeat 1 to 14 times a week")
        if not 0 <= self.natto_meals_per_week <= 14:
            problems.append("natto meals a week must be between 0 (never) and 14")
        if self.people:
            try:
                check_people(self.people)
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def members(self) -> int:
        """How many people the plan feeds (named people, else the household size)."""
        return len(self.people) or self.household_size

    def planning_energy_range(self) -> tuple[float, float]:
        """The day's calorie range the meals are chosen for: the reference person's ±10 %
        (the smallest energy target) when people are named, else the calorie range."""
        if self.people:
            return min(self.people, key=lambda p: p.energy_kcal).energy_range()
        return self.energy_min_kcal, self.energy_max_kcal

    def effective_start(self, today: dt.date | None = None) -> dt.date:
        """The plan's first day (default: this week's Monday)."""
        return self.start_date or monday_of(today or dt.date.today())

    def with_changes(self, **changes: Any) -> Preferences:
        """A validated copy with ``changes`` applied."""
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        data = asdict(self)
        for key in (
            "restrictions",
            "may_contain_excludes",
            "excluded_food_ids",
            "excluded_meal_ids",
            "favourite_meal_ids",
            "less_food_ids",
            "less_meal_ids",
        ):
            data[key] = sorted(getattr(self, key))
        data["people"] = [p.to_json() for p in self.people]
        data["slots"] = [s.value for s in self.slots]
        data["start_date"] = self.start_date.isoformat() if self.start_date else None
        data["anticoagulant"] = self.anticoagulant.value
        data["units"] = self.units.value
        data["extra"] = dict(self.extra)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Preferences:
        """Parse stored preferences; unknown keys are ignored, missing ones take defaults."""
        kw: dict[str, Any] = {}
        simple = (
            "k2_target_ug",
            "energy_min_kcal",
            "energy_max_kcal",
            "vk_baseline_ug",
            "vk_band_ug",
            "vka_mk7_cap_ug",
            "vka_k2_spread_ug",
        )
        for key in simple:
            if key in data:
                kw[key] = float(data[key])
        for key in ("household_size", "days", "max_uses_per_week", "natto_meals_per_week"):
            if key in data:
                kw[key] = int(data[key])
        for key in ("allow_consecutive_days", "first_run_done", "count_imputed_k2"):
            if key in data:
                kw[key] = bool(data[key])
        for key in ("restrictions", "may_contain_excludes"):
            if key in data:
                kw[key] = frozenset(Restriction(r) for r in data[key])
        for key in (
            "excluded_food_ids",
            "excluded_meal_ids",
            "favourite_meal_ids",
            "less_food_ids",
            "less_meal_ids",
        ):
            if key in data:
                kw[key] = frozenset(int(i) for i in data[key])
        if "people" in data:
            kw["people"] = people_from_json(data["people"])
        if "slots" in data:
            wanted = {Slot(s) for s in data["slots"]}
            kw["slots"] = tuple(s for s in SLOT_ORDER if s in wanted)
        if data.get("start_date"):
            kw["start_date"] = dt.date.fromisoformat(data["start_date"])
        if "anticoagulant" in data:
            kw["anticoagulant"] = Anticoagulant(data["anticoagulant"])
        if "units" in data:
            kw["units"] = Units(data["units"])
        if isinstance(data.get("extra"), Mapping):
            kw["extra"] = dict(data["extra"])
        return cls(**kw)
