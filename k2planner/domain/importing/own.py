"""Our own export formats (JSON; CSV for foods and for meals), written and read losslessly.

Every value keeps its source and tier; foods are identified by source id and meals by key, so
an export imported into another database and exported again gives identical files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from k2planner.domain.csv_safety import neutralise_row, restore
from k2planner.domain.diet import Contains
from k2planner.domain.food_input import Severity, check_value
from k2planner.domain.foods import Portion
from k2planner.domain.importing.records import (
    FileFormat,
    FoodRecord,
    Issue,
    MealRecord,
    ParsedFile,
    parse_json_bytes,
)
from k2planner.domain.meals import parse_slots
from k2planner.domain.nutrients import Nutrient, Tier

FORMAT_NAME = "k2planner-export"
FORMAT_VERSION = 2  # 2: foods carry may_contain and flag_reasons
FOOD_COLUMNS_V1 = [
    "source_id",
    "name",
    "group",
    "contains",
    "flags_user_set",
    "density_g_per_ml",
    "tags",
    "note",
    "is_user",
    "portions",
]
FOOD_COLUMNS = [*FOOD_COLUMNS_V1, "may_contain", "flag_reasons"]
MEAL_COLUMNS = [
    "meal_key",
    "meal_name",
    "slots",
    "cuisine",
    "tags",
    "description",
    "is_user",
    "food_source_id",
    "grams",
    "note",
]


def _num(x: float | None) -> str:
    return "" if x is None else repr(float(x))


def food_to_dict(f: FoodRecord) -> dict[str, Any]:
    """One food for the JSON export."""
    return {
        "source_id": f.source_id,
        "name": f.name,
        "group": f.group,
        "contains": (f.contains or Contains.NONE).names(),
        "may_contain": f.may_contain.names(),
        "flag_reasons": dict(f.flag_reasons),
        "flags_user_set": f.flags_user_set,
        "density_g_per_ml": f.density,
        "tags": f.tags,
        "note": f.note,
        "is_user": f.is_user,
        "values": {
            n.value: {
                "value": f.values[n],
                "source": f.sources.get(n, ""),
                "tier": f.tiers.get(n, Tier.USER).value,
            }
            for n in sorted(f.values, key=lambda n: n.value)
        },
        "portions": [{"amount": p.amount, "unit": p.unit, "grams": p.grams} for p in f.portions],
    }


def meal_to_dict(m: MealRecord) -> dict[str, Any]:
    """One meal for the JSON export."""
    return {
        "key": m.key,
        "name": m.name,
        "slots": list(m.slots),
        "cuisine": m.cuisine,
        "tags": list(m.tags),
        "description": m.description,
        "is_user": m.is_user,
        "ingredients": [{"food_source_id": s, "grams": g, "note": n} for s, g, n in m.ingredients],
    }


def to_json(foods: Iterable[FoodRecord], meals: Iterable[MealRecord]) -> str:
    """The JSON export (sorted, so equal content gives equal files)."""
    data = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "foods": [food_to_dict(f) for f in sorted(foods, key=lambda f: f.source_id or "")],
        "meals": [meal_to_dict(m) for m in sorted(meals, key=lambda m: m.key)],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def parse_json(data: bytes, label: str) -> ParsedFile:
    """Read our JSON export (foods and meals)."""
    return parse_json_bytes(data, label, FileFormat.OWN_JSON, parse_doc)


def parse_doc(doc: Any, label: str) -> ParsedFile:
    """Read the decoded document of our JSON export."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        return ParsedFile.failed(label, FileFormat.OWN_JSON, "is not a K2 Planner export")
    version = doc.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        return ParsedFile.failed(
            label, FileFormat.OWN_JSON, "has no valid format version", str(version)[:20]
        )
    if version > FORMAT_VERSION:
        return ParsedFile.failed(
            label,
            FileFormat.OWN_JSON,
            "was written by a newer K2 Planner; update the app to import it",
            f"version {version}",
        )
    for key in ("foods", "meals"):
        if not isinstance(doc.get(key, []), list):
            return ParsedFile.failed(
                label, FileFormat.OWN_JSON, f"has '{key}' that is not a list", str(doc[key])[:40]
            )
    issues: list[Issue] = []
    foods = []
    for i, item in enumerate(doc.get("foods", []), start=1):
        try:
            foods.append(_food_from_dict(item, i))
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            issues.append(Issue(label, i, "foods", str(item)[:60], f"is not a valid food ({exc})"))
    meals = []
    for i, item in enumerate(doc.get("meals", []), start=1):
        try:
            meals.append(_meal_from_dict(item, 100000 + i))
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            issues.append(
                Issue(label, 100000 + i, "meals", str(item)[:60], f"is not a valid meal ({exc})")
            )
    return ParsedFile(
        label,
        FileFormat.OWN_JSON,
        tuple(foods),
        tuple(meals),
        tuple(issues),
        len(foods) + len(meals),
        keeps_provenance=True,
    )


