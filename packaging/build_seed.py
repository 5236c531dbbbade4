#!/usr/bin/env python3
"""Build the bundled food seed ``resources/seed/foods.json.gz`` from the raw sources.

Inputs (all in ``resources/sources/``, copied from ../shared/data with their READMEs):

* ``usda_sr28/``      USDA SR28 extract: foods, portions, vitamin K provenance codes;
* ``ciqual_2025/``    ANSES CIQUAL 2025 extract (K1 and K2 totals);
* ``k2_literature/``  published menaquinone values per form, with SOURCES.md;
* ``k2_mapping.csv``  our hand-written, documented choice of which literature row describes
  which food (or becomes a food of its own), with the alternatives named in each value's source.

The output is deterministic (sorted, gzip mtime 0): ``python packaging/build_seed.py`` twice gives
the same bytes, and a test rebuilds it and compares with the committed file.

usage: python packaging/build_seed.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from k2planner.domain.aisles import aisle_for_food, aisle_for_group, default_aisles  # noqa: E402
from k2planner.domain.diet_rules import derive_flags, rule_book  # noqa: E402
from k2planner.domain.k2 import summarise_k2  # noqa: E402
from k2planner.domain.nutrients import MK_FORMS, Nutrient, Tier  # noqa: E402

SOURCES = ROOT / "resources" / "sources"
DEFAULT_OUT = ROOT / "resources" / "seed" / "foods.json.gz"
SEED_FORMAT = 3  # 2: foods carry may_contain and flag reasons; 3: and their K2 range

USDA_COLUMNS = {
    "energy_kcal": Nutrient.ENERGY,
    "protein_g": Nutrient.PROTEIN,
    "fat_g": Nutrient.FAT,
    "carbohydrate_g": Nutrient.CARB,
    "fiber_g": Nutrient.FIBER,
    "calcium_mg": Nutrient.CALCIUM,
    "vitamin_d_ug": Nutrient.VITAMIN_D,
    "phylloquinone_ug": Nutrient.K1,
    "dihydrophylloquinone_ug": Nutrient.DK1,
    "menaquinone4_ug": Nutrient.MK4,
}
USDA_VK_FORMS = {
    "phylloquinone": Nutrient.K1,
    "dihydrophylloquinone": Nutrient.DK1,
    "menaquinone-4": Nutrient.MK4,
}
USDA_MEASURED_CODES = {"1", "6", "12", "13"}
USDA_CODE_TEXT = {
    "1": "analytical",
    "4": "calculated or imputed",
    "5": "manufacturer's label claim",
    "6": "aggregated analytical data",
    "7": "assumed zero",
    "8": "calculated from a nutrient label",
    "9": "calculated by the manufacturer",
    "11": "aggregated data of mixed sources",
    "12": "manufacturer's analytical data",
    "13": "analytical data from the literature",
}
CIQUAL_COLUMNS = {
    "energy_kcal": Nutrient.ENERGY,
    "protein_g": Nutrient.PROTEIN,
    "fat_g": Nutrient.FAT,
    "carbohydrate_g": Nutrient.CARB,
    "fibres_g": Nutrient.FIBER,
    "calcium_mg": Nutrient.CALCIUM,
    "vitamin_d_ug": Nutrient.VITAMIN_D,
    "vitamin_k1_ug": Nutrient.K1,
    "vitamin_k2_ug": Nutrient.K2_REPORTED,
}
LIT_FORMS = {
    "mk4": Nutrient.MK4,
    "mk5": Nutrient.MK5,
    "mk6": Nutrient.MK6,
    "mk7": Nutrient.MK7,
    "mk8": Nutrient.MK8,
    "mk9": Nutrient.MK9,
    "mk10": Nutrient.MK10,
    "k1": Nutrient.K1,
    "k2_total": Nutrient.K2_REPORTED,
}
LIT_CELL = {v: f"{k}_ug" for k, v in LIT_FORMS.items()}
CITATIONS = {
    "nevo2021": "RIVM NEVO-online 2021 (Dutch food composition table)",
    "k2viewer": "K2viewer database (Kaesler, RWTH Aachen; compilation)",
    "kamao2007": "Kamao et al. 2007, J Nutr Sci Vitaminol 53:464",
    "examine_kamao2007": "Examine.com quoting Kamao et al. 2007",
    "walther2013": "Walther et al. 2013, Adv Nutr 4:463, Table 2",
    "walther_chollet2017": "Walther & Chollet 2017, IntechOpen, Table 1",
    "jensen2022_crfs": "Jensen et al. 2022, Curr Res Food Sci 5:306, Table 4",
    "jensen2025": "Jensen et al. 2025, Food Chem 464:141651, Table S3",
    "palmer2021": "Palmer et al. 2021, Front Nutr 8:753059, Table 2",
    "tanaka2026": "Tanaka & Tanaka 2026, Food Anal Methods, Table 5",
    "dunlop2022": "Dunlop et al. 2022, Food Chem 397:133772",
    "chollet2017": "Chollet et al. 2017, Int Dairy J 75:1",
    "frieslandcampina": "FrieslandCampina Institute (industry source)",
    "ods_hp": "NIH ODS Vitamin K fact sheet, Table 2",
    "sungur_nes": "Sungur et al., Nat Eng Sci",
}
FORM_LABEL = {
    Nutrient.K1: "K1",
    Nutrient.K2_REPORTED: "K2 total",
    **{n: n.label for n in LIT_FORMS.values() if n.value.startswith("mk")},
}


@dataclass
class SeedFood:
    """A food being assembled for the seed."""

    source_id: str
    name: str
    group: str
    values: dict[Nutrient, tuple[float, str, Tier]] = field(default_factory=dict)
    portions: list[tuple[int, float, str, float]] = field(default_factory=list)
    density: float | None = None
    note: str = ""
    aisle: str | None = None
    k2_range: tuple[float, float] | None = None  # K2 per 100 g across the sources


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a UTF-8 CSV file as dicts."""
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def num(text: str) -> float | None:
    """A number from a cell; empty means unknown (None), never zero."""
    text = text.strip().replace(",", ".")
    return float(text) if text else None


