"""Our own CSV exports (foods; meals, one row per ingredient), written and read losslessly.

The JSON export and the helpers both formats share are in :mod:`k2planner.domain.importing.own`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from k2planner.domain.csv_safety import neutralise_row, restore
from k2planner.domain.diet import Contains
from k2planner.domain.foods import Portion
from k2planner.domain.importing.own import (
    FOOD_COLUMNS,
    FOOD_COLUMNS_V1,
    MEAL_COLUMNS,
    checked_value,
    export_flags,
    num_text,
)
from k2planner.domain.importing.records import FileFormat, FoodRecord, Issue, MealRecord, ParsedFile
from k2planner.domain.meals import parse_slots
from k2planner.domain.nutrients import Nutrient, Tier


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
            num_text(f.density),
            f.tags,
            f.note,
            int(f.is_user),
            portions,
            ",".join(f.may_contain.names()),
            json.dumps(dict(f.flag_reasons), ensure_ascii=False, sort_keys=True),
        ]
        for n in nutrients:
            if n in f.values:
                value = num_text(f.values[n])
                row += [value, f.sources.get(n, ""), f.tiers.get(n, Tier.USER).value]
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
                    **export_flags(
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
