"""Open Food Facts product JSON (API or export) and its CSV export.

Open Food Facts stores every ``*_100g`` nutrient in **grams** (energy: kJ, with
``energy-kcal_100g`` in kcal), so vitamin K, vitamin D and calcium are converted to µg/mg.
Open Food Facts does not say which form of vitamin K a label gives, so the value is stored as
"vitamin K, form not stated": it is not counted as K1 or K2. A vitamin K "gram" value that is
impossible (more than 1 g per 100 g) is almost always a label's µg typed into the gram field:
the importer asks, showing the value read as µg.
"""

from __future__ import annotations

from typing import Any

from k2planner.domain.food_input import Severity, check_totals, check_value
from k2planner.domain.importing.allergens import off_flags
from k2planner.domain.importing.csv_foods import parse_csv
from k2planner.domain.importing.mapping import ColumnMap
from k2planner.domain.importing.records import (
    FileFormat,
    FoodRecord,
    Issue,
    ParsedFile,
    parse_json_bytes,
)
from k2planner.domain.importing.text import NotANumber, parse_number
from k2planner.domain.nutrients import Nutrient

# OFF nutriment key → (nutrient, factor from OFF's unit to ours)
NUTRIMENTS: dict[str, tuple[Nutrient, float]] = {
    "energy-kcal_100g": (Nutrient.ENERGY, 1.0),
    "proteins_100g": (Nutrient.PROTEIN, 1.0),
    "fat_100g": (Nutrient.FAT, 1.0),
    "carbohydrates_100g": (Nutrient.CARB, 1.0),
    "fiber_100g": (Nutrient.FIBER, 1.0),
    "calcium_100g": (Nutrient.CALCIUM, 1_000.0),
    "vitamin-d_100g": (Nutrient.VITAMIN_D, 1_000_000.0),
    "vitamin-k_100g": (Nutrient.VK_TOTAL, 1_000_000.0),
    "phylloquinone_100g": (Nutrient.K1, 1_000_000.0),
}
NOTE = "Open Food Facts does not say which form of vitamin K the label gives."


def _products(doc: Any) -> list[dict[str, Any]]:
    if isinstance(doc, list):
        return [p for p in doc if isinstance(p, dict)]
    if isinstance(doc, dict):
        if isinstance(doc.get("product"), dict):
            return [doc["product"]]
        if isinstance(doc.get("products"), list):
            return [p for p in doc["products"] if isinstance(p, dict)]
        if "nutriments" in doc or "code" in doc:
            return [doc]
    return []


def looks_like_off_json(doc: Any) -> bool:
    """True for Open Food Facts product JSON."""
    products = _products(doc)
    return bool(products) and any("nutriments" in p for p in products[:5])


def _name(p: dict[str, Any]) -> str:
    name = str(
        p.get("product_name")
        or p.get("product_name_en")
        or p.get("generic_name")
        or p.get("abbreviated_product_name")
        or ""
    ).strip()
    brands = str(p.get("brands") or "").split(",")[0].strip()
    if name and brands and brands.lower() not in name.lower():
        name = f"{name} ({brands})"
    return name or brands


def _group(p: dict[str, Any]) -> str:
    cats = str(p.get("categories") or "").split(",")
    return cats[-1].strip() if cats and cats[-1].strip() else "Open Food Facts"


def parse_off_json(data: bytes, label: str) -> ParsedFile:
    """Read Open Food Facts product JSON."""
    return parse_json_bytes(data, label, FileFormat.OFF, parse_off_doc)


def parse_off_doc(doc: Any, label: str) -> ParsedFile:
    """Read a decoded Open Food Facts document (a product, an API answer or a list)."""
    products = _products(doc)
    issues: list[Issue] = []
    foods = []
    for i, p in enumerate(products, start=1):
        try:
            record = _product(p, i, label, issues)
        except (AttributeError, TypeError, ValueError, KeyError) as exc:
            issues.append(Issue(label, i, "", str(p)[:60], f"is not a valid product ({exc})"))
            continue
        if record is not None:
            foods.append(record)
    if not products:
        issues.append(Issue(label, 0, "", "", "holds no Open Food Facts products"))
    return ParsedFile(
        label,
        FileFormat.OFF,
        tuple(foods),
        (),
        tuple(issues),
        len(products),
        ("Open Food Facts JSON",),
    )