def _food_from_dict(item: dict[str, Any], row: int) -> FoodRecord:
    values, sources, tiers = {}, {}, {}
    for code, v in (item.get("values") or {}).items():
        n = Nutrient(code)
        values[n] = checked_value(n, v["value"])
        sources[n] = str(v.get("source", ""))
        tiers[n] = Tier(v.get("tier", "user"))
    name = str(item["name"]).strip()
    if not name:
        raise ValueError("empty name")
    return FoodRecord(
        row=row,
        name=name,
        source_id=item.get("source_id") or None,
        group=str(item.get("group") or "Imported foods"),
        values=values,
        sources=sources,
        tiers=tiers,
        **_flags(
            item.get("contains", []),
            item.get("may_contain"),
            item.get("flag_reasons"),
            bool(item.get("flags_user_set", False)),
        ),
        portions=tuple(
            Portion(float(p["amount"]), str(p["unit"]), float(p["grams"]))
            for p in item.get("portions", [])
        ),
        density=None if item.get("density_g_per_ml") is None else float(item["density_g_per_ml"]),
        note=str(item.get("note", "")),
        tags=str(item.get("tags", "")),
        is_user=bool(item.get("is_user", True)),
    )


def checked_value(nutrient: Nutrient, raw: object) -> float:
    """A stored value read back: the same checks as every import (finite, not negative, at
    most 100 g of a macronutrient per 100 g, no impossible vitamin K). A value that is only
    unusual (dried basil's K1) was accepted once and is kept. Raises ValueError naming it."""
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{nutrient.value} = {raw!r} is not a number") from None
    errors = [
        p
        for p in check_value(nutrient, value, nutrient.value, str(raw))
        if p.severity is Severity.ERROR
    ]
    if errors:
        raise ValueError(f"{nutrient.value} = {raw!r} {errors[0].message}")
    return value


def _flags(
    contains: Iterable[str], may: Iterable[str] | None, reasons: Any, user_set: bool
) -> dict[str, Any]:
    """FoodRecord fields for the flags of an export: exact in version 2; in version 1 (no
    "may contain") only flags the user set are kept, the others are derived again."""
    if may is None:
        return {
            "contains": Contains.from_names(contains) if user_set else None,
            "flags_user_set": user_set,
        }
    reasons = {} if reasons is None else reasons
    if not isinstance(reasons, dict):
        raise ValueError("flag_reasons is not an object")
    return {
        "contains": Contains.from_names(contains),
        "may_contain": Contains.from_names(may),
        "flag_reasons": tuple(sorted((str(k), str(v)) for k, v in reasons.items())),
        "flags_user_set": user_set,
        "flags_exact": True,
    }


def _meal_from_dict(item: dict[str, Any], row: int) -> MealRecord:
    slots = tuple(s.value for s in parse_slots(item["slots"]))
    ingredients = tuple(
        (str(i["food_source_id"]), float(i["grams"]), str(i.get("note", "")))
        for i in item["ingredients"]
    )
    if not slots or not ingredients or any(not 0 < g <= 2000 for _s, g, _n in ingredients):
        raise ValueError("needs slots and ingredients of 0–2,000 g")
    return MealRecord(
        row,
        str(item["key"]),
        str(item["name"]),
        slots,
        ingredients,
        str(item.get("cuisine", "")),
        tuple(item.get("tags", [])),
        str(item.get("description", "")),
        bool(item.get("is_user", True)),
    )


