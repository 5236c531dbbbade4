"""Inputs and outputs of the planner (immutable values)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from k2planner.domain.diet import DEFAULT_MAY_EXCLUDES, Contains, Restriction
from k2planner.domain.meals import Slot
from k2planner.domain.vka import DEFAULT_K2_SPREAD_UG, DEFAULT_MK7_CAP_UG

SERVING_LEVELS: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0)
MAIN_FOOD_MIN_K2_UG = 5.0

# Share of the day's energy each slot is meant to carry; the user's calorie range is scaled
# by the share of the enabled slots (a plan of dinners only is not asked for 2,000 kcal).
SLOT_ENERGY_SHARE: dict[Slot, float] = {
    Slot.BREAKFAST: 0.25,
    Slot.LUNCH: 0.30,
    Slot.DINNER: 0.35,
    Slot.SNACK: 0.10,
}


class Mode(StrEnum):
    """What the plan optimises for."""

    K2_TARGET = "k2-target"  # every day's K2 at least the target
    CONSISTENCY = "consistency"  # vitamin K antagonist: total vitamin K within a band, daily


class SolveStatus(StrEnum):
    """How the solver finished."""

    OPTIMAL = "optimal"  # proven within half a point of the best possible plan
    NEAR_OPTIMAL = "near-optimal"  # the goals proven met as well as possible (within 0.2 µg);
    # the preferences (favourites, variety, servings) within the reported gap in points
    TIME_LIMITED = "time-limited"  # best plan found when the time limit hit
    INFEASIBLE = "infeasible"  # hard rules cannot all hold (e.g. no meal allowed for a slot)


@dataclass(frozen=True, slots=True)
class MealOption:
    """What the planner needs to know about one meal, per serving."""

    id: int
    name: str
    slots: tuple[Slot, ...]
    k2_ug: float
    k1_ug: float
    energy_kcal: float
    contains: Contains
    food_ids: frozenset[int] = frozenset()
    top_k2_food: str = ""  # name of the ingredient giving most K2 (for explanations)
    vk_other_ug: float = 0.0  # vitamin K of unstated form (labels), beyond K1 and K2
    mk7_ug: float = 0.0  # measured MK-7 per serving
    vka_never: str = ""  # why the meal is never planned in VKA mode ("" = it may be)

    @property
    def main_food(self) -> str:
        """The meal's main K2 food (the ingredient giving most of its K2, when the meal has at
        least 5 µg a serving), or "": at most one meal a day has the same main food."""
        return self.top_k2_food if self.k2_ug >= MAIN_FOOD_MIN_K2_UG else ""

    @property
    def mk7_rich(self) -> bool:
        """The meal has natto or another MK-7-rich food (at most one such meal a day)."""
        return bool(self.vka_never)

    may_contain: Contains = Contains.NONE  # flags an ingredient may contain

    @property
    def vitamin_k_ug(self) -> float:
        """K1 + K2 (+ vitamin K of unstated form) per serving."""
        return self.k1_ug + self.k2_ug + self.vk_other_ug


@dataclass(frozen=True, slots=True)
class Lock:
    """A slot the user fixed: this meal, this many servings."""

    day: int
    slot: Slot
    meal_id: int
    servings: float = 1.0


@dataclass(frozen=True)
class PlanRequest:
    """Everything one solve needs. ``meals`` is the whole catalogue; filtering happens inside."""

    meals: tuple[MealOption, ...]
    days: int = 7
    slots: tuple[Slot, ...] = (Slot.BREAKFAST, Slot.LUNCH, Slot.DINNER, Slot.SNACK)
    mode: Mode = Mode.K2_TARGET
    k2_target_ug: float = 90.0
    energy_min_kcal: float = 1800.0
    energy_max_kcal: float = 2400.0
    vk_baseline_ug: float = 100.0
    vk_band_ug: float = 20.0
    mk7_cap_ug: float = DEFAULT_MK7_CAP_UG  # consistency mode: each day's MK-7 at most this
    k2_spread_ug: float = DEFAULT_K2_SPREAD_UG  # consistency mode: max day K2 − min day K2
    restrictions: frozenset[Restriction] = frozenset()
    may_excludes: frozenset[Restriction] = (
        DEFAULT_MAY_EXCLUDES  # "may contain" excludes under these
    )
    excluded_meal_ids: frozenset[int] = frozenset()
    excluded_food_ids: frozenset[int] = frozenset()
    favourite_meal_ids: frozenset[int] = frozenset()
    disliked_meal_ids: frozenset[int] = frozenset()  # "less of": a cost, not a ban
    recent_meal_uses: Mapping[int, int] = field(default_factory=dict)
    locks: tuple[Lock, ...] = ()
    max_uses_per_week: int = 2
    mk7_rich_per_week: int = 2  # meals with natto (or MK-7-rich food) a week; 0 = never
    allow_consecutive_days: bool = False
    serving_levels: tuple[float, ...] = SERVING_LEVELS
    seed: int = 0
    time_limit_s: float = 10.0
    mip_rel_gap: float = 0.01

    def energy_range(self) -> tuple[float, float]:
        """The day's calorie range scaled to the enabled slots."""
        return scaled_energy_range(self.energy_min_kcal, self.energy_max_kcal, self.slots)