def load_usda() -> dict[str, SeedFood]:
    """All SR28 foods with energy, macros, vitamin K forms (with provenance) and portions."""
    base = SOURCES / "usda_sr28"
    prov = {(r["ndb_no"], r["form"]): r for r in read_csv(base / "vitamin_k_provenance.csv")}
    foods: dict[str, SeedFood] = {}
    for r in read_csv(base / "foods.csv"):
        ndb, name, group = r["ndb_no"], r["description"], r["food_group"]
        food = SeedFood(
            f"usda:{ndb}",
            name,
            group,
            aisle=aisle_for_food(name, group),
        )
        for col, nutrient in USDA_COLUMNS.items():
            value = num(r[col])
            if value is None:
                continue
            food.values[nutrient] = (value, "usda_sr28: USDA SR28", Tier.MEASURED)
        for form, nutrient in USDA_VK_FORMS.items():
            p = prov.get((ndb, form))
            if p is None:
                continue
            code = p["src_cd"]
            text = f"usda_sr28: USDA SR28, {USDA_CODE_TEXT.get(code, 'source code ' + code)}"
            if p["ref_ndb_no"]:
                text += f" from NDB {p['ref_ndb_no']}"
            if p["num_data_pts"] and p["num_data_pts"] not in ("0", "1"):
                text += f" (n={p['num_data_pts']})"
            tier = Tier.MEASURED if code in USDA_MEASURED_CODES else Tier.ESTIMATED
            food.values[nutrient] = (float(p["value_ug"]), text, tier)
        foods[ndb] = food
    for r in read_csv(base / "portions.csv"):
        food = foods[r["ndb_no"]]
        food.portions.append(
            (int(r["seq"]), float(r["amount"]), r["msre_desc"], float(r["gram_weight"]))
        )
    for food in foods.values():
        food.density = density_from_portions(food.portions)
    return foods


