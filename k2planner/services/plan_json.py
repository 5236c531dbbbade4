"""The plan as JSON: every ingredient with its food and source ids, so totals can be checked."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from k2planner.domain.advice import Advice
from k2planner.domain.diet import Contains
from k2planner.domain.foods import Food
from k2planner.domain.judge import judge_day, judge_person
from k2planner.domain.k2 import K2Summary, K2Tally
from k2planner.domain.k2_coverage import K2Status, WeightCoverage
from k2planner.domain.nutrients import MK_FORMS, Nutrient
from k2planner.domain.planner.details import IngredientUse, PlannedMeal
from k2planner.domain.planner.person_days import PersonDay
from k2planner.domain.planner.types import Mode, proof_text
from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.domain.vka import MK7_RICH_UG_PER_100G
from k2planner.services.planning import PlanOutcome
from k2planner.services.serialize import diet_json


def _r(x: float | None, nd: int = 3) -> float | None:
    return None if x is None else round(x, nd)


def _forms(k2: K2Summary) -> dict[str, float | None]:
    return {f.label: _r(v) for f, v in k2.forms.items()}


def _tally(t: K2Tally) -> dict[str, Any]:
    return {
        "k2_ug": _r(t.known_total_ug),
        "k2_by_form_ug": {
            **{f.label: _r(t.by_form[f]) for f in MK_FORMS},
            "reported total, forms unknown": _r(t.unsplit_ug),
        },
        "coverage": {
            "items": t.items,
            "k2_known": t.known_items,
            "k2_partly_known": t.partial_items,
            "text": t.coverage_text(),
        },
    }


def _weight(w: WeightCoverage) -> dict[str, Any]:
    return {
        "measured_g": _r(w.measured_g, 1),
        "imputed_g": _r(w.imputed_g, 1),
        "unknown_g": _r(w.unknown_g, 1),
        "k2_carrier_g": _r(w.carrier_g, 1),
        "known_share": None
        if w.share(K2Status.MEASURED) is None
        else _r((w.share(K2Status.MEASURED) or 0) + (w.share(K2Status.IMPUTED) or 0), 3),
        "text": w.text(),
    }


def _ingredient(u: IngredientUse, food: Food) -> dict[str, Any]:
    return {
        "food_id": u.food_id,
        "source_id": u.source_id,
        "name": u.name,
        "group": food.group,
        "contains": food.contains.names(),
        "may_contain": food.may_contain.names(),
        "grams": _r(u.grams, 2),
        "energy_kcal": _r(u.energy_kcal, 1),
        "k1_ug": _r(u.k1_ug),
        "k2_ug": _r(u.k2.total_ug),
        "k2_coverage": u.k2.coverage.value,
        "k2_status": u.k2_status.value,
        "k2_from_reported_total": u.k2.from_reported_total,
        "menaquinones_ug": _forms(u.k2),
    }


def _meal(pm: PlannedMeal, outcome: PlanOutcome) -> dict[str, Any]:
    a = pm.assignment
    foods = outcome.catalogue.foods
    people = outcome.prefs.people if outcome.people_days else ()
    return {
        "slot": a.slot.value,
        "meal_id": a.meal_id,
        "meal_key": pm.meal.key,
        "meal": pm.meal.name,
        "servings": a.servings_for(outcome.details.person),
        "servings_by_person": {p.name: a.portions[i] for i, p in enumerate(people)}
        if people
        else None,
        "locked": a.locked,
        "k2_ug": _r(pm.k2.known_total_ug),
        "k1_ug": _r(pm.k1_ug),
        "mk7_ug": _r(pm.k2.by_form[Nutrient.MK7]),
        "k2_text": pm.k2_text(1),
        "energy_kcal": _r(pm.energy_kcal, 1),
        **diet_json(
            reduce(or_, (foods[u.food_id].contains for u in pm.ingredients), Contains.NONE),
            reduce(or_, (foods[u.food_id].may_contain for u in pm.ingredients), Contains.NONE),
        ),
        "ingredients": [_ingredient(u, foods[u.food_id]) for u in pm.ingredients],
    }


def advice_to_dict(a: Advice) -> dict[str, Any]:
    """An advice item with its sources."""
    return {
        "kind": a.kind.value,
        "severity": a.severity.value,
        "title": a.title,
        "text": a.text,
        "day": a.day,
        "sources": [{"key": s.key, "citation": s.citation, "url": s.url} for s in a.sources],
    }


def _vka_rules(outcome: PlanOutcome) -> dict[str, Any]:
    p = outcome.prefs
    k2 = [d.k2.total_ug for d in outcome.details.days] or [0.0]
    return {
        "never_planned": "natto, and every food with MK-7 >= "
        f"{MK7_RICH_UG_PER_100G:g} µg per 100 g, and every meal containing one",
        "mk7_rich_threshold_ug_per_100g": MK7_RICH_UG_PER_100G,
        "mk7_cap_ug_per_day": p.vka_mk7_cap_ug,
        "k2_spread_ug": p.vka_k2_spread_ug,
        "week_k2_spread_ug": _r(max(k2) - min(k2)),
        "week_max_mk7_ug": _r(
            max((d.k2.by_form[Nutrient.MK7] for d in outcome.details.days), default=0.0)
        ),
        "mk7_counted": "measured MK-7 only; K2 totals without a split into forms are not MK-7",
    }


def _person_day(x: PersonDay, p: Preferences) -> dict[str, Any]:
    ok = judge_person(x, p)
    return {
        "name": x.name,
        "energy_kcal": _r(x.energy_kcal, 1),
        "energy_range_kcal": [_r(v, 0) for v in x.energy_range_kcal],
        "in_energy_range": x.energy_ok,
        "k2_ug": _r(x.k2_ug),
        "vitamin_k_ug": _r(x.vitamin_k_ug),
        "mk7_ug": _r(x.mk7_ug),
        "meets_goal": ok,
    }


def plan_to_dict(outcome: PlanOutcome) -> dict[str, Any]:
    """The whole plan. Day totals and meal figures are for one person: the reference person
    (smallest energy target) when people are named, each of whom has their own servings and
    day in ``people``; otherwise one serving-size eater, the household size only scaling the
    shopping list."""
    p = outcome.prefs
    r = outcome.result
    vka = p.anticoagulant is Anticoagulant.VKA
    days: list[dict[str, Any]] = []
    met = 0
    for d in outcome.details.days:
        meals = [m for m in outcome.details.meals if m.assignment.day == d.day]
        totals: dict[str, Any] = {
            **_tally(d.k2),
            "k2_range_ug": [_r(d.k2_range_ug[0]), _r(d.k2_range_ug[1])],
            "k2_coverage_by_weight": _weight(d.k2_weight),
            "k1_ug": _r(d.k1_ug),
            "vitamin_k_ug": _r(d.vitamin_k_ug),
            "energy_kcal": _r(d.energy_kcal, 1),
        }
        v = judge_day(d, p)
        totals["mk7_ug"] = _r(v.mk7_ug)
        totals["verdict"] = v.text
        totals["energy_range_kcal"] = [_r(x, 0) for x in v.energy_range_kcal]
        totals["in_energy_range"] = v.energy_ok
        if vka:
            totals["in_band"] = v.band_ok
            totals["mk7_cap_ug"] = p.vka_mk7_cap_ug
            totals["under_mk7_cap"] = v.mk7_ok
        else:
            totals["meets_target"] = v.ok
            met += v.ok
        each = outcome.people_days[d.day] if outcome.people_days else ()
        days.append(
            {
                "day": d.day + 1,
                "date": d.date.isoformat(),
                "label": outcome.day_labels[d.day],
                "meals": [_meal(m, outcome) for m in meals],
                "totals": totals,
                "energy_by_person": {x.name: _r(x.energy_kcal, 1) for x in each} or None,
                "people": [_person_day(x, p) for x in each] or None,
            }
        )
    points = r.gap_points
    out: dict[str, Any] = {
        "plan_id": outcome.plan_id,
        "start_date": outcome.start.isoformat(),
        "days": days,
        "per": "person; quantities are grams of each food as eaten (raw unless the food says "
        "cooked); contributions = grams / 100 × the food's value per 100 g",
        "totals_for": outcome.prefs.people[outcome.details.person].name
        if outcome.details.person is not None
        else None,
        "people": [
            {**x.to_json(), "energy_range_kcal": [_r(v, 0) for v in x.energy_range()]}
            for x in p.people
        ],
        "household_size": p.members,
        "seed": outcome.seed,
        "mode": (Mode.CONSISTENCY if vka else Mode.K2_TARGET).value,
        "k2_target_ug": None if vka else p.k2_target_ug,
        "vitamin_k_band_ug": [p.vk_baseline_ug - p.vk_band_ug, p.vk_baseline_ug + p.vk_band_ug]
        if vka
        else None,
        "anticoagulant": p.anticoagulant.value,
        "vka_rules": _vka_rules(outcome) if vka else None,
        "refused_locks": [
            {"day": x.lock.day + 1, "slot": x.lock.slot.value, "meal": x.meal_name, "why": x.reason}
            for x in outcome.refused_locks
        ],
        "restrictions": sorted(r_.value for r_ in p.restrictions),
        "status": r.status.value,
        "objective": _r(r.objective),
        "bound": None if points is None else _r(r.bound),
        "gap": {
            "points": None if points is None else _r(points),
            "relative": _r(r.mip_gap, 5),
        },
        "proof": {
            "status_meaning": {
                "optimal": "within 0.5 points of the best possible plan",
                "near-optimal": "the goals met as well as any plan can (within 0.2 µg), the "
                "preferences within gap.points of the best possible",
                "time-limited": "stopped at the time limit; gap.points says how far it may be",
            }[r.status.value]
            if r.status.value in ("optimal", "near-optimal", "time-limited")
            else None,
            "k2_shortfall_ug_per_day": None
            if vka
            else _r(sum(r.shortfall_ug) / max(1, len(r.shortfall_ug)) if r.shortfall_ug else 0.0),
            "least_possible_shortfall_ug_per_day": None
            if r.least_shortfall_ug is None
            else _r(r.least_shortfall_ug / max(1, p.days)),
            "gap_points": None if points is None else _r(points),
            "text": proof_text(r, Mode.CONSISTENCY if vka else Mode.K2_TARGET, p.days),
        },
        "solve_seconds": _r(r.seconds),
        "message": r.message,
        "week": {
            "average_k2_ug": _r(outcome.details.average_k2_ug()),
            "lowest_day_k2_ug": _r(min((d.k2.total_ug for d in outcome.details.days), default=0)),
            "highest_day_k2_ug": _r(max((d.k2.total_ug for d in outcome.details.days), default=0)),
            "k2_spread_ug": _r(outcome.details.k2_spread_ug()),
            "average_vitamin_k_ug": _r(outcome.details.average_vitamin_k_ug()),
            "days_meeting_target": None
            if vka
            else sum(1 for d in days if d["totals"]["meets_target"]),
            "coverage": _tally(outcome.details.coverage())["coverage"],
            "coverage_by_weight": _weight(outcome.details.weight_coverage()),
        },
        "shortfall": None,
        "advice": [advice_to_dict(a) for a in outcome.advice],
    }
    if outcome.explanation is not None:
        e = outcome.explanation
        out["shortfall"] = {
            "best_reachable_ug_per_day": _r(e.best_ug, 1),
            "rules": e.rules,
            "relaxations": [
                {
                    "allowing": x.rule,
                    "reachable_ug_per_day": _r(x.reachable_ug, 1),
                    "example": x.example,
                }
                for x in e.relaxations
            ],
            "text": e.text(),
        }
    return out