def scaled_energy_range(
    low_kcal: float, high_kcal: float, slots: tuple[Slot, ...]
) -> tuple[float, float]:
    """The calorie range of a day that plans only ``slots`` (the one rule for planner and
    verdict)."""
    share = sum(SLOT_ENERGY_SHARE[s] for s in slots) or 1.0
    return low_kcal * share, high_kcal * share


@dataclass(frozen=True, slots=True)
class Assignment:
    """One planned slot."""

    day: int
    slot: Slot
    meal_id: int
    servings: float
    locked: bool = False
    portions: tuple[float, ...] = ()  # each household member's servings (people's order)

    def servings_for(self, person: int | None) -> float:
        """The servings of household member ``person`` (None: the reference servings)."""
        if person is None or not self.portions:
            return self.servings
        return self.portions[person]

    @property
    def total_servings(self) -> float | None:
        """All members' servings together, when the plan has people (else None)."""
        return sum(self.portions) if self.portions else None


@dataclass(frozen=True)
class SolveResult:
    """A solved week: the assignments and how the solver finished."""

    assignments: tuple[Assignment, ...]
    status: SolveStatus
    objective: float
    mip_gap: float
    seconds: float
    shortfall_ug: tuple[float, ...] = ()
    message: str = ""
    bound: float = float("-inf")  # proven lower bound on the objective
    least_shortfall_ug: float | None = None  # the least total K2 shortfall any plan can have

    @property
    def gap_points(self) -> float | None:
        """How far (points) the plan may be above the best possible (None: unknown)."""
        if self.bound == float("-inf") or not self.assignments:
            return None
        return max(0.0, self.objective - self.bound)

    def at(self, day: int, slot: Slot) -> Assignment | None:
        """The assignment of a day and slot, if any."""
        for a in self.assignments:
            if a.day == day and a.slot is slot:
                return a
        return None


def proof_text(result: SolveResult, mode: Mode, days: int) -> str:
    """What the solve proved, in words (grid summary, CLI, JSON, print share this)."""
    if not result.assignments:
        return result.message or "no plan"
    parts = []
    if mode is Mode.K2_TARGET and result.least_shortfall_ug is not None:
        short = sum(result.shortfall_ug)
        if short <= 0.05 * days:
            parts.append("every day reaches the K2 target")
        else:
            parts.append(
                f"K2 short by {short / days:.1f} µg a day on average, the least any plan under "
                "these rules can be (proven)"
            )
    points = result.gap_points
    if points is None:
        parts.append("not compared with the best possible plan")
    elif result.status is SolveStatus.OPTIMAL:
        parts.append(f"within {points:.1f} points of the best possible plan (proven)")
    else:
        parts.append(
            f"within {points:.1f} points of the best possible plan (proven; a favourite is "
            f"worth 2 points, 100 points are 1 µg of K2 or vitamin K off the goal)"
        )
    return "; ".join(parts)
