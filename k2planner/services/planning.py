"""Plan a week: build the solver request from preferences, solve, explain, advise, save."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_foods, repo_meals, repo_state
from k2planner.domain.advice import Advice, advise, refused_lock_notice
from k2planner.domain.diet_notes import may_contain_advice
from k2planner.domain.foods import Food, without_imputed_k2
from k2planner.domain.meals import Meal, Slot
from k2planner.domain.planner.details import PlanDetails, plan_details
from k2planner.domain.planner.locks import RefusedLock, meal_refusal, split_locks
from k2planner.domain.planner.person_days import PersonDay, person_days
from k2planner.domain.planner.portions import (
    fit_portions,
    fit_portions_of_nobody,
    reference_index,
)
from k2planner.domain.planner.swap import SwapOption, swap_options
from k2planner.domain.planner.types import (
    Assignment,
    Lock,
    MealOption,
    Mode,
    PlanRequest,
    SolveResult,
    SolveStatus,
)
from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.services.meal_options import meal_options
from k2planner.services.plan_storage import (
    plan_to_storage,
    read_json,
    stored_assignment_dicts,
    stored_assignments,
    stored_result,
)

if TYPE_CHECKING:  # the solver (HiGHS, NumPy) loads on the worker at the first solve
    from k2planner.domain.planner.explain import ShortfallExplanation
    from k2planner.domain.planner.explain_vka import VkaExplanation


def day_label(day: dt.date) -> str:
    """E.g. "Mon 23 Nov"."""
    return f"{day:%a} {day.day} {day:%b}"


@dataclass(frozen=True)
class Catalogue:
    """Meals, the foods they use, and what the planner needs of each meal."""

    meals: Mapping[int, Meal]
    foods: Mapping[int, Food]
    options: tuple[MealOption, ...]


@dataclass(frozen=True)
class PlanOutcome:
    """A solved (or stored) week with everything the UI and CLI show."""

    plan_id: int | None
    prefs: Preferences
    seed: int
    start: dt.date
    result: SolveResult
    details: PlanDetails
    advice: tuple[Advice, ...]
    explanation: ShortfallExplanation | None
    day_labels: tuple[str, ...]
    catalogue: Catalogue
    refused_locks: tuple[RefusedLock, ...] = ()
    vka_explanation: VkaExplanation | None = None
    people_days: tuple[tuple[PersonDay, ...], ...] = ()  # per day, each person's totals

    @property
    def assignments(self) -> tuple[Assignment, ...]:
        """The planned slots."""
        return self.result.assignments


class PlanRuleError(ValueError):
    """A meal the user asked for breaks one of the plan's rules (the message says which)."""


