"""The recipe import as JSON (``recipes import --json``): every recipe, line and problem."""

from __future__ import annotations

from typing import Any

from k2planner.domain.recipes.model import RecipeProblem
from k2planner.services.recipe_import import ImportOutcome, ImportPreview, RecipeImportService
from k2planner.services.recipe_review import SURE, RecipeReview
from k2planner.services.serialize import diet_json


def problem_json(p: RecipeProblem) -> dict[str, Any]:
    """A problem: where, recipe, line, why, and the sentence that says all of it."""
    return {"where": p.where, "recipe": p.recipe, "line": p.line, "why": p.why, "text": p.text()}


def recipe_json(r: RecipeReview, service: RecipeImportService) -> dict[str, Any]:
    """One reviewed recipe with its lines and, when importable, one serving's K2 and flags."""
    raw = r.raw
    prep, cook = raw.split_times()
    out: dict[str, Any] = {
        "number": r.number,
        "name": r.name,
        "key": r.key,
        "app": raw.origin,
        "where": raw.where,
        "importable": r.importable,
        "already_imported_as_meal": r.existing_meal_id,
        "servings": r.servings,
        "servings_assumed": r.servings_assumed,
        "slots": [s.value for s in r.slots],
        "categories": list(raw.categories),
        "prep_minutes": prep,
        "cook_minutes": cook,
        "time_minutes": None if prep is None and cook is None else (prep or 0) + (cook or 0),
        "method": list(raw.steps),
        "url": raw.url,
        "lines_matched": r.matched_lines,
        "lines": [
            {
                "line": ln.number,
                "text": ln.text,
                "parsed_name": ln.parsed.name,
                "food": None if ln.food_id is None else {"id": ln.food_id, "name": ln.food_name},
                "grams": None if ln.grams is None else round(ln.grams, 1),
                "grams_per_serving": None if ln.grams is None else round(ln.grams / r.servings, 1),
                "grams_how": ln.grams_how,
                "match_how": ln.match_how,
                "confidence": ln.confidence,
                "needs_check": ln.confidence < SURE,
                "kept_as_text": not ln.usable,
            }
            for ln in r.lines
        ],
        "problems": [problem_json(p) for p in r.problems],
    }
    if r.importable:
        n = service.nutrition(r)
        out["per_serving"] = {
            "energy_kcal": round(n.energy_kcal, 1),
            "k1_ug": round(n.k1_ug, 2),
            "k2_ug": None if n.k2.known_total_ug is None else round(n.k2.known_total_ug, 2),
            "k2_coverage": n.k2.coverage_text(),
            "k2_unknown_items": n.k2.unknown_items,
        }
        out.update(diet_json(n.contains, n.may_contain))
    return out


def import_json(
    preview: ImportPreview,
    service: RecipeImportService,
    *,
    dry_run: bool,
    outcome: ImportOutcome | None = None,
) -> dict[str, Any]:
    """The whole import: file, app, recipes, problems, line counts, and what was stored."""
    matched, total = preview.line_counts()
    return {
        "file": str(preview.path),
        "app": preview.origin,
        "dry_run": dry_run,
        "recipes": [recipe_json(r, service) for r in preview.recipes],
        "problems": [problem_json(p) for p in preview.problems],
        "lines": {"matched": matched, "total": total},
        "imported": []
        if outcome is None
        else [
            {"meal_id": i, "name": n} for i, n in zip(outcome.meal_ids, outcome.names, strict=True)
        ],
    }
