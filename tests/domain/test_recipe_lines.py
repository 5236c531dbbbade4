"""Ingredient lines to foods and grams: the parser, the matcher, the conversions."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_foods, repo_import
from k2planner.domain.foods import Portion
from k2planner.domain.recipes.grams import grams_of
from k2planner.domain.recipes.lines import Kind, parse_line
from k2planner.domain.recipes.matcher import FoodMatcher, FoodName, bundled_synonyms


@pytest.mark.parametrize(
    ("line", "name", "kind", "value", "unit"),
    [
        ("2 cups grated aged gouda", "aged gouda", Kind.VOLUME, 473.2, ""),
        ("1 (14 oz) can chickpeas, drained", "chickpeas", Kind.MASS, 396.9, ""),
        ("2 (15-ounce) cans black beans", "black beans", Kind.MASS, 850.5, ""),
        ("1 lb 2 oz beef mince", "beef mince", Kind.MASS, 510.3, ""),
        ("250g/9oz plain flour", "plain flour", Kind.MASS, 250.0, ""),
        ("3 large eggs", "eggs", Kind.COUNT, 3.0, ""),
        ("2 cloves garlic", "garlic", Kind.COUNT, 2.0, "clove"),
        ("1 small garlic clove", "garlic", Kind.COUNT, 1.0, "clove"),
        ("1-2 tbsp olive oil", "olive oil", Kind.VOLUME, 22.2, ""),
    ],
)
def test_parser_reads_amounts(line: str, name: str, kind: Kind, value: float, unit: str) -> None:
    """Quantity and unit as grams, millilitres or a count; "2 (15 oz) cans" is 2 × 15 oz."""
    p = parse_line(line)
    assert p.name == name
    assert p.amount is not None and p.amount.kind is kind and p.amount.unit == unit
    assert p.amount.value == pytest.approx(value, abs=0.1)


def test_no_amount_and_to_taste() -> None:
    """ "Salt and pepper to taste" has no amount on purpose; an empty line is nothing."""
    p = parse_line("salt and pepper to taste")
    assert p.amount is None and p.to_taste and p.name == "salt"
    assert parse_line("   ").name == "" and parse_line("Juice of 1 lemon").name == "lemon juice"


@pytest.fixture(scope="module")
def matcher_and_foods(seeded_template: object) -> tuple[FoodMatcher, Engine]:
    from k2planner.db.engine import make_file_engine

    engine = make_file_engine(seeded_template)  # type: ignore[arg-type]
    with Session(engine) as s:
        names = [FoodName(*row) for row in repo_import.food_names(s)]
        return FoodMatcher(names, bundled_synonyms()), engine


def _name(mf: tuple[FoodMatcher, Engine], text: str) -> str:
    m = mf[0].match(text)
    return mf[0].name_of(m.food_id) if m.food_id is not None else ""


@pytest.mark.parametrize(
    ("text", "food"),
    [
        ("aged gouda", "Cheese, Gouda, aged (10–12 months)"),
        ("sharp cheddar cheese", "Cheese, cheddar"),
        ("boneless skinless chicken thighs", "Chicken, broilers or fryers, dark meat, thigh"),
        ("scallions", "Onions, spring or scallions"),
        ("parmesean", "Cheese, parmesan"),
        ("fresh basil leaves", "Basil, fresh"),
        ("all-purpose flour", "Wheat flour, white, all-purpose"),
        ("natto", "Natto"),
    ],
)
def test_matcher_finds_the_food(
    matcher_and_foods: tuple[FoodMatcher, Engine], text: str, food: str
) -> None:
    """Synonyms, dropped modifiers, plurals and misspellings find the right food."""
    assert _name(matcher_and_foods, text).startswith(food)


@pytest.mark.parametrize("text", ["oat milk", "gochujang", "star anise"])
def test_matcher_does_not_invent(matcher_and_foods: tuple[FoodMatcher, Engine], text: str) -> None:
    """ "Oat milk" is neither oats nor milk: with no such food, no match (kept as text)."""
    m = matcher_and_foods[0].match(text)
    assert m.food_id is None and m.confidence == 0.0


def test_every_synonym_names_a_bundled_food(matcher_and_foods: tuple[FoodMatcher, Engine]) -> None:
    """Each source id in synonyms.toml and the meal aliases is a food of the bundled seed."""
    with Session(matcher_and_foods[1]) as s:
        known = repo_foods.food_ids_by_source(s, set(bundled_synonyms().values()))
    missing = sorted(set(bundled_synonyms().values()) - set(known))
    assert missing == []


def test_grams_from_the_foods_own_portions() -> None:
    """Cups through the food's cup weight, eggs by size, cloves by their portion."""
    flour = (Portion(1, "cup", 125.0),)
    assert grams_of(parse_line("2 cups flour"), "Wheat flour", flour).grams == pytest.approx(
        250, abs=1
    )
    eggs = (Portion(1, "large", 50.0), Portion(1, "medium", 44.0))
    assert grams_of(parse_line("3 large eggs"), "Egg, whole", eggs).grams == pytest.approx(150)
    assert grams_of(parse_line("3 eggs"), "Egg, whole", eggs).grams == pytest.approx(132)
    garlic = (Portion(1, "cup", 136.0), Portion(1, "clove", 3.0))
    assert grams_of(parse_line("2 cloves garlic"), "Garlic, raw", garlic).grams == pytest.approx(6)
    head = grams_of(parse_line("1 head garlic"), "Garlic, raw", garlic)
    assert head.grams == pytest.approx(45) and head.confidence < 0.8


def test_unknown_weights_stay_unknown() -> None:
    """A count with no portion, or no amount for a food that is not a seasoning: None."""
    assert grams_of(parse_line("2 widgets of tofu"), "Tofu", ()).grams is None
    assert grams_of(parse_line("oil for frying"), "Oil, canola", ()).grams is None
    water = grams_of(parse_line("1 cup mystery liquid"), "Mystery", ())
    assert water.grams == pytest.approx(236.6, abs=0.1) and "water" in water.how
    assert water.confidence < 0.8


def test_committed_tagger_is_what_the_script_writes() -> None:
    """resources/nlp is reproducible from scripts/make_pos_tagger.py (nothing downloaded)."""
    import importlib.util
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location(
        "make_pos_tagger", root / "scripts" / "make_pos_tagger.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    folder = script.OUT
    name = script.NAME
    weights = json.loads((folder / f"{name}.weights.json").read_text(encoding="utf-8"))
    tagdict = json.loads((folder / f"{name}.tagdict.json").read_text(encoding="utf-8"))
    classes = json.loads((folder / f"{name}.classes.json").read_text(encoding="utf-8"))
    assert weights == script.weights()
    assert tagdict == {**script.FUNCTION_WORDS, **script.PUNCTUATION}
    assert classes == script.CLASSES