class PlanningService:
    """Generate, store, reload and modify week plans."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def engine(self) -> Engine:
        """The database the plans are stored in."""
        return self._engine

    def catalogue(self, count_imputed: bool = True) -> Catalogue:
        """All meals with their foods (read fresh: the user may have edited meals).

        With ``count_imputed`` False, K2 values imputed from a relative are left out, so the
        plan, its totals and its coverage count measured values only."""
        with Session(self._engine) as s:
            meals = repo_meals.load_meals(s)
            foods = repo_foods.load_foods(s, {i.food_id for m in meals for i in m.ingredients})
        if not count_imputed:
            foods = {fid: without_imputed_k2(f) for fid, f in foods.items()}
        return Catalogue({m.id: m for m in meals}, foods, meal_options(meals, foods))

    def recent_uses(self, start: dt.date) -> dict[int, int]:
        """How often each meal appeared in the newest plan of an earlier week."""
        with Session(self._engine) as s:
            rows = repo_state.plans_before(s, start.isoformat())
        uses: Counter[int] = Counter()
        for row in rows:
            uses.update(a["meal_id"] for a in stored_assignment_dicts(read_json(row.plan_json)))
        return dict(uses)

    def build_request(
        self,
        prefs: Preferences,
        catalogue: Catalogue,
        *,
        seed: int,
        locks: Iterable[Lock] = (),
        start: dt.date,
        time_limit_s: float = 10.0,
    ) -> PlanRequest:
        """The solver request for ``prefs``."""
        vka = prefs.anticoagulant is Anticoagulant.VKA
        energy_lo, energy_hi = prefs.planning_energy_range()
        return PlanRequest(
            meals=catalogue.options,
            days=prefs.days,
            slots=prefs.slots,
            mode=Mode.CONSISTENCY if vka else Mode.K2_TARGET,
            k2_target_ug=prefs.k2_target_ug,
            energy_min_kcal=energy_lo,
            energy_max_kcal=energy_hi,
            vk_baseline_ug=prefs.vk_baseline_ug,
            vk_band_ug=prefs.vk_band_ug,
            mk7_cap_ug=prefs.vka_mk7_cap_ug,
            k2_spread_ug=prefs.vka_k2_spread_ug,
            restrictions=prefs.restrictions,
            may_excludes=prefs.may_contain_excludes,
            mk7_rich_per_week=prefs.natto_meals_per_week,
            excluded_meal_ids=prefs.excluded_meal_ids,
            excluded_food_ids=prefs.excluded_food_ids,
            favourite_meal_ids=prefs.favourite_meal_ids,
            disliked_meal_ids=frozenset(
                m.id
                for m in catalogue.options
                if m.id in prefs.less_meal_ids or m.food_ids & prefs.less_food_ids
            ),
            recent_meal_uses=self.recent_uses(start),
            locks=tuple(lk for lk in locks if lk.day < prefs.days and lk.slot in prefs.slots),
            max_uses_per_week=prefs.max_uses_per_week,
            allow_consecutive_days=prefs.allow_consecutive_days,
            seed=seed,
            time_limit_s=time_limit_s,
        )

    def generate(
        self,
        prefs: Preferences,
        *,
        seed: int | None = None,
        locks: Iterable[Lock] = (),
        start: dt.date | None = None,
        time_limit_s: float = 10.0,
        save: bool = True,
    ) -> PlanOutcome:
        """Solve a week for ``prefs``; locked slots stay as they are."""
        from k2planner.domain.planner.explain import explain_shortfall
        from k2planner.domain.planner.explain_vka import explain_vka
        from k2planner.domain.planner.solver import solve_week

        seed = secrets.randbelow(2**31) if seed is None else seed
        start = start or prefs.effective_start()
        catalogue = self.catalogue(prefs.count_imputed_k2)
        request = self.build_request(
            prefs, catalogue, seed=seed, locks=locks, start=start, time_limit_s=time_limit_s
        )
        kept, refused = split_locks(request)
        request = replace(request, locks=kept)
        result = solve_week(request)
        result = replace(
            result, assignments=fit_portions(request, result.assignments, prefs.people)
        )
        explanation = None
        vka_explanation = None
        if (
            request.mode is Mode.K2_TARGET
            and result.status is not SolveStatus.INFEASIBLE
            and any(s > 0.5 for s in result.shortfall_ug)
        ):
            explanation = explain_shortfall(request)
        elif request.mode is Mode.CONSISTENCY:
            vka_explanation = explain_vka(request, result)
        outcome = self._outcome(
            None, prefs, seed, start, result, explanation, catalogue, refused, vka_explanation
        )
        return self.save(outcome) if save and result.assignments else outcome

    def _outcome(
        self,
        plan_id: int | None,
        prefs: Preferences,
        seed: int,
        start: dt.date,
        result: SolveResult,
        explanation: ShortfallExplanation | None,
        catalogue: Catalogue,
        refused: tuple[RefusedLock, ...] = (),
        vka_explanation: VkaExplanation | None = None,
    ) -> PlanOutcome:
        details = plan_details(
            result.assignments,
            catalogue.meals,
            catalogue.foods,
            start,
            prefs.days,
            reference_index(prefs.people) if _has_portions(result, prefs) else None,
        )
        labels = tuple(day_label(start + dt.timedelta(days=d)) for d in range(prefs.days))
        explained = explanation.advice() if explanation else None
        if vka_explanation is not None:
            explained = vka_explanation.advice()
        notes = may_contain_advice(
            (a.meal_id for a in result.assignments),
            catalogue.meals,
            catalogue.foods,
            prefs.restrictions,
            prefs.may_contain_excludes,
        )
        advice = [
            *(refused_lock_notice(r) for r in refused),
            *([notes] if notes else []),
            *advise(details, prefs, labels, explained),
        ]
        return PlanOutcome(
            plan_id,
            prefs,
            seed,
            start,
            result,
            details,
            tuple(advice),
            explanation,
            labels,
            catalogue,
            refused,
            vka_explanation,
            person_days(details, prefs.people, prefs.slots) if _has_portions(result, prefs) else (),
        )

    def save(self, outcome: PlanOutcome) -> PlanOutcome:
        """Store a plan with its preferences and seed; returns it with its id."""
        data = plan_to_storage(outcome)
        with Session(self._engine) as s:
            plan_id = repo_state.add_plan(
                s,
                created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                start_date=outcome.start.isoformat(),
                seed=outcome.seed,
                status=outcome.result.status.value,
                preferences=outcome.prefs.to_json(),
                plan=data,
            )
            s.commit()
        return replace(outcome, plan_id=plan_id)

    def load_for_start(self, start: dt.date) -> PlanOutcome | None:
        """The newest stored plan of the week starting ``start``, if any."""
        with Session(self._engine) as s:
            row = repo_state.latest_plan(s, start.isoformat())
            plan_id = None if row is None else row.id
        return None if plan_id is None else self.load(plan_id)

    def load(self, plan_id: int | None = None) -> PlanOutcome | None:
        """A stored plan (the newest if ``plan_id`` is None), recomputed from today's data."""
        with Session(self._engine) as s:
            row = repo_state.get_plan(s, plan_id) if plan_id else repo_state.latest_plan(s)
            if row is None:
                return None
            prefs_data, plan_json, seed = row.preferences_json, row.plan_json, row.seed
            start, pid = dt.date.fromisoformat(row.start_date), row.id
        prefs = Preferences.from_json(read_json(prefs_data))
        catalogue = self.catalogue(prefs.count_imputed_k2)
        stored = read_json(plan_json)
        assignments = stored_assignments(stored, len(prefs.people), catalogue.meals)
        if any(len(a.portions) != len(prefs.people) for a in assignments):
            assignments = self._fit(prefs, catalogue, seed, start, assignments)
        result = stored_result(stored, assignments)
        return self._outcome(pid, prefs, seed, start, result, None, catalogue)

    def swap_options(
        self, outcome: PlanOutcome, day: int, slot: Slot, top: int = 10
    ) -> list[SwapOption]:
        """Ranked alternatives for one slot, given the rest of the plan."""
        request = self.build_request(
            outcome.prefs, outcome.catalogue, seed=outcome.seed, start=outcome.start
        )
        return swap_options(request, outcome.assignments, day, slot, top)

    def replace_slot(
        self,
        outcome: PlanOutcome,
        day: int,
        slot: Slot,
        meal_id: int | None,
        servings: float = 1.0,
        *,
        locked: bool | None = None,
        save: bool = True,
        check: bool = True,
    ) -> PlanOutcome:
        """The plan with one slot changed (``meal_id`` None clears it).

        Raises PlanRuleError with the reason when the meal breaks a restriction, an
        exclusion or a vitamin K antagonist rule.
        """
        if meal_id is not None and check:
            self.check_meal(outcome, meal_id)
        current = outcome.result.at(day, slot)
        keep_lock = current.locked if current is not None and locked is None else bool(locked)
        rest = [a for a in outcome.assignments if not (a.day == day and a.slot is slot)]
        if meal_id is not None:
            rest.append(Assignment(day, slot, meal_id, servings, keep_lock))
        return self.rebuild(outcome, rest, "edited by hand", save=save)

    def rebuild(
        self,
        outcome: PlanOutcome,
        assignments: Iterable[Assignment],
        message: str,
        *,
        save: bool = True,
    ) -> PlanOutcome:
        """The plan with these assignments (portions fitted again, totals recomputed)."""
        order = list(Slot)
        edited = tuple(sorted(assignments, key=lambda a: (a.day, order.index(a.slot))))
        fitted = self._fit(outcome.prefs, outcome.catalogue, outcome.seed, outcome.start, edited)
        result = replace(outcome.result, assignments=fitted, message=message)
        new = self._outcome(
            None, outcome.prefs, outcome.seed, outcome.start, result, None, outcome.catalogue
        )
        return self.save(new) if save else new

    def _fit(
        self,
        prefs: Preferences,
        catalogue: Catalogue,
        seed: int,
        start: dt.date,
        assignments: tuple[Assignment, ...],
    ) -> tuple[Assignment, ...]:
        """Each named person's servings (the request, with its database read, only then)."""
        if not prefs.people:
            return fit_portions_of_nobody(assignments)
        request = self.build_request(prefs, catalogue, seed=seed, start=start)
        return fit_portions(request, assignments, prefs.people)

    def check_meal(self, outcome: PlanOutcome, meal_id: int) -> None:
        """Raise PlanRuleError when ``meal_id`` may not be planned under the plan's rules."""
        option = next((m for m in outcome.catalogue.options if m.id == meal_id), None)
        if option is None:
            raise PlanRuleError(f"meal #{meal_id} does not exist")
        request = self.build_request(
            outcome.prefs, outcome.catalogue, seed=outcome.seed, start=outcome.start
        )
        reason = meal_refusal(request, option)
        if reason:
            raise PlanRuleError(f"{option.name} cannot be planned: {reason}.")

    def set_locked(self, outcome: PlanOutcome, day: int, slot: Slot, locked: bool) -> PlanOutcome:
        """Lock or unlock one slot (stored)."""
        current = outcome.result.at(day, slot)
        if current is None:
            return outcome
        return self.replace_slot(
            outcome, day, slot, current.meal_id, current.servings, locked=locked, check=locked
        )


def _has_portions(result: SolveResult, prefs: Preferences) -> bool:
    """The plan names people and every slot carries each person's servings."""
    n = len(prefs.people)
    return n > 0 and all(len(a.portions) == n for a in result.assignments)
