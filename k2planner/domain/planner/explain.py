"""Why a week falls short of the K2 target, and what would reach it.

The best reachable average comes from the max-K2 solve (smallest total shortfall, each item
capped at the target). Each rule the user chose is then relaxed on its own — every dietary
restriction, the excluded foods and meals, the variety limit — and the max-K2 solve is run
again, so the explanation says what each rule costs, e.g. "vegan + soy-free: the best any
plan reaches is 9 µg/day; allowing soy (natto) reaches 90".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from k2planner.domain.advice import Advice, Kind, Severity
from k2planner.domain.diet import Restriction
from k2planner.domain.planner import objective as obj
from k2planner.domain.planner.model import build_model, candidate_meals, solve_model
from k2planner.domain.planner.types import MealOption, PlanRequest, SolveStatus
from k2planner.domain.sources import sources

_ALLOWING = {
    Restriction.VEGETARIAN: "meat and fish",
    Restriction.STRICT_VEGETARIAN: "meat, fish, animal rennet and gelatine",
    Restriction.VEGAN: "animal foods",
    Restriction.PESCATARIAN: "meat",
    Restriction.DAIRY_FREE: "dairy",
    Restriction.EGG_FREE: "eggs",
    Restriction.GLUTEN_FREE: "gluten",
    Restriction.SOY_FREE: "soy",
    Restriction.NUT_FREE: "nuts",
}


@dataclass(frozen=True, slots=True)
class Relaxation:
    """What relaxing one rule would reach."""

    rule: str
    reachable_ug: float
    example: str  # the richest newly allowed K2 source


@dataclass(frozen=True)
class ShortfallExplanation:
    """The best reachable average K2 a day and the cost of each rule."""

    target_ug: float
    best_ug: float
    rules: str
    relaxations: tuple[Relaxation, ...]

    def text(self) -> str:
        """A plain sentence or two."""
        head = (
            f"{self.rules}: the best any plan reaches is {self.best_ug:.0f} µg of K2 a day "
            f"(target {self.target_ug:.0f} µg)."
            if self.rules
            else f"The best any plan reaches is {self.best_ug:.0f} µg of K2 a day "
            f"(target {self.target_ug:.0f} µg)."
        )
        parts = []
        for r in sorted(self.relaxations, key=lambda r: -r.reachable_ug):
            if r.reachable_ug <= self.best_ug + 0.5:
                continue
            example = f" ({r.example})" if r.example else ""
            parts.append(f"allowing {r.rule}{example} reaches {r.reachable_ug:.0f}")
        if parts:
            head += " " + "; ".join(parts).capitalize() + "."
        return head

    def advice(self) -> Advice:
        """The explanation as an advice item."""
        return Advice(
            Kind.SHORTFALL,
            Severity.NOTICE,
            "Why the target is out of reach",
            self.text(),
            sources("k2_literature", "usda_sr28"),
        )


def best_reachable(request: PlanRequest) -> float | None:
    """The best average K2 a day toward the target (each day capped at the target)."""
    result = solve_model(request, build_model(request, max_k2_only=True))
    if result.status is SolveStatus.INFEASIBLE:
        return None
    total_short = max(0.0, result.objective) / obj.SHORTFALL_PER_UG
    return request.k2_target_ug - total_short / request.days


def _richest_new(before: list[MealOption], after: list[MealOption]) -> str:
    old = {m.id for m in before}
    new = [m for m in after if m.id not in old]
    if not new:
        return ""
    best = max(new, key=lambda m: m.k2_ug)
    return best.top_k2_food.lower() if best.top_k2_food else best.name


def _rules_label(request: PlanRequest) -> str:
    order = list(Restriction)
    parts = [r.value for r in sorted(request.restrictions, key=order.index)]
    if request.excluded_food_ids or request.excluded_meal_ids:
        parts.append("your exclusions")
    return " + ".join(parts).capitalize()


def explain_shortfall(request: PlanRequest) -> ShortfallExplanation | None:
    """The explanation, or None when the target is reachable every day."""
    best = best_reachable(request)
    if best is None or best >= request.k2_target_ug - 0.5:
        return None
    base = candidate_meals(request)
    relaxations: list[Relaxation] = []
    for r in sorted(request.restrictions, key=list(Restriction).index):
        looser = replace(request, restrictions=request.restrictions - {r})
        if not _frees_any(request, looser):  # e.g. vegetarian when vegan is also chosen
            continue
        reach = best_reachable(looser)
        if reach is not None:
            relaxations.append(
                Relaxation(_ALLOWING[r], reach, _richest_new(base, candidate_meals(looser)))
            )
    if request.excluded_food_ids or request.excluded_meal_ids:
        looser = replace(request, excluded_food_ids=frozenset(), excluded_meal_ids=frozenset())
        reach = best_reachable(looser)
        if reach is not None:
            relaxations.append(
                Relaxation(
                    "your excluded foods and meals",
                    reach,
                    _richest_new(base, candidate_meals(looser)),
                )
            )
    if request.mk7_rich_per_week < request.days and any(m.mk7_rich for m in base):
        looser = replace(request, mk7_rich_per_week=request.days)
        reach = best_reachable(looser)
        if reach is not None:
            relaxations.append(
                Relaxation(
                    f"natto more than {request.mk7_rich_per_week} times a week (Settings → Week)",
                    reach,
                    "",
                )
            )
    if not request.allow_consecutive_days or request.max_uses_per_week < request.days:
        looser = replace(request, allow_consecutive_days=True, max_uses_per_week=request.days)
        reach = best_reachable(looser)
        if reach is not None:
            relaxations.append(Relaxation("the same meal every day", reach, ""))
    return ShortfallExplanation(
        request.k2_target_ug, best, _rules_label(request), tuple(relaxations)
    )


def _frees_any(request: PlanRequest, looser: PlanRequest) -> bool:
    return len(candidate_meals(looser)) > len(candidate_meals(request))