_ML = {"cup": 236.588, "fl oz": 29.5735, "tbsp": 14.7868, "tsp": 4.92892}


def density_from_portions(portions: list[tuple[int, float, str, float]]) -> float | None:
    """Grams per mL from a plain volume measure ("cup", "tbsp" …), if the food has one."""
    for unit in _ML:
        for _seq, amount, desc, grams in portions:
            if desc.strip().lower() == unit and amount > 0 and grams > 0:
                return round(grams / (amount * _ML[unit]), 4)
    return None


def load_ciqual() -> dict[str, SeedFood]:
    """All CIQUAL 2025 foods; K2 is a reported total, "traces"/"< x" are noted, not zeroed."""
    foods: dict[str, SeedFood] = {}
    for r in read_csv(SOURCES / "ciqual_2025" / "ciqual_2025_vitk.csv"):
        code, name = r["alim_code"], r["name_en"].strip()
        group = r["subgroup_en"].strip() or r["group_en"].strip() or "miscellaneous"
        food = SeedFood(f"ciqual:{code}", name, group)
        for col, nutrient in CIQUAL_COLUMNS.items():
            value = num(r[col])
            if value is not None:
                food.values[nutrient] = (value, "ciqual_2025: Anses-Ciqual 2025", Tier.MEASURED)
        notes = []
        for col, label in (("vitamin_k1_raw", "K1"), ("vitamin_k2_raw", "K2")):
            raw = r[col].strip()
            if raw and raw != "-" and num(r[col.replace("_raw", "_ug")]) is None:
                notes.append(f"CIQUAL reports vitamin {label} as '{raw}' (not a number; unknown)")
        food.note = "; ".join(notes)
        foods[code] = food
    return foods


def literature_rows() -> dict[tuple[str, str], dict[str, str]]:
    """Literature rows by (source_key, food)."""
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for r in read_csv(SOURCES / "k2_literature" / "k2_foods.csv"):
        rows.setdefault((r["source_key"], r["food"]), r)
    return rows


def lit_tier(row: dict[str, str]) -> Tier:
    """National tables are measured; doubtful or inconsistent rows are estimated."""
    if row["source_key"] == "nevo2021":
        return Tier.MEASURED
    if "ATTRIBUTION DOUBT" in row["note"] or "INCONSISTENT" in row["note"]:
        return Tier.ESTIMATED
    return Tier.LITERATURE


def describe(row: dict[str, str], nutrient: Nutrient) -> str:
    """ "kamao2007 'Natto' MK-7 939" – one alternative value for a source text."""
    value = num(row[LIT_CELL[nutrient]]) if LIT_CELL[nutrient] in row else None
    head = f"{row['source_key']} '{row['food']}'"
    if value is not None:
        return f"{head} {FORM_LABEL[nutrient]} {value:g}"
    total = num(row["k2_total_ug"])
    if total is not None and nutrient is not Nutrient.K1:
        return f"{head} K2 total {total:g}"
    return f"{head} {FORM_LABEL[nutrient]} not reported"


