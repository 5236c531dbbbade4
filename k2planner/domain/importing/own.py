"""Our own export formats, written and read losslessly: the JSON here, the CSVs in ``own_csv``.

Every value keeps its source and tier; foods are identified by source id and meals by key, so
an export imported into another database and exported again gives identical files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

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
FORMAT_VERSION = 3  # 2: foods carry may_contain and flag_reasons; 3: meals carry a method,
# times, servings, source and the recipe lines that match no food
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


def num_text(x: float | None) -> str:
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
        "method": list(m.method),
        "prep_minutes": m.prep_minutes,
        "cook_minutes": m.cook_minutes,
        "servings": m.servings,
        "source": m.source,
        "unmatched_lines": [{"text": t, "name": n} for t, n in m.unmatched],
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
        source_id=_source_id(item.get("source_id")),
        group=str(item.get("group") or "Imported foods"),
        values=values,
        sources=sources,
        tiers=tiers,
        **export_flags(
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


def _source_id(raw: object) -> str | None:
    """A food's source id: text or a number, else refused (a list or object is not an id)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise ValueError(f"source_id {str(raw)[:40]!r} is not an id")
    return str(raw)


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


def export_flags(
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
        tuple(str(x) for x in item.get("method") or []),
        _minutes(item.get("prep_minutes")),
        _minutes(item.get("cook_minutes")),
        _servings(item.get("servings", 1)),
        str(item.get("source", "")),
        tuple((str(u["text"]), str(u.get("name", ""))) for u in item.get("unmatched_lines") or []),
    )


def _minutes(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10080:
        raise ValueError(f"{value!r} is not a number of minutes")
    return value


def _servings(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise ValueError(f"{value!r} servings is not 1–100")
    return value