def _product(p: dict[str, Any], i: int, label: str, issues: list[Issue]) -> FoodRecord | None:
    """One product, or None when it is rejected (the reasons go to ``issues``)."""
    code = str(p.get("code") or p.get("_id") or "").strip()
    name = _name(p)
    if not name:
        issues.append(Issue(label, i, "product_name", code, "has no product name"))
        return None
    nutriments = p.get("nutriments") or {}
    if not isinstance(nutriments, dict):
        raise TypeError("nutriments is not an object")
    values: dict[Nutrient, float] = {}
    bad = False
    kj = nutriments.get("energy_100g")
    for key, (nutrient, factor) in NUTRIMENTS.items():
        raw = nutriments.get(key)
        if raw is None and key == "energy-kcal_100g" and kj is not None:
            raw, factor = kj, 1 / 4.184
        if raw is None or raw == "":
            continue
        try:
            number = raw if isinstance(raw, (int, float)) else parse_number(str(raw))
        except NotANumber as exc:
            issues.append(Issue(label, i, key, str(raw), str(exc)))
            bad = True
            continue
        if number is None:
            continue
        value = float(number) * factor
        found = check_value(nutrient, value, key, str(raw))
        if found and nutrient in (Nutrient.VK_TOTAL, Nutrient.K1) and float(number) > 1.0:
            found = [
                f.__class__(
                    f.field,
                    f.value,
                    f"{raw} g of vitamin K per 100 g is impossible; the label's "
                    f"value was probably typed in µg. Read as µg it is "
                    f"{float(number):g} µg per 100 g.",
                    Severity.QUESTION,
                    float(number),
                )
                for f in found
            ]
        for f in found:
            issues.append(
                Issue(label, i, key, str(raw), f.message, f.severity, f.suggestion, nutrient)
            )
            bad = bad or f.severity is Severity.ERROR
        if not any(f.severity is Severity.ERROR for f in found):
            values[nutrient] = value
    for t in check_totals(values):
        issues.append(Issue(label, i, t.field, t.value, t.message, t.severity))
        bad = bad or t.severity is Severity.ERROR
    if bad:
        return None
    note = NOTE if Nutrient.VK_TOTAL in values else ""
    return FoodRecord(
        row=i,
        name=name,
        source_id=f"off:{code}" if code else None,
        group=_group(p),
        values=values,
        note=note,
        origin=f"Open Food Facts {code}".strip(),
        **off_flags(p),
    )


def is_off_csv(header: list[str]) -> bool:
    """True for an Open Food Facts CSV export."""
    h = {c.strip().lower() for c in header}
    return "code" in h and "product_name" in h and any(c.endswith("_100g") for c in h)


def parse_off_csv(
    data: bytes, rows: list[list[str]], label: str, notes: list[str] | None = None
) -> ParsedFile:
    """Read an Open Food Facts CSV export (tab-separated, grams per 100 g)."""
    header = [c.strip().lower() for c in rows[0]]
    cols: list[ColumnMap] = []
    wanted = {
        "code": "source_id",
        "product_name": "name",
        "brands": "brand",
        "categories": "group",
        "allergens": "contains",
        "traces": "may_contain",
    }
    for i, h in enumerate(header):
        if h in wanted:
            cols.append(ColumnMap(i, rows[0][i], wanted[h]))
        elif h in NUTRIMENTS:
            nutrient, _factor = NUTRIMENTS[h]
            cols.append(
                ColumnMap(
                    i, rows[0][i], nutrient.value, "kcal" if h.startswith("energy-kcal") else "g"
                )
            )
    parsed = parse_csv(
        data,
        label,
        cols,
        id_prefix="off:",
        origin="Open Food Facts",
        table=None if notes is None else (rows, notes),
    )
    foods = tuple(
        FoodRecord(
            **{
                **_fields(f),
                "group": f.group.split(",")[-1].strip() or "Open Food Facts",
                "note": NOTE if Nutrient.VK_TOTAL in f.values else f.note,
                "origin": f"Open Food Facts {(f.source_id or '').removeprefix('off:')}",
            }
        )
        for f in parsed.foods
    )
    return ParsedFile(
        label,
        FileFormat.OFF,
        foods,
        (),
        parsed.issues,
        parsed.rows,
        (*parsed.notes, "Open Food Facts CSV"),
    )


def _fields(f: FoodRecord) -> dict[str, Any]:
    return {k: getattr(f, k) for k in FoodRecord.__dataclass_fields__}