def foods_to_csv(foods: Iterable[FoodRecord]) -> str:
    """Foods as CSV: one column per nutrient (stored unit in its name) with source and tier."""
    nutrients = [n for n in Nutrient]
    header = list(FOOD_COLUMNS)
    for n in nutrients:
        header += [n.value, f"{n.value} source", f"{n.value} tier"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(neutralise_row(header))
    for f in sorted(foods, key=lambda f: f.source_id or ""):
        portions = "; ".join(f"{p.amount!r} {p.unit} = {p.grams!r}" for p in f.portions)
        row = [
            f.source_id or "",
            f.name,
            f.group,
            ",".join((f.contains or Contains.NONE).names()),
            int(f.flags_user_set),
            _num(f.density),
            f.tags,
            f.note,
            int(f.is_user),
            portions,
            ",".join(f.may_contain.names()),
            json.dumps(dict(f.flag_reasons), ensure_ascii=False, sort_keys=True),
        ]
        for n in nutrients:
            if n in f.values:
                row += [_num(f.values[n]), f.sources.get(n, ""), f.tiers.get(n, Tier.USER).value]
            else:
                row += ["", "", ""]
        w.writerow(neutralise_row(row))
    return buf.getvalue()


def is_own_foods_csv(header: Sequence[str]) -> bool:
    """True for a CSV written by ``foods_to_csv`` (any format version)."""
    return list(header[: len(FOOD_COLUMNS_V1)]) == FOOD_COLUMNS_V1


def is_own_meals_csv(header: Sequence[str]) -> bool:
    """True for a CSV written by ``meals_to_csv``."""
    return list(header) == MEAL_COLUMNS


def parse_foods_csv(rows: list[list[str]], label: str) -> ParsedFile:
    """Read ``foods_to_csv`` output back."""
    header, body = rows[0], rows[1:]
    index = {h: i for i, h in enumerate(header)}
    foods, issues = [], []
    for r, row in enumerate(body, start=2):
        try:
            cell = {h: restore(row[i]) if i < len(row) else "" for h, i in index.items()}
            values, sources, tiers = {}, {}, {}
            for n in Nutrient:
                raw = cell.get(n.value, "")
                if raw == "":
                    continue
                values[n] = checked_value(n, raw)
                sources[n] = cell.get(f"{n.value} source", "")
                tiers[n] = Tier(cell.get(f"{n.value} tier") or "user")
            portions = []
            for part in filter(None, (p.strip() for p in cell["portions"].split(";"))):
                left, grams = part.rsplit(" = ", 1)
                amount, unit = left.split(" ", 1)
                portions.append(Portion(float(amount), unit, float(grams)))
            if not cell["name"].strip():
                raise ValueError("empty name")
            foods.append(
                FoodRecord(
                    row=r,
                    name=cell["name"],
                    source_id=cell["source_id"] or None,
                    group=cell["group"] or "Imported foods",
                    values=values,
                    sources=sources,
                    tiers=tiers,
                    **_flags(
                        cell["contains"].split(","),
                        cell["may_contain"].split(",") if "may_contain" in index else None,
                        json.loads(cell["flag_reasons"] or "{}")
                        if "flag_reasons" in index
                        else None,
                        cell["flags_user_set"] == "1",
                    ),
                    portions=tuple(portions),
                    density=float(cell["density_g_per_ml"]) if cell["density_g_per_ml"] else None,
                    note=cell["note"],
                    tags=cell["tags"],
                    is_user=cell["is_user"] != "0",
                )
            )
        except (KeyError, ValueError) as exc:
            issues.append(Issue(label, r, "", "", f"is not a valid exported food ({exc})"))
    return ParsedFile(
        label,
        FileFormat.CSV,
        tuple(foods),
        (),
        tuple(issues),
        len(body),
        ("K2 Planner food export",),
        keeps_provenance=True,
    )


def meals_to_csv(meals: Iterable[MealRecord]) -> str:
    """Meals as CSV, one row per ingredient."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(neutralise_row(MEAL_COLUMNS))
    for m in sorted(meals, key=lambda m: m.key):
        for src, grams, note in m.ingredients:
            w.writerow(
                neutralise_row(
                    [
                        m.key,
                        m.name,
                        ",".join(m.slots),
                        m.cuisine,
                        ",".join(m.tags),
                        m.description,
                        int(m.is_user),
                        src,
                        repr(float(grams)),
                        note,
                    ]
                )
            )
    return buf.getvalue()


def parse_meals_csv(rows: list[list[str]], label: str) -> ParsedFile:
    """Read ``meals_to_csv`` output back."""
    groups: dict[str, list[tuple[int, list[str]]]] = {}
    for r, raw in enumerate(rows[1:], start=2):
        row = [restore(c) for c in raw]
        groups.setdefault(row[0] if row else "", []).append((r, row))
    meals, issues = [], []
    for key, items in groups.items():
        first_row, first = items[0]
        try:
            if not key:
                raise ValueError("no meal key")
            ingredients = tuple((row[7], float(row[8]), row[9]) for _r, row in items)
            slots = tuple(s.value for s in parse_slots(first[2]))
            meals.append(
                MealRecord(
                    first_row,
                    key,
                    first[1],
                    slots,
                    ingredients,
                    first[3],
                    tuple(t for t in first[4].split(",") if t),
                    first[5],
                    first[6] != "0",
                )
            )
        except (IndexError, ValueError) as exc:
            issues.append(Issue(label, first_row, "", key, f"is not a valid exported meal ({exc})"))
    return ParsedFile(
        label,
        FileFormat.CSV,
        (),
        tuple(meals),
        tuple(issues),
        len(rows) - 1,
        ("K2 Planner meal export",),
        keeps_provenance=True,
    )