def apply_mapping(usda: dict[str, SeedFood], ciqual: dict[str, SeedFood]) -> list[SeedFood]:
    """Attach literature values to USDA foods or create literature foods; returns new foods."""
    rows = literature_rows()
    new_foods: list[SeedFood] = []
    for m in read_csv(SOURCES / "k2_mapping.csv"):
        row = rows[(m["lit_source"], m["lit_food"])]
        alts = [alternative(a, rows, ciqual) for a in m["alternatives"].split(";") if a]
        kind, key = m["target"].split(":", 1)
        if kind == "usda":
            food = usda[key]
        else:
            food = new_literature_food(m, usda, ciqual)
            new_foods.append(food)
        tier = lit_tier(row)
        cite = CITATIONS.get(row["source_key"], row["source_key"])
        for token in m["forms"].split():
            nutrient = LIT_FORMS[token]
            value = num(row[f"{token}_ug"])
            if value is None:
                raise SystemExit(
                    f"k2_mapping: {m['target']} asks for {token} but "
                    f"{row['source_key']} '{row['food']}' has no value"
                )
            where = row["table_or_page"]
            text = f"{row['source_key']}: {cite}, '{row['food']}'"
            if where and "k2_database.csv" not in where:
                text += f" ({where})"
            if tier is Tier.ESTIMATED:
                text += "; attribution doubtful or inconsistent in the source"
            if nutrient in food.values:
                old = food.values[nutrient]
                text += f"; replaces {old[1].split(':', 1)[0]} value {old[0]:g}"
            others = [describe(a, nutrient) for a in alts]
            if others:
                text += "; other values: " + "; ".join(others)
            food.values[nutrient] = (value, text, tier)
        food.k2_range = k2_range(food, alts)
    return new_foods


_K2_NUTRIENTS = (*MK_FORMS, Nutrient.K2_REPORTED)


def apply_imputation(usda: dict[str, SeedFood]) -> None:
    """Give foods without K2 the values of a measured relative (k2_imputation.csv), tier
    *imputed*, the donor and the rule named in each value's source, and a wider range."""
    for m in read_csv(SOURCES / "k2_imputation.csv"):
        if not m["donor"]:
            continue  # documented as not imputed, with the reason
        food = usda[m["target"].split(":", 1)[1]]
        donor = usda[m["donor"].split(":", 1)[1]]
        if any(n in food.values for n in _K2_NUTRIENTS):
            raise SystemExit(f"k2_imputation: {m['target']} already has a K2 value")
        factor = float(m["factor"])
        text = (
            f"imputed ({m['rule']}) from '{donor.name}' ({donor.source_id}) × {factor:g}: "
            f"{m['rationale']}"
        )
        for nutrient in _K2_NUTRIENTS:
            if nutrient in donor.values:
                food.values[nutrient] = (
                    round(donor.values[nutrient][0] * factor, 4),
                    text,
                    Tier.IMPUTED,
                )
        low_high = donor.k2_range or _point(donor)
        if low_high is not None:  # an imputation is less certain than its donor: ×0.5 … ×2
            food.k2_range = (
                round(low_high[0] * factor * 0.5, 3),
                round(low_high[1] * factor * 2.0, 3),
            )


def _point(food: SeedFood) -> tuple[float, float] | None:
    total = summarise_k2({n: v[0] for n, v in food.values.items()}).total_ug
    return None if total is None else (total, total)


_MK_CELLS = ("mk4_ug", "mk5_ug", "mk6_ug", "mk7_ug", "mk8_ug", "mk9_ug", "mk10_ug")


def row_k2_total(row: dict[str, str]) -> float | None:
    """A source row's K2: the sum of its forms, else its printed total, else None."""
    forms = [v for v in (num(row.get(c, "")) for c in _MK_CELLS) if v is not None]
    return sum(forms) if forms else num(row.get("k2_total_ug", ""))


def alternative(
    ref: str, rows: dict[tuple[str, str], dict[str, str]], ciqual: dict[str, SeedFood]
) -> dict[str, str]:
    """An alternative source row: "source|food" from the literature, or "ciqual:CODE" (its
    reported K2 total) from the national table."""
    if ref.startswith("ciqual:"):
        food = ciqual[ref.split(":", 1)[1]]
        total = food.values.get(Nutrient.K2_REPORTED)
        return {
            "source_key": "ciqual_2025",
            "food": food.name,
            "k2_total_ug": "" if total is None else repr(total[0]),
            "note": "",
        }
    return rows[tuple(ref.split("|", 1))]  # type: ignore[index]


