"""Why a vitamin K antagonist week breaks its band (or cannot be planned), and what would help.

VKA mode has three hard rules beside the soft band (see :mod:`k2planner.domain.vka`): no natto
or MK-7-rich meals, each day's MK-7 under the cap, and the week's K2 within the spread. When
the week cannot be planned, or some day falls outside baseline ± band, each adjustable rule is
relaxed on its own — the MK-7 cap to its highest setting, the K2 spread to its widest, the
variety limit — and the band-only program is solved again, so the explanation says which rule
binds and what relaxing it would give. The natto rule is never relaxed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from k2planner.domain.advice import Advice, Kind, Severity
from k2planner.domain.goals import in_band
from k2planner.domain.planner import objective as obj
from k2planner.domain.planner.model import build_model, solve_model
from k2planner.domain.planner.types import PlanRequest, SolveResult, SolveStatus
from k2planner.domain.sources import sources
from k2planner.domain.vka import K2_SPREAD_RANGE_UG, MK7_CAP_RANGE_UG

EXPLAIN_TIME_LIMIT_S = 3.0


@dataclass(frozen=True, slots=True)
class VkaRelaxation:
    """What one relaxed rule would give: None = still no plan; else µg outside the band."""

    rule: str
    outside_ug: float | None


@dataclass(frozen=True)
class VkaExplanation:
    """The binding rule(s) of a VKA week."""

    feasible: bool
    outside_ug: float  # µg outside the band over the week, best possible under all rules
    days_outside: int
    relaxations: tuple[VkaRelaxation, ...]

    def text(self) -> str:
        """Plain sentences: what happened, which rule binds, what relaxing it gives."""
        if not self.feasible:
            head = (
                "No week can keep all the vitamin K antagonist rules at once with the meals "
                "allowed."
            )
        elif self.outside_ug <= 0.5:
            head = (
                f"{self.days_outside} day(s) fall outside your band, although a week with "
                "every day in band exists under these rules: the planner stopped at its time "
                "limit before finding it. Regenerate, or swap a meal on the flagged days."
            )
        else:
            head = (
                f"{self.days_outside} day(s) fall outside your band: even the best week "
                f"misses it by {self.outside_ug:.0f} µg in total."
            )
        parts = []
        for r in self.relaxations if not self.feasible or self.outside_ug > 0.5 else ():
            if r.outside_ug is None:
                parts.append(f"{r.rule} would still give no plan")
            elif r.outside_ug <= 0.5:
                parts.append(f"{r.rule} would keep every day in band")
            elif not self.feasible or r.outside_ug < self.outside_ug - 0.5:
                parts.append(f"{r.rule} would leave {r.outside_ug:.0f} µg outside the band")
        joined = "; ".join(parts)
        tail = f" {joined[:1].upper()}{joined[1:]}." if parts else ""
        return (
            head
            + tail
            + " Natto and MK-7-rich meals stay out in any case. Change these settings only "
            "with your anticoagulation clinic."
        )

    def advice(self) -> Advice:
        """The explanation as an advice item."""
        return Advice(
            Kind.VKA_RULES,
            Severity.WARNING,
            "Why the band is not met" if self.feasible else "Why no week could be planned",
            self.text(),
            sources("theuwissen2013", "schurgers2007"),
        )


def _outside(request: PlanRequest) -> float | None:
    """µg outside the band, summed over the week, of the best plan (None: no plan at all)."""
    quick = replace(request, time_limit_s=min(request.time_limit_s, EXPLAIN_TIME_LIMIT_S))
    result = solve_model(quick, build_model(quick, max_k2_only=True))
    if result.status is SolveStatus.INFEASIBLE:
        return None
    return max(0.0, result.objective) / obj.BAND_PER_UG


def _days_outside(request: PlanRequest, result: SolveResult) -> int:
    by_id = {m.id: m for m in request.meals}
    count = 0
    for d in range(request.days):
        todays = [a for a in result.assignments if a.day == d]
        vk = sum(by_id[a.meal_id].vitamin_k_ug * a.servings for a in todays)
        count += not in_band(vk, request.vk_baseline_ug, request.vk_band_ug)
    return count


def explain_vka(request: PlanRequest, result: SolveResult) -> VkaExplanation | None:
    """The explanation, or None when every day is in band."""
    feasible = result.status is not SolveStatus.INFEASIBLE
    days_out = _days_outside(request, result) if feasible else request.days
    if feasible and days_out == 0:
        return None
    if not result.assignments and result.message.startswith("No meal is allowed"):
        return None  # an empty slot: the solver's own message says which
    best = _outside(request) if feasible else None
    tries: list[tuple[str, PlanRequest]] = []
    cap_max = MK7_CAP_RANGE_UG[1]
    if request.mk7_cap_ug < cap_max:
        tries.append(
            (f"an MK-7 cap of {cap_max:.0f} µg a day", replace(request, mk7_cap_ug=cap_max))
        )
    spread_max = K2_SPREAD_RANGE_UG[1]
    if request.k2_spread_ug < spread_max:
        tries.append(
            (
                f"a K2 spread of {spread_max:.0f} µg",
                replace(request, k2_spread_ug=spread_max),
            )
        )
    if not request.allow_consecutive_days or request.max_uses_per_week < request.days:
        tries.append(
            (
                "the same meal every day",
                replace(request, allow_consecutive_days=True, max_uses_per_week=request.days),
            )
        )
    relaxations = tuple(VkaRelaxation(rule, _outside(looser)) for rule, looser in tries)
    return VkaExplanation(feasible, best or 0.0, days_out, relaxations)
