"""Consistency of the bundled K2 values: outliers need a written reason, derived foods agree
with their parts, and every mapped value carries the range of its sources."""

from __future__ import annotations

import csv
import gzip
import json
import re
import statistics
from pathlib import Path

import pytest

from k2planner.domain.k2 import summarise_k2
from k2planner.domain.nutrients import Nutrient

FORMS = ("mk4_ug", "mk5_ug", "mk6_ug", "mk7_ug", "mk8_ug", "mk9_ug", "mk10_ug")


def _num(text: str) -> float | None:
    text = (text or "").strip().replace(",", ".")
    return float(text) if text else None


@pytest.fixture(scope="module")
def data(resources: Path) -> dict[str, object]:
    src = resources / "sources"
    lit = {
        (r["source_key"], r["food"]): r
        for r in csv.DictReader((src / "k2_literature" / "k2_foods.csv").open(encoding="utf-8"))
    }
    ciqual = {
        r["alim_code"]: _num(r["vitamin_k2_ug"])
        for r in csv.DictReader(
            (src / "ciqual_2025" / "ciqual_2025_vitk.csv").open(encoding="utf-8")
        )
    }
    mapping = list(csv.DictReader((src / "k2_mapping.csv").open(encoding="utf-8")))
    seed = json.loads(gzip.decompress((resources / "seed" / "foods.json.gz").read_bytes()))
    values: dict[str, dict[Nutrient, float]] = {}
    sids = [f[0] for f in seed["foods"]]
    for f, n, v, _s, _t in seed["values"]:
        values.setdefault(sids[f], {})[Nutrient(n)] = v
    ranges = {f[0]: f[9] for f in seed["foods"]}
    return {"lit": lit, "ciqual": ciqual, "mapping": mapping, "values": values, "ranges": ranges}


def _row_total(row: dict[str, str]) -> float | None:
    forms = [v for v in (_num(row.get(c, "")) for c in FORMS) if v is not None]
    return sum(forms) if forms else _num(row.get("k2_total_ug", ""))


def _alt_totals(m: dict[str, str], data: dict[str, object]) -> list[float]:
    out = []
    for ref in filter(None, m["alternatives"].split(";")):
        if ref.startswith("ciqual:"):
            total = data["ciqual"][ref.split(":", 1)[1]]  # type: ignore[index]
        else:
            total = _row_total(data["lit"][tuple(ref.split("|", 1))])  # type: ignore[index]
        if total is not None:
            out.append(total)
    return out


def _k2(data: dict[str, object], sid: str) -> float:
    total = summarise_k2(data["values"][sid]).total_ug  # type: ignore[index]
    assert total is not None, sid
    return total


def test_a_value_far_from_its_other_sources_has_a_written_reason(data: dict[str, object]) -> None:
    """A chosen value more than 2x off the median of the other sources for the same food is
    kept only with a reason in k2_mapping.csv (outlier_reason); the test lists every such row."""
    offending = []
    for m in data["mapping"]:  # type: ignore[attr-defined]
        others = _alt_totals(m, data)
        if not others:
            continue
        chosen = _k2(data, m["target"])
        median = statistics.median(others)
        far = median > 0 and not median / 2 <= chosen <= median * 2
        if far and not m["outlier_reason"].strip():
            offending.append(f"{m['target']}: {chosen:.1f} vs median {median:.1f} of {others}")
    assert not offending, "\n".join(offending)


def test_whole_egg_agrees_with_yolk_and_white_by_mass(data: dict[str, object]) -> None:
    """A large egg is 34 % yolk and 66 % white (USDA: 17 g and 33 g of 50 g): the whole egg's
    K2 is within 25 % of that mix; boiled and scrambled egg within 25 % of the raw egg."""
    yolk = _k2(data, "usda:01125")
    white = _row_total(data["lit"][("k2viewer", "Egg white")])  # type: ignore[index]
    assert white is not None
    mix = 0.34 * yolk + 0.66 * white
    raw = _k2(data, "usda:01123")
    assert abs(raw - mix) <= 0.25 * mix, (raw, mix)
    for cooked in ("usda:01129", "usda:01132"):
        assert abs(_k2(data, cooked) - raw) <= 0.25 * raw, cooked


