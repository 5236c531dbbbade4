#!/usr/bin/env python3
"""Planner speed with ordinary settings: favourites, last week's meals, people, big pools.

Scenarios (full bundled database, several seeds each), all solved by ``solve_week``:

* omnivore and warfarin weeks with 12 % of the meals marked favourite and last week's plan
  as "recent" meals; the same with only 5 favourites;
* a pool of 1,600 meals (the bundled ones copied 8 × with varied nutrients) for a 28-day plan;
* (in this version only) a two-person household, whose portions are fitted after the solve.

It prints median and worst seconds, how each solve finished, and the ratio of the median to
the LP relaxation of the same model measured in the same run (the baseline).

usage: python benchmarks/bench_planner_scenarios.py [--seeds N]
This is a benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from k2planner.db.database import open_database
from k2planner.domain.planner.bound import relaxation_bound
from k2planner.domain.planner.model import build_model
from k2planner.domain.planner.solver import solve_week
from k2planner.domain.planner.types import MealOption, Mode, PlanRequest
from k2planner.domain.preferences import Preferences
from k2planner.paths import resources_dir
from k2planner.services.planning import PlanningService


def big_pool(
    meals: tuple[MealOption, ...], copies: int, rng: random.Random
) -> tuple[MealOption, ...]:
    """``copies`` × the catalogue, each copy's nutrients varied by ±15 %."""
    out = []
    for c in range(copies):
        for m in meals:
            f = 1.0 if c == 0 else rng.uniform(0.85, 1.15)
            out.append(
                replace(
                    m,
                    id=m.id + c * 100_000,
                    name=f"{m.name} #{c}",
                    k2_ug=m.k2_ug * f,
                    k1_ug=m.k1_ug * f,
                    energy_kcal=m.energy_kcal * rng.uniform(0.9, 1.1),
                    mk7_ug=m.mk7_ug * f,
                )
            )
    return tuple(out)


def run(name: str, requests: list[PlanRequest], fit: object | None = None) -> None:
    times, statuses, lp = [], Counter(), []
    for req in requests:
        t0 = time.perf_counter()
        model = build_model(req)
        relaxation_bound(model)
        lp.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        res = solve_week(req)
        if fit is not None:
            fit(req, res.assignments)  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
        statuses[res.status.value] += 1
    med, worst = statistics.median(times), max(times)
    print(
        f"{name:<44} median {med:6.2f} s  worst {worst:6.2f} s  "
        f"÷ LP {med / statistics.median(lp):5.1f}  {dict(statuses)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite", resources_dir())
        planning = PlanningService(db.engine)
        catalogue = planning.catalogue()
        base = planning.build_request(Preferences(), catalogue, seed=0, start=dt_monday())
    meals = base.meals
    ids = [m.id for m in meals]
    seeds = range(1, args.seeds + 1)
    for n_fav, label in ((max(1, len(ids) * 12 // 100), "12 % favourites"), (5, "5 favourites")):
        for mode in (Mode.K2_TARGET, Mode.CONSISTENCY):
            reqs = []
            for s in seeds:
                rng = random.Random(s)
                fav = frozenset(rng.sample(ids, n_fav))
                last = solve_week(replace(base, seed=s + 1000))
                recent = dict(Counter(a.meal_id for a in last.assignments))
                reqs.append(
                    replace(
                        base,
                        mode=mode,
                        seed=s,
                        favourite_meal_ids=fav,
                        recent_meal_uses=recent,
                    )
                )
            run(f"{mode.value}, {label} + recent", reqs)
    try:
        from k2planner.domain.household import Person
        from k2planner.domain.planner.portions import fit_portions

        people = (Person("Ana", 2000), Person("Ben", 2600))

        def fit(req: PlanRequest, plan: object) -> None:
            fit_portions(req, plan, people)  # type: ignore[arg-type]

        reqs = [replace(base, seed=s, energy_min_kcal=1800, energy_max_kcal=2200) for s in seeds]
        run("k2-target, two people (portions fitted)", reqs, fit)
    except ImportError:
        print("two people: not in this version")
    rng = random.Random(7)
    pool = big_pool(meals, 8, rng)
    reqs = [replace(base, meals=pool, days=28, seed=s) for s in list(seeds)[:3]]
    run(f"k2-target, {len(pool)} meals, 28 days", reqs)


def dt_monday():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date(2026, 11, 23)


if __name__ == "__main__":
    main()
