"""Importing recipes as meals: per-serving grams, unknown lines, one transaction, duplicates."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_meals, repo_recipes
from k2planner.db.repo_foods import load_foods
from k2planner.domain.meals import meal_nutrition
from k2planner.services.meal_options import meal_options
from k2planner.services.recipe_import import RecipeImportService

DATA = Path(__file__).resolve().parents[1] / "data" / "recipes"


def _meals(engine: Engine) -> dict[str, object]:
    with Session(engine) as s:
        return {m.name: m for m in repo_meals.load_meals(s) if m.is_user}


def test_recipes_become_meals_per_serving(seeded_engine: Engine) -> None:
    """Grams are the recipe's divided by its servings; method, times and source are kept."""
    service = RecipeImportService(seeded_engine)
    preview = service.preview(DATA / "paprika_export.paprikarecipes")
    salmon = next(r for r in preview.recipes if r.name == "Salmon with Asparagus")
    outcome = service.commit(preview)
    assert sorted(outcome.names) == sorted(r.name for r in preview.recipes)
    meal = _meals(seeded_engine)["Salmon with Asparagus"]
    assert meal.servings == 2 and meal.slots[0].value == "dinner"  # type: ignore[attr-defined]
    assert meal.method[0] == "Heat the oven to 400°F."  # type: ignore[attr-defined]
    assert (meal.prep_minutes, meal.cook_minutes) == (5, 20)  # type: ignore[attr-defined]
    assert "Paprika" in meal.source and "example.org/salmon" in meal.source  # type: ignore[attr-defined]
    first = meal.ingredients[0]  # type: ignore[attr-defined]
    assert first.note == "2 salmon fillets (6 oz each)"
    assert first.grams == pytest.approx(salmon.lines[0].grams / 2, abs=0.1)  # type: ignore[operator]
    assert first.grams == pytest.approx(170.1, abs=0.1)


