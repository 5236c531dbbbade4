"""Other apps' own recipe documents: Mealie's backup database, Tandoor, Paprika."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from k2planner.domain.recipes.model import RawRecipe
from k2planner.domain.recipes.schema_org import recipe_from_schema
from k2planner.domain.recipes.texts import is_heading, minutes, names, plain, servings, steps_of


def is_mealie_backup(doc: Any) -> bool:
    """Mealie v1's backup ``database.json``: its tables by name."""
    return (
        isinstance(doc, dict)
        and isinstance(doc.get("recipes"), list)
        and ("recipes_ingredients" in doc or "recipe_instructions" in doc)
    )


def mealie_backup(doc: dict[str, Any], where: str) -> list[RawRecipe]:
    """The recipes of a Mealie backup, their lines and steps joined from the other tables."""

    def table(name: str) -> list[dict[str, Any]]:
        rows = doc.get(name)
        return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []

    units = {r.get("id"): r.get("name", "") for r in table("ingredient_units")}
    foods = {r.get("id"): r.get("name", "") for r in table("ingredient_foods")}
    categories = {r.get("id"): r.get("name", "") for r in table("categories")}
    lines: dict[Any, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for r in table("recipes_ingredients"):
        item = dict(r)
        item["unit"] = {"name": units.get(r.get("unit_id"), "")}
        item["food"] = {"name": foods.get(r.get("food_id"), "")}
        lines[r.get("recipe_id")].append((int(r.get("position") or 0), item))
    steps: dict[Any, list[tuple[int, str]]] = defaultdict(list)
    for r in table("recipe_instructions"):
        steps[r.get("recipe_id")].append((int(r.get("position") or 0), str(r.get("text") or "")))
    cats: dict[Any, list[str]] = defaultdict(list)
    for r in table("recipes_to_categories"):
        cats[r.get("recipe_id")].append(categories.get(r.get("category_id"), ""))
    out = []
    for r in table("recipes"):
        rid = r.get("id")
        obj = dict(r)
        obj["recipe_ingredient"] = [i for _p, i in sorted(lines[rid], key=lambda x: x[0])]
        obj["recipe_instructions"] = [t for _p, t in sorted(steps[rid], key=lambda x: x[0])]
        obj["recipe_category"] = [c for c in cats[rid] if c]
        out.append(recipe_from_schema(obj, f"{where} › recipe {r.get('slug') or rid}", "Mealie"))
    return out


def is_tandoor(doc: Any) -> bool:
    """Tandoor's recipe.json: steps that carry their ingredients."""
    return isinstance(doc, dict) and isinstance(doc.get("steps"), list) and "name" in doc


def _tandoor_line(item: dict[str, Any]) -> str:
    if item.get("original_text"):
        return plain(item["original_text"])
    parts = []
    amount = item.get("amount")
    if not item.get("no_amount") and amount not in (None, "", 0, "0"):
        try:
            parts.append(f"{float(amount):g}")
        except (TypeError, ValueError):
            parts.append(str(amount))
    for key in ("unit", "food"):
        obj = item.get(key)
        name = obj.get("name", "") if isinstance(obj, dict) else ""
        if name:
            parts.append(str(name))
    line = " ".join(parts)
    if item.get("note"):
        line += f", {item['note']}"
    return plain(line)


def tandoor(doc: dict[str, Any], where: str) -> RawRecipe:
    """A RawRecipe from Tandoor's recipe.json (ingredients live in the steps)."""
    lines: list[str] = []
    steps: list[str] = []
    for step in doc["steps"]:
        if not isinstance(step, dict):
            continue
        for item in step.get("ingredients") or []:
            if isinstance(item, dict) and not item.get("is_header"):
                text = _tandoor_line(item)
                if text:
                    lines.append(text)
        steps.extend(steps_of(step.get("instruction") or ""))
    return RawRecipe(
        name=plain(doc.get("name", "")),
        lines=tuple(lines),
        steps=tuple(steps),
        servings=servings(doc.get("servings")),
        prep_minutes=minutes(doc.get("working_time") or None),
        cook_minutes=minutes(doc.get("waiting_time") or None),
        categories=(),
        tags=names(doc.get("keywords")),
        description=plain(doc.get("description", "")),
        url=str(doc.get("source_url") or ""),
        origin="Tandoor",
        where=where,
    )


def is_paprika(doc: Any) -> bool:
    """A Paprika recipe: ingredients and directions as text."""
    return isinstance(doc, dict) and "ingredients" in doc and "directions" in doc


def paprika(doc: dict[str, Any], where: str) -> RawRecipe:
    """A RawRecipe from one Paprika recipe (a .paprikarecipe member, unzipped)."""
    text = str(doc.get("ingredients") or "").replace("\r\n", "\n")
    lines = tuple(plain(x) for x in text.split("\n") if not is_heading(x))
    return RawRecipe(
        name=plain(doc.get("name", "")),
        lines=tuple(x for x in lines if x),
        steps=steps_of(str(doc.get("directions") or "")),
        servings=servings(doc.get("servings")),
        prep_minutes=minutes(doc.get("prep_time")),
        cook_minutes=minutes(doc.get("cook_time")),
        total_minutes=minutes(doc.get("total_time")),
        categories=names(doc.get("categories")),
        description=plain(doc.get("description", "")),
        url=str(doc.get("source_url") or ""),
        origin="Paprika",
        where=where,
    )