def k2_range(food: SeedFood, alts: list[dict[str, str]]) -> tuple[float, float] | None:
    """Lowest and highest K2 per 100 g across the chosen value and every alternative source."""
    chosen = summarise_k2({n: v[0] for n, v in food.values.items()}).total_ug
    totals = [t for t in [chosen, *(row_k2_total(a) for a in alts)] if t is not None]
    if len(totals) < 2 or max(totals) - min(totals) < 0.05:
        return None
    return round(min(totals), 3), round(max(totals), 3)


def new_literature_food(
    m: dict[str, str], usda: dict[str, SeedFood], ciqual: dict[str, SeedFood]
) -> SeedFood:
    """A food of its own for a literature row, with energy/macros borrowed from a donor food."""
    donor_kind, donor_key = m["macros_from"].split(":", 1)
    donor = usda[donor_key] if donor_kind == "usda" else ciqual[donor_key]
    food = SeedFood(m["target"], m["name"], m["group"])
    for nutrient in (
        Nutrient.ENERGY,
        Nutrient.PROTEIN,
        Nutrient.FAT,
        Nutrient.CARB,
        Nutrient.FIBER,
        Nutrient.CALCIUM,
    ):
        if nutrient in donor.values:
            value, source, _tier = donor.values[nutrient]
            text = f"{source.split(':', 1)[0]}: value of '{donor.name}' ({donor.source_id})"
            food.values[nutrient] = (value, text, Tier.ESTIMATED)
    food.portions = list(donor.portions)
    for i, spec in enumerate(filter(None, m["portions"].split(";")), start=1):
        measure, grams = spec.rsplit("=", 1)
        amount, unit = measure.split(" ", 1)
        food.portions.append((100 + i, float(amount), unit, float(grams)))
    food.density = donor.density
    food.note = m["rationale"]
    return food


def build() -> bytes:
    """The seed as deterministic gzip-compressed JSON."""
    usda = load_usda()
    ciqual = load_ciqual()
    literature = apply_mapping(usda, ciqual)
    apply_imputation(usda)
    foods = (
        [usda[k] for k in sorted(usda)]
        + [ciqual[k] for k in sorted(ciqual, key=int)]
        + sorted(literature, key=lambda f: f.source_id)
    )
    book = rule_book()
    groups = sorted({f.group for f in foods})
    group_idx = {g: i for i, g in enumerate(groups)}
    sources: dict[str, int] = {}
    tiers = [t.value for t in Tier]
    food_rows, value_rows, portion_rows = [], [], []
    for i, f in enumerate(foods):
        aisle = default_aisles().index(f.aisle) if f.aisle else None
        flags = derive_flags(f.name, f.group, f.source_id, book)
        food_rows.append(
            [
                f.source_id,
                f.name,
                group_idx[f.group],
                aisle,
                flags.contains.value,
                flags.may_contain.value,
                flags.stored_reasons(),
                f.density,
                f.note,
                list(f.k2_range) if f.k2_range else None,
            ]
        )
        for nutrient in sorted(f.values, key=lambda n: list(Nutrient).index(n)):
            value, source, tier = f.values[nutrient]
            sidx = sources.setdefault(source, len(sources))
            value_rows.append([i, nutrient.value, value, sidx, tiers.index(tier.value)])
        for seq, amount, unit, grams in sorted(f.portions):
            portion_rows.append([i, seq, amount, unit, grams])
    seed = {
        "format": SEED_FORMAT,
        "diet_rules_sha256": book.digest,
        "tiers": tiers,
        "aisles": list(default_aisles()),
        "groups": [[g, default_aisles().index(aisle_for_group(g))] for g in groups],
        "sources": list(sources),
        "foods": food_rows,
        "values": value_rows,
        "portions": portion_rows,
    }
    raw = json.dumps(seed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="", compresslevel=9) as gz:
        gz.write(raw)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write the seed file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    data = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