def test_mapped_values_carry_the_range_of_their_sources(data: dict[str, object]) -> None:
    """Every mapped food with other sources has [low, high] that contains its own value and
    every other source's; natto spans the studies' 82–1,045 µg."""
    for m in data["mapping"]:  # type: ignore[attr-defined]
        others = _alt_totals(m, data)
        if not others:
            continue
        chosen = _k2(data, m["target"])
        rng = data["ranges"][m["target"]]  # type: ignore[index]
        if max([chosen, *others]) - min([chosen, *others]) < 0.05:
            continue
        assert rng is not None, m["target"]
        low, high = rng
        assert low <= chosen + 1e-6 and high >= chosen - 1e-6
        assert low <= min(others) + 1e-6 and high >= max(others) - 1e-6
    low, high = data["ranges"]["usda:16113"]  # type: ignore[index]
    assert low < 90 and high > 1000


def test_imputed_values_name_their_donor_and_are_less_certain(seeded_engine) -> None:  # type: ignore[no-untyped-def]
    """Egg noodles get 9 % of whole egg's K2, tier *imputed*, the donor named, a wider range."""
    from sqlmodel import Session

    from k2planner.db import repo_foods
    from k2planner.domain.k2_coverage import K2Status, k2_status
    from k2planner.domain.nutrients import Tier

    with Session(seeded_engine) as s:
        ids = repo_foods.food_ids_by_source(s, ["usda:20110", "usda:01123"])
        foods = repo_foods.load_foods(s, ids.values())
    noodles, egg = foods[ids["usda:20110"]], foods[ids["usda:01123"]]
    value = noodles.values[Nutrient.MK4]
    assert value.tier is Tier.IMPUTED and "usda:01123" in value.source
    assert value.value == pytest.approx(egg.values[Nutrient.MK4].value * 0.09, rel=1e-3)
    assert k2_status(noodles) is K2Status.IMPUTED
    low, high = noodles.k2_range_ug or (0, 0)
    assert low < value.value < high


def test_bundled_meals_have_k2_for_95_percent_of_their_weight(seeded_engine, resources) -> None:  # type: ignore[no-untyped-def]
    """Every bundled meal has K2 measured or imputed for at least 95 % of the weight of its
    foods that can carry K2, unless the missing food is documented as not imputable; a meal of
    plant foods only says "none expected" instead of "unknown"."""
    from sqlmodel import Session

    from k2planner.db import repo_foods, repo_meals
    from k2planner.domain.k2_coverage import K2Status, k2_status

    documented = {
        r["target"]
        for r in csv.DictReader(
            (resources / "sources" / "k2_imputation.csv").open(encoding="utf-8")
        )
        if not r["donor"] and r["rationale"].strip()
    }
    with Session(seeded_engine) as s:
        meals = repo_meals.load_meals(s)
        foods = repo_foods.load_foods(s, {i.food_id for m in meals for i in m.ingredients})
    short = []
    for m in meals:
        carrier = known = 0.0
        missing = set()
        for i in m.ingredients:
            food = foods[i.food_id]
            status = k2_status(food)
            if status is K2Status.NOT_EXPECTED:
                continue
            carrier += i.grams
            if status in (K2Status.MEASURED, K2Status.IMPUTED):
                known += i.grams
            else:
                missing.add(food.source_id)
        if carrier and known / carrier < 0.95 and missing - documented:
            short.append(f"{m.key}: {known / carrier:.0%}, unknown: {sorted(missing - documented)}")
    assert not short, "\n".join(short)


def test_each_rationale_names_every_study_its_source_row_cites(data: dict[str, object]) -> None:
    """A compiled row (k2viewer) cites studies; the mapping's rationale names each of them."""
    missing = []
    for m in data["mapping"]:  # type: ignore[attr-defined]
        row = data["lit"].get((m["lit_source"], m["lit_food"]))  # type: ignore[attr-defined]
        found = re.search(r"refs cited for row: ([^(]*)", row["note"]) if row else None
        if not found:
            continue
        for ref in (x.split("=", 1)[1].strip() for x in found.group(1).split(";") if "=" in x):
            author = re.match(r"([A-Z][\w\-]+)(?: & [A-Z][\w\-]+)?(?: et al\.)? (\d{4})", ref)
            if author and not (
                author.group(1) in m["rationale"] and author.group(2) in m["rationale"]
            ):
                missing.append(f"{m['target']}: {ref}")
    assert not missing, "\n".join(missing)
