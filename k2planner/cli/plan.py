"""``k2planner plan``: plan a week; ``k2planner plan swap``: alternatives for one slot."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from k2planner.cli.common import CliError, open_db, print_json
from k2planner.domain.diet import parse_restrictions
from k2planner.domain.household import parse_people, portion_text
from k2planner.domain.meals import Slot, parse_slots
from k2planner.domain.planner.types import Lock
from k2planner.domain.preferences import Anticoagulant, Preferences

if TYPE_CHECKING:
    from k2planner.services.planning import Catalogue, PlanOutcome

_ANTICOAGULANTS = {
    "none": Anticoagulant.NONE,
    "warfarin": Anticoagulant.VKA,
    "vka": Anticoagulant.VKA,
    "acenocoumarol": Anticoagulant.VKA,
    "phenprocoumon": Anticoagulant.VKA,
    "doac": Anticoagulant.DOAC,
    "apixaban": Anticoagulant.DOAC,
    "rivaroxaban": Anticoagulant.DOAC,
    "edoxaban": Anticoagulant.DOAC,
    "dabigatran": Anticoagulant.DOAC,
}
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _ug(value: float | None, width: int = 0) -> str:
    """ "12.5 µg", or "unknown" when nobody measured it (missing is not zero)."""
    return f"{'unknown':>{width}}" if value is None else f"{value:{width}.1f} µg"


def register(sub: Any) -> None:
    """Add the ``plan`` command."""
    p = sub.add_parser("plan", help="plan a week of meals (saved preferences + these options)")
    p.add_argument("--target", type=float, help="K2 target in µg a day")
    p.add_argument(
        "--natto-per-week",
        type=int,
        metavar="N",
        help="at most N meals with natto (or MK-7-rich food) a week, one a day (0 = never)",
    )
    p.add_argument(
        "--measured-only",
        action="store_true",
        help="count measured K2 only, not K2 imputed from a relative food",
    )
    p.add_argument("--diet", help="restrictions, e.g. vegetarian,dairy-free")
    p.add_argument("--exclude", help="comma-separated meal keys, food ids (usda:16113) or words")
    p.add_argument(
        "--less-of",
        metavar="ITEMS",
        help="plan these less (a soft dislike, not a ban): meal keys, food ids or words",
    )
    p.add_argument("--days", type=int, help="number of days (default 7)")
    p.add_argument("--slots", help="e.g. breakfast,lunch,dinner,snack")
    p.add_argument("--household", type=int, help="people to shop for (all eat alike)")
    p.add_argument(
        "--people",
        metavar="NAME:KCAL,…",
        help='household members and their daily energy targets, e.g. "Ana:2000,Ben:2600": '
        "each gets servings that land within ±10 %% of their target ('' = one person)",
    )
    p.add_argument("--start", help="first day, YYYY-MM-DD (default: this week's Monday)")
    p.add_argument("--seed", type=int, help="same seed, same plan (default: random)")
    p.add_argument(
        "--lock",
        action="append",
        default=[],
        metavar="DAY:SLOT:MEAL[:SERVINGS]",
        help="fix a slot, e.g. 3:dinner:chicken-coconut-curry or mon:breakfast:12",
    )
    p.add_argument("--anticoagulant", choices=sorted(_ANTICOAGULANTS))
    p.add_argument("--baseline", type=float, help="usual vitamin K (K1+K2) µg a day (VKA mode)")
    p.add_argument("--band", type=float, help="allowed ± µg around the baseline (VKA mode)")
    p.add_argument(
        "--mk7-cap",
        type=float,
        help="VKA mode: most MK-7 a day, 0–20 µg (default 10; 10–20 µg a day lowered the INR "
        "of many anticoagulated people, Theuwissen 2013)",
    )
    p.add_argument(
        "--k2-spread",
        type=float,
        help="VKA mode: the week's highest K2 day minus its lowest, µg (default 20)",
    )
    p.add_argument("--time-limit", type=float, default=10.0, help="solver time limit, seconds")
    p.add_argument("--no-save", action="store_true", help="do not store the plan in history")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run_plan)
    psub = p.add_subparsers(dest="plan_action", metavar="ACTION")
    s = psub.add_parser("swap", help="ranked alternatives for one slot of a stored plan")
    s.add_argument("--plan", type=int, help="plan id (default: the newest)")
    s.add_argument("--day", required=True, help="1-7 or mon-sun")
    s.add_argument("--slot", required=True, choices=[x.value for x in Slot])
    s.add_argument("--top", type=int, default=10)
    s.add_argument("--apply", metavar="MEAL", help="replace the slot with this meal and save")
    s.add_argument("--servings", type=float, default=None)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=run_swap)


def _prefs(args: argparse.Namespace, base: Preferences) -> Preferences:
    changes: dict[str, Any] = {}
    try:
        if args.target is not None:
            changes["k2_target_ug"] = args.target
        if args.measured_only:
            changes["count_imputed_k2"] = False
        if args.natto_per_week is not None:
            changes["natto_meals_per_week"] = args.natto_per_week
        if args.diet is not None:
            changes["restrictions"] = parse_restrictions(args.diet)
        if args.days is not None:
            changes["days"] = args.days
        if args.slots is not None:
            changes["slots"] = parse_slots(args.slots)
        if args.household is not None:
            changes["household_size"] = args.household
        if args.people is not None:
            changes["people"] = parse_people(args.people) if args.people.strip() else ()
        if args.start is not None:
            changes["start_date"] = dt.date.fromisoformat(args.start)
        if args.anticoagulant is not None:
            changes["anticoagulant"] = _ANTICOAGULANTS[args.anticoagulant]
        if args.baseline is not None:
            changes["vk_baseline_ug"] = args.baseline
        if args.band is not None:
            changes["vk_band_ug"] = args.band
        if args.mk7_cap is not None:
            changes["vka_mk7_cap_ug"] = args.mk7_cap
        if args.k2_spread is not None:
            changes["vka_k2_spread_ug"] = args.k2_spread
        return base.with_changes(**changes)
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _excluded(
    text: str, catalogue: Catalogue, option: str = "--exclude"
) -> tuple[frozenset[int], frozenset[int]]:
    meal_keys = {m.key: m.id for m in catalogue.meals.values()}
    by_source = {f.source_id: f.id for f in catalogue.foods.values()}
    meals: set[int] = set()
    foods: set[int] = set()
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            continue
        if item in meal_keys:
            meals.add(meal_keys[item])
        elif item in by_source:
            foods.add(by_source[item])
        else:
            hits = {f.id for f in catalogue.foods.values() if item.lower() in f.name.lower()}
            if not hits:
                raise CliError(
                    f"{option}: {item!r} matches no meal key, food id or food name used in a meal"
                )
            foods |= hits
    return frozenset(meals), frozenset(foods)


def parse_day(text: str, days: int, start: dt.date) -> int:
    """A day as 1-based number or weekday name (relative to the plan's start)."""
    t = text.strip().lower()
    if t.isdigit():
        day = int(t) - 1
    elif t[:3] in _WEEKDAYS:
        day = (_WEEKDAYS.index(t[:3]) - start.weekday()) % 7
    else:
        raise CliError(f"day {text!r}: use 1–{days} or a weekday such as mon")
    if not 0 <= day < days:
        raise CliError(f"day {text!r} is outside the plan (1–{days})")
    return day


def _meal_id(text: str, catalogue: Catalogue) -> int:
    if text.isdigit() and int(text) in catalogue.meals:
        return int(text)
    for m in catalogue.meals.values():
        if m.key == text:
            return m.id
    raise CliError(f"no meal with key or id {text!r} (see: k2planner meals list)")


def _locks(specs: list[str], prefs: Preferences, catalogue: Catalogue) -> tuple[Lock, ...]:
    start = prefs.effective_start()
    out = []
    for spec in specs:
        parts = spec.split(":")
        if len(parts) not in (3, 4):
            raise CliError(f"--lock {spec!r}: use DAY:SLOT:MEAL[:SERVINGS]")
        day = parse_day(parts[0], prefs.days, start)
        try:
            slot = Slot(parts[1].strip().lower())
            servings = float(parts[3]) if len(parts) == 4 else 1.0
        except ValueError:
            raise CliError(f"--lock {spec!r}: unknown slot or servings") from None
        if slot not in prefs.slots:
            raise CliError(f"--lock {spec!r}: {slot.value} is not an enabled slot")
        if not 0.25 <= servings <= 4:
            raise CliError(f"--lock {spec!r}: servings must be between 0.25 and 4")
        meal_id = _meal_id(parts[2].strip(), catalogue)
        if slot not in catalogue.meals[meal_id].slots:
            raise CliError(f"--lock {spec!r}: that meal is not a {slot.value}")
        out.append(Lock(day, slot, meal_id, servings))
    return tuple(out)


def run_plan(args: argparse.Namespace) -> int:
    """Plan a week and print it."""
    from k2planner.services.plan_json import plan_to_dict
    from k2planner.services.planning import PlanningService
    from k2planner.services.preferences import PreferencesService

    if args.time_limit <= 0:
        raise CliError("--time-limit must be positive")
    db = open_db(args)
    prefs = _prefs(args, PreferencesService(db.engine).load())
    planning = PlanningService(db.engine)
    catalogue = planning.catalogue(prefs.count_imputed_k2)
    if args.exclude:
        meals, foods = _excluded(args.exclude, catalogue)
        prefs = prefs.with_changes(
            excluded_meal_ids=prefs.excluded_meal_ids | meals,
            excluded_food_ids=prefs.excluded_food_ids | foods,
        )
    if args.less_of:
        meals, foods = _excluded(args.less_of, catalogue, "--less-of")
        prefs = prefs.with_changes(
            less_meal_ids=prefs.less_meal_ids | meals, less_food_ids=prefs.less_food_ids | foods
        )
    locks = _locks(args.lock, prefs, catalogue)
    outcome = planning.generate(
        prefs, seed=args.seed, locks=locks, time_limit_s=args.time_limit, save=not args.no_save
    )
    if args.json:
        print_json(plan_to_dict(outcome))
    else:
        print_plan(outcome)
    return 0 if outcome.assignments else 1


def print_plan(outcome: PlanOutcome) -> None:
    """The plan as readable text."""
    from k2planner.services.plan_json import plan_to_dict

    data = plan_to_dict(outcome)
    p = outcome.prefs
    goal = (
        f"vitamin K {data['vitamin_k_band_ug'][0]:.0f}–{data['vitamin_k_band_ug'][1]:.0f} µg/day"
        if data["mode"] == "consistency"
        else f"K2 target {p.k2_target_ug:.0f} µg/day"
    )
    plan_id = f"plan #{outcome.plan_id}, " if outcome.plan_id else ""
    print(f"Week from {outcome.start:%a %d %b %Y} ({plan_id}{goal}, seed {outcome.seed})")
    print(f"Solver: {data['status']} in {data['solve_seconds']:.2f} s: {data['proof']['text']}")
    if outcome.result.message:
        print(outcome.result.message)
    for day in data["days"]:
        t = day["totals"]
        mark = "" if t.get("meets_target", t.get("in_band")) else f"  {t['verdict']}"
        mk7 = ""
        if "under_mk7_cap" in t:
            mk7 = f" (MK-7 {t['mk7_ug']:.1f} µg, cap {t['mk7_cap_ug']:.0f})"
            if not t["under_mk7_cap"]:
                mark += "  MK-7 ABOVE CAP"
        print(
            f"\n{day['label']}: K2 {_ug(t['k2_ug'])}{mk7}, K1 {t['k1_ug']:.1f} µg, vitamin K "
            f"{t['vitamin_k_ug']:.1f} µg, {t['energy_kcal']:.0f} kcal — "
            f"{t['coverage']['text']}{mark}"
        )
        if day.get("energy_by_person"):
            print(
                "  per person: "
                + "; ".join(
                    f"{name} {kcal:,.0f} kcal" for name, kcal in day["energy_by_person"].items()
                )
            )
        for m in day["meals"]:
            lock = " [locked]" if m["locked"] else ""
            each = m.get("servings_by_person")
            amount = (
                " ".join(f"{n} {portion_text(v)}" for n, v in each.items())
                if each
                else f"×{m['servings']:<4g}"
            )
            print(f"  {m['slot']:<9} {m['meal'][:58]:<58} {amount} K2 {_ug(m['k2_ug'], 6)}{lock}")
    print()
    for a in data["advice"]:
        keys = ", ".join(s["key"] for s in a["sources"])
        print(
            f"[{a['severity']}] {a['title']}: {a['text']}" + (f" (sources: {keys})" if keys else "")
        )


def run_swap(args: argparse.Namespace) -> int:
    """List (or apply) alternatives for one slot of a stored plan."""
    from k2planner.services.planning import PlanningService, PlanRuleError

    db = open_db(args)
    planning = PlanningService(db.engine)
    outcome = planning.load(args.plan)
    if outcome is None:
        raise CliError("no stored plan: run 'k2planner plan' first")
    day = parse_day(args.day, outcome.prefs.days, outcome.start)
    slot = Slot(args.slot)
    if args.apply:
        meal_id = _meal_id(args.apply, outcome.catalogue)
        current = outcome.result.at(day, slot)
        servings = args.servings or (current.servings if current else 1.0)
        try:
            new = planning.replace_slot(outcome, day, slot, meal_id, servings)
        except PlanRuleError as exc:
            raise CliError(str(exc)) from None
        print(
            f"Saved plan #{new.plan_id} with {outcome.catalogue.meals[meal_id].name} on "
            f"{new.day_labels[day]} ({slot.value})."
        )
        return 0
    options = planning.swap_options(outcome, day, slot, args.top)
    if args.json:
        print_json(
            [
                o.__dict__ if hasattr(o, "__dict__") else {f: getattr(o, f) for f in o.__slots__}
                for o in options
            ]
        )
        return 0
    print(f"Alternatives for {outcome.day_labels[day]}, {slot.value} (plan #{outcome.plan_id}):")
    for o in options:
        goal = "meets goal" if o.meets_goal else "below goal"
        cur = "  (current)" if o.is_current else ""
        print(
            f"  {o.name[:56]:<56} ×{o.servings:<4g} day K2 {o.day_k2_ug:6.1f} µg, "
            f"{o.day_energy_kcal:5.0f} kcal, {goal}{cur}"
        )
    return 0


__all__ = ["parse_day", "print_plan", "register"]
