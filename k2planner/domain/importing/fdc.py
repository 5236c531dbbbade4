"""USDA FoodData Central downloads: the CSV set (folder or zip) and the JSON export.

Nutrients are matched by their SR nutrient number (``nutrient_nbr`` / ``nutrient.number``),
with the unit FDC states checked and converted: 430 phylloquinone (K1), 429
dihydrophylloquinone, 428 menaquinone-4, 208 energy (or the Atwater energies 957/958 of
Foundation foods), 203 protein, 204 fat, 205 carbohydrate, 291 fibre, 301 calcium, 328
vitamin D. FoodData Central values are per 100 g.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from k2planner.domain.food_input import Severity, check_totals, check_value, convert
from k2planner.domain.foods import Portion
from k2planner.domain.importing.records import (
    FileFormat,
    FoodRecord,
    Issue,
    ParsedFile,
    parse_json_bytes,
)
from k2planner.domain.importing.text import decode
from k2planner.domain.nutrients import Nutrient

BY_NUMBER: dict[str, Nutrient] = {
    "208": Nutrient.ENERGY,
    "957": Nutrient.ENERGY,
    "958": Nutrient.ENERGY,
    "203": Nutrient.PROTEIN,
    "204": Nutrient.FAT,
    "205": Nutrient.CARB,
    "291": Nutrient.FIBER,
    "301": Nutrient.CALCIUM,
    "328": Nutrient.VITAMIN_D,
    "430": Nutrient.K1,
    "429": Nutrient.DK1,
    "428": Nutrient.MK4,
}
PREFERRED_ENERGY = ("208", "958", "957")
FDC_UNITS = {"UG": "µg", "µG": "µg", "MG": "mg", "G": "g", "KCAL": "kcal", "KJ": "kj"}
REQUIRED = ("food.csv", "nutrient.csv", "food_nutrient.csv")


def _number(nbr: Any) -> str:
    text = str(nbr).strip()
    return text[:-2] if text.endswith(".0") else text


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(decode(data).text)))


def _record(
    label: str,
    row: int,
    fdc_id: str,
    name: str,
    group: str,
    amounts: list[tuple[str, str, float]],  # (nutrient number, unit, amount)
    portions: list[Portion],
    ndb: str | None,
    issues: list[Issue],
) -> FoodRecord | None:
    values: dict[Nutrient, float] = {}
    energy = {
        nbr: (unit, amount)
        for nbr, unit, amount in amounts
        if BY_NUMBER.get(nbr) is Nutrient.ENERGY
    }
    bad = False
    for nbr, unit, amount in amounts:
        nutrient = BY_NUMBER.get(nbr)
        if nutrient is None:
            continue
        if nutrient is Nutrient.ENERGY:
            best = next(
                (e for e in PREFERRED_ENERGY if e in energy and energy[e][0].upper() == "KCAL"),
                None,
            )
            if best is None or nbr != best:
                continue
        column = f"nutrient {nbr}"
        if amount < 0 or amount != amount:
            issues.append(Issue(label, row, column, str(amount), "cannot be negative or NaN"))
            bad = True
            continue
        try:
            value = convert(amount, FDC_UNITS.get(unit.upper(), unit), nutrient)
        except ValueError as exc:
            issues.append(Issue(label, row, column, f"{amount} {unit}", str(exc)))
            bad = True
            continue
        for p in check_value(nutrient, value, column, f"{amount} {unit}"):
            issues.append(
                Issue(
                    label,
                    row,
                    column,
                    f"{amount} {unit}",
                    p.message,
                    p.severity,
                    p.suggestion,
                    nutrient,
                )
            )
            bad = bad or p.severity is Severity.ERROR
        values[nutrient] = value
    for p in check_totals(values):
        issues.append(Issue(label, row, p.field, p.value, p.message, p.severity))
        bad = bad or p.severity is Severity.ERROR
    if bad:
        return None
    aka = (f"usda:{int(ndb):05d}",) if ndb and ndb.strip().isdigit() else ()
    return FoodRecord(
        row=row,
        name=name.strip(),
        source_id=f"fdc:{fdc_id}",
        group=group or "FoodData Central",
        values=values,
        portions=tuple(portions),
        origin=f"FoodData Central fdc_id {fdc_id}",
        also_known_as=aka,
    )


SAMPLING_TYPES = frozenset(
    {"sample_food", "sub_sample_food", "market_acquisition", "agricultural_acquisition"}
)
"""FoodData Central data types that record how a Foundation food was sampled and analysed."""


def parse_fdc_csv(files: Mapping[str, bytes], label: str) -> ParsedFile:
    """Read a FoodData Central CSV download (the files of its folder or zip, by base name)."""
    names = {k.rsplit("/", 1)[-1].lower(): v for k, v in files.items()}
    missing = [f for f in REQUIRED if f not in names]
    if missing:
        return ParsedFile(
            label,
            FileFormat.FDC,
            (),
            (),
            (
                Issue(
                    label,
                    0,
                    "",
                    "",
                    "is missing " + ", ".join(missing) + " (a FoodData Central CSV "
                    "download needs food.csv, nutrient.csv and food_nutrient.csv)",
                ),
            ),
        )
    nutrients = {
        r["id"]: (_number(r.get("nutrient_nbr", "")), r.get("unit_name", ""))
        for r in _csv(names["nutrient.csv"])
    }
    categories = (
        {r["id"]: r.get("description", "") for r in _csv(names.get("food_category.csv", b""))}
        if ("food_category.csv" in names)
        else {}
    )
    units = (
        {r["id"]: r.get("name", "") for r in _csv(names["measure_unit.csv"])}
        if ("measure_unit.csv" in names)
        else {}
    )
    ndbs = (
        {r["fdc_id"]: r.get("NDB_number", "") for r in _csv(names["sr_legacy_food.csv"])}
        if ("sr_legacy_food.csv" in names)
        else {}
    )
    amounts: dict[str, list[tuple[str, str, float]]] = {}
    issues: list[Issue] = []
    for i, r in enumerate(_csv(names["food_nutrient.csv"]), start=2):
        nbr, unit = nutrients.get(r.get("nutrient_id", ""), ("", ""))
        if nbr not in BY_NUMBER:
            continue
        try:
            amount = float(r.get("amount", ""))
        except ValueError:
            issues.append(
                Issue(
                    f"{label}/food_nutrient.csv",
                    i,
                    "amount",
                    r.get("amount", ""),
                    "is not a number",
                )
            )
            continue
        amounts.setdefault(r.get("fdc_id", ""), []).append((nbr, unit, amount))
    portions: dict[str, list[Portion]] = {}
    if "food_portion.csv" in names:
        for r in _csv(names["food_portion.csv"]):
            try:
                grams = float(r.get("gram_weight", "") or 0)
                amount = float(r.get("amount", "") or 1)
            except ValueError:
                continue
            unit = (
                r.get("portion_description")
                or r.get("modifier")
                or units.get(r.get("measure_unit_id", ""), "")
            ).strip()
            if grams > 0 and unit and unit.lower() != "undetermined":
                portions.setdefault(r.get("fdc_id", ""), []).append(Portion(amount, unit, grams))
    foods = []
    rows = _csv(names["food.csv"])
    sampling = 0
    for i, r in enumerate(rows, start=2):
        fdc_id = r.get("fdc_id", "").strip()
        name = r.get("description", "").strip()
        if r.get("data_type", "").strip() in SAMPLING_TYPES:
            sampling += 1  # the lab samples behind a Foundation food, not foods to eat
            continue
        if not fdc_id or not name:
            issues.append(Issue(f"{label}/food.csv", i, "description", name, "has no id or name"))
            continue
        rec = _record(
            f"{label}/food.csv",
            i,
            fdc_id,
            name,
            categories.get(r.get("food_category_id", ""), ""),
            amounts.get(fdc_id, []),
            portions.get(fdc_id, []),
            ndbs.get(fdc_id),
            issues,
        )
        if rec is not None:
            foods.append(rec)
    return ParsedFile(
        label,
        FileFormat.FDC,
        tuple(foods),
        (),
        tuple(issues),
        len(rows),
        (
            "FoodData Central CSV download",
            *(
                [
                    f"{sampling} sampling records (lab samples and acquisitions behind the "
                    "foods) were left out"
                ]
                if sampling
                else []
            ),
        ),
    )


def _foods_of_json(doc: Any) -> list[dict[str, Any]]:
    if isinstance(doc, list):
        return [d for d in doc if isinstance(d, dict)]
    if isinstance(doc, dict):
        if "fdcId" in doc:
            return [doc]
        out: list[dict[str, Any]] = []
        for key, value in doc.items():
            if (key.endswith("Foods") or key == "foods") and isinstance(value, list):
                out.extend(d for d in value if isinstance(d, dict))
        return out
    return []


def looks_like_fdc_json(doc: Any) -> bool:
    """True for a FoodData Central JSON document."""
    foods = _foods_of_json(doc)
    return bool(foods) and all("fdcId" in f for f in foods[:5])


def parse_fdc_json(data: bytes, label: str) -> ParsedFile:
    """Read a FoodData Central JSON export (Foundation, SR Legacy, Survey or Branded)."""
    return parse_json_bytes(data, label, FileFormat.FDC, parse_fdc_doc)


def parse_fdc_doc(doc: Any, label: str) -> ParsedFile:
    """Read the decoded document of a FoodData Central JSON export or API answer."""
    issues: list[Issue] = []
    foods = []
    items = _foods_of_json(doc)
    for i, f in enumerate(items, start=1):
        try:
            rec = _json_food(f, i, label, issues)
        except (AttributeError, TypeError, ValueError, KeyError) as exc:
            issues.append(Issue(label, i, "", str(f)[:60], f"is not a valid food ({exc})"))
            continue
        if rec is not None:
            foods.append(rec)
    if not items:
        issues.append(Issue(label, 0, "", "", "holds no FoodData Central foods"))
    return ParsedFile(
        label,
        FileFormat.FDC,
        tuple(foods),
        (),
        tuple(issues),
        len(items),
        ("FoodData Central JSON",),
    )


def _json_food(f: dict[str, Any], i: int, label: str, issues: list[Issue]) -> FoodRecord | None:
    """One food of a FoodData Central JSON document (None: rejected, see ``issues``)."""
    fdc_id = str(f.get("fdcId", "")).strip()
    name = str(f.get("description", "")).strip()
    if not fdc_id or not name:
        issues.append(Issue(label, i, "description", name, "has no fdcId or description"))
        return None
    cat = f.get("foodCategory")
    group = (cat.get("description", "") if isinstance(cat, dict) else str(cat or "")) or str(
        f.get("brandedFoodCategory", "")
    )
    amounts = []
    for fn in f.get("foodNutrients", []) or []:
        nut = fn.get("nutrient") or {}
        # full format: nutrient.number; search results: nutrientNumber; abridged: number
        nbr = _number(nut.get("number") or fn.get("nutrientNumber") or fn.get("number") or "")
        unit = str(nut.get("unitName") or fn.get("unitName") or "")
        amount = fn.get("amount", fn.get("value"))
        if nbr in BY_NUMBER and isinstance(amount, (int, float)):
            amounts.append((nbr, unit, float(amount)))
    portions = []
    for p in f.get("foodPortions", []) or []:
        unit = str(
            p.get("portionDescription")
            or p.get("modifier")
            or (p.get("measureUnit") or {}).get("name", "")
        ).strip()
        grams = p.get("gramWeight")
        if isinstance(grams, (int, float)) and grams > 0 and unit:
            portions.append(Portion(float(p.get("amount") or 1), unit, float(grams)))
    brand = f.get("brandOwner") or f.get("brandName")
    if brand:
        name = f"{name} ({brand})"
    ndb = f.get("ndbNumber")
    return _record(
        label,
        i,
        fdc_id,
        name,
        group,
        amounts,
        portions,
        str(ndb) if ndb is not None else None,
        issues,
    )
