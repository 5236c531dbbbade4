"""schema.org Recipe (JSON-LD in a .json file or a saved web page) and Mealie's recipe JSON,
which is schema.org's vocabulary with objects where schema.org has text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from k2planner.domain.recipes.model import RawRecipe, RecipeFileError
from k2planner.domain.recipes.texts import minutes, names, plain, servings, steps_of


def is_recipe(obj: Any) -> bool:
    """A schema.org Recipe object (its @type is or includes "Recipe")."""
    if not isinstance(obj, dict):
        return False
    kind = obj.get("@type", obj.get("type", ""))
    kinds = kind if isinstance(kind, list) else [kind]
    return any(str(k).rsplit("/", 1)[-1] == "Recipe" for k in kinds)


def find_recipes(doc: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every Recipe object in a JSON-LD document (top level, lists, @graph, mainEntity)."""
    if depth > 8:
        return
    if isinstance(doc, list):
        for item in doc:
            yield from find_recipes(item, depth + 1)
    elif isinstance(doc, dict):
        if is_recipe(doc):
            yield doc
            return
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "item"):
            if key in doc:
                yield from find_recipes(doc[key], depth + 1)


def _line(item: Any) -> str:
    """An ingredient line from text or a Mealie ingredient object."""
    if isinstance(item, str):
        return plain(item)
    if not isinstance(item, dict):
        return ""
    for key in ("originalText", "original_text", "display"):
        if item.get(key):
            return plain(item[key])
    qty = item.get("quantity")
    unit = item.get("unit")
    food = item.get("food")
    parts = []
    if qty not in (None, 0, "0", "") and not item.get("disableAmount", item.get("disable_amount")):
        parts.append(f"{qty:g}" if isinstance(qty, int | float) else str(qty))
    for obj in (unit, food):
        name = obj.get("name", "") if isinstance(obj, dict) else (obj or "")
        if name:
            parts.append(str(name))
    if item.get("note"):
        parts.append(str(item["note"]) if not parts else f", {item['note']}")
    return plain(" ".join(parts).replace(" ,", ","))


def _is_header(item: Any) -> bool:
    """Mealie marks a section title by a title with nothing else."""
    return (
        isinstance(item, dict)
        and bool(item.get("title"))
        and not any(item.get(k) for k in ("note", "food", "originalText", "display"))
    )


def recipe_from_schema(obj: dict[str, Any], where: str, origin: str) -> RawRecipe:
    """A RawRecipe from a schema.org Recipe (or Mealie recipe) object."""
    raw_lines = obj.get("recipeIngredient", obj.get("recipe_ingredient", obj.get("ingredients")))
    if isinstance(raw_lines, str):
        raw_lines = raw_lines.splitlines()
    lines = tuple(t for t in (_line(i) for i in raw_lines or [] if not _is_header(i)) if t)
    yields = obj.get("recipeServings", obj.get("recipe_servings"))
    count = servings(yields) if yields else None
    if count is None:
        count = servings(obj.get("recipeYield", obj.get("recipe_yield", obj.get("yield"))))
    url = obj.get("url", obj.get("orgURL", obj.get("org_url", "")))
    return RawRecipe(
        name=plain(obj.get("name", "")),
        lines=lines,
        steps=steps_of(obj.get("recipeInstructions", obj.get("recipe_instructions"))),
        servings=count,
        prep_minutes=minutes(obj.get("prepTime", obj.get("prep_time"))),
        cook_minutes=minutes(obj.get("cookTime", obj.get("performTime", obj.get("perform_time")))),
        total_minutes=minutes(obj.get("totalTime", obj.get("total_time"))),
        categories=names(obj.get("recipeCategory", obj.get("recipe_category"))),
        tags=names(obj.get("keywords", obj.get("tags"))),
        cuisine=", ".join(names(obj.get("recipeCuisine"))),
        description=plain(obj.get("description", "")),
        url=str(url) if isinstance(url, str) else "",
        origin=origin,
        where=where,
    )


def load_json(data: bytes, where: str) -> Any:
    """Parse JSON bytes (UTF-8, with or without a byte-order mark), or a clear error."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise RecipeFileError(f"{where}: not UTF-8 text ({exc.reason})") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise RecipeFileError(f"{where}: not valid JSON ({exc})") from None


def recipes_from_html(text: str, where: str) -> list[dict[str, Any]]:
    """Recipe objects of a saved web page: its JSON-LD and microdata, read by extruct."""
    import extruct  # a well-kept reader of embedded metadata; loaded only for web pages

    try:
        data = extruct.extract(
            text, syntaxes=["json-ld", "microdata"], uniform=True, errors="ignore"
        )
    except Exception as exc:  # extruct raises lxml's errors and its own
        raise RecipeFileError(f"{where}: the web page cannot be read ({exc})") from None
    found: list[dict[str, Any]] = []
    for syntax in ("json-ld", "microdata"):
        found.extend(find_recipes(data.get(syntax, [])))
    return found