def test_unmatched_line_is_kept_and_counts_as_unknown(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    """A line no food matches is stored as text; the meal's K2 counts it as unknown, and its
    words still decide diet flags (a "gochujang" line may hold anything)."""
    path = tmp_path / "stew.txt"
    path.write_text(
        "Tofu stew\n\n300 g firm tofu\n2 tbsp gochujang\n1 cup rice\n", encoding="utf-8"
    )
    service = RecipeImportService(seeded_engine)
    preview = service.preview(path)
    (r,) = preview.recipes
    assert [ln.usable for ln in r.lines] == [True, False, True]
    service.commit(preview)
    meal = _meals(seeded_engine)["Tofu stew"]
    assert [u.text for u in meal.unmatched] == ["2 tbsp gochujang"]  # type: ignore[attr-defined]
    with Session(seeded_engine) as s:
        foods = load_foods(s, {i.food_id for i in meal.ingredients})  # type: ignore[attr-defined]
    n = meal_nutrition(meal, foods)  # type: ignore[arg-type]
    assert n.k2.items == 3 and n.k2.unknown_items >= 1
    assert n.may_contain  # the unknown line may contain allergens: never "free" by default
    (option,) = meal_options([meal], foods)  # type: ignore[list-item]
    assert "gochujang" in option.vka_never


def test_commit_is_one_transaction(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure on the third recipe writes none of them."""
    service = RecipeImportService(seeded_engine)
    preview = service.preview(DATA / "mealie_v0_export.zip")
    before = len(_meals(seeded_engine))
    real = repo_recipes.insert_meal
    calls = {"n": 0}

    def flaky(session: Session, meal: repo_recipes.NewMeal) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(session, meal)

    monkeypatch.setattr(repo_recipes, "insert_meal", flaky)
    with pytest.raises(OSError):
        service.commit(preview)
    assert len(_meals(seeded_engine)) == before


def test_same_recipe_twice_is_recognised(seeded_engine: Engine) -> None:
    """Importing the same file again adds nothing and says which meal it already is."""
    service = RecipeImportService(seeded_engine)
    first = service.commit(service.preview(DATA / "recipes.mmf"))
    again = service.preview(DATA / "recipes.mmf")
    assert all(r.existing_meal_id in first.meal_ids for r in again.recipes)
    assert service.commit(again).meal_ids == ()


def test_review_changes_food_servings_slots(seeded_engine: Engine) -> None:
    """The review step's edits are what gets stored."""
    service = RecipeImportService(seeded_engine)
    preview = service.preview(DATA / "kale_and_white_bean_soup.txt")
    (r,) = preview.recipes
    rind = next(ln for ln in r.lines if "parmesan rind" in ln.text)
    assert not rind.usable
    parmesan = service.candidates("parmesan")[0][0]
    r = service.choose_food(r, rind.number, parmesan)
    assert r.lines[rind.number - 1].food_id == parmesan
    assert r.lines[rind.number - 1].usable  # one piece, weighed by the food's own portion
    assert r.lines[rind.number - 1].match_how == "chosen by you"
    r = service.set_servings(r, 8)
    r = service.set_slots(r, [r.slots[0]])
    with pytest.raises(ValueError, match="slot"):
        service.set_slots(r, [])
    with pytest.raises(ValueError, match="servings"):
        service.set_servings(r, 0)
    service.commit(dataclasses.replace(preview, recipes=(r,)))
    meal = _meals(seeded_engine)["Kale and white bean soup"]
    assert meal.servings == 8 and len(meal.slots) == 1  # type: ignore[attr-defined]


def test_absurd_amounts_are_problems_naming_the_line(seeded_engine: Engine, tmp_path: Path) -> None:
    """25 kg of butter per serving is refused with the file, recipe and line; others import."""
    path = tmp_path / "odd.json"
    path.write_text(
        '[{"@type": "Recipe", "name": "Butter mountain", "recipeYield": "1",'
        ' "recipeIngredient": ["1 slice bread", "25 kg butter"]},'
        ' {"@type": "Recipe", "name": "Toast", "recipeIngredient": ["2 slices bread"]},'
        ' {"@type": "Recipe", "name": "Nothing", "recipeIngredient": []},'
        ' {"@type": "Recipe", "name": "Giant", "recipeYield": "5000",'
        ' "recipeIngredient": ["1 egg"]}]',
        encoding="utf-8",
    )
    service = RecipeImportService(seeded_engine)
    preview = service.preview(path)
    by = {r.name: r for r in preview.recipes}
    (p,) = by["Butter mountain"].problems
    assert p.line == 2 and "not plausible" in p.why and p.text().startswith("odd.json")
    assert "lists no ingredients" in by["Nothing"].problems[0].why
    assert "5000 servings" in by["Giant"].problems[0].why
    assert by["Toast"].importable
    assert service.commit(preview).names == ("Toast",)


def test_vka_never_plans_an_imported_natto_recipe(seeded_engine: Engine) -> None:
    """An imported natto bowl is a natto meal: never planned for someone on warfarin."""
    service = RecipeImportService(seeded_engine)
    service.commit(service.preview(DATA / "microdata_page.html"))
    meal = _meals(seeded_engine)["Natto Rice Bowl"]
    with Session(seeded_engine) as s:
        foods = load_foods(s, {i.food_id for i in meal.ingredients})  # type: ignore[attr-defined]
    (option,) = meal_options([meal], foods)  # type: ignore[list-item]
    assert "natto" in option.vka_never.lower()


def test_json_export_carries_the_recipe_and_imports_back(
    seeded_engine: Engine, resources: Path, tmp_path: Path
) -> None:
    """Method, times, servings, source and unmatched lines survive export → import."""
    from k2planner.db.database import open_memory_database
    from k2planner.services.exporter import ExportService
    from k2planner.services.import_read import read_import
    from k2planner.services.importer import ImportService

    service = RecipeImportService(seeded_engine)
    service.commit(service.preview(DATA / "kale_and_white_bean_soup.txt"))
    file = tmp_path / "mine.json"
    file.write_text(ExportService(seeded_engine).to_json(), encoding="utf-8")
    target = open_memory_database(resources).engine
    ImportService(target).commit(read_import(file))
    before = _meals(seeded_engine)["Kale and white bean soup"]
    after = _meals(target)["Kale and white bean soup"]
    for field in ("method", "prep_minutes", "cook_minutes", "servings", "source", "unmatched"):
        assert getattr(after, field) == getattr(before, field), field
    assert after.unmatched and after.method  # type: ignore[attr-defined]
