"""Every case named in the diet-rules issue, through the rules and the reviewed table."""

from __future__ import annotations

import gzip
import json

import pytest

from k2planner.domain.diet import (
    ALL_FLAGS,
    DEFAULT_MAY_EXCLUDES,
    Contains,
    FlagState,
    Restriction,
    allowed,
    blocked_by,
    noted,
)
from k2planner.domain.diet_rules import derive_flags, parse_rule_book, rule_book
from k2planner.paths import resources_dir

C = Contains
SR = {
    "sweets": "Sweets",
    "soups": "Soups, Sauces, and Gravies",
    "veg": "Vegetables and Vegetable Products",
    "fruit": "Fruits and Fruit Juices",
}


@pytest.mark.parametrize(
    ("name", "group", "must_contain"),
    [
        ("Gelatins, dry powder, unsweetened", SR["sweets"], C.MEAT | C.ANIMAL_ADDITIVE),
        ("Quiche Lorraine (eggs and lardoons quiche), prepacked", "pizzas, crepe and pies", C.MEAT),
        ("Omelette with lardoons", "dishes", C.MEAT | C.EGG),
        ("Carbonara sauce (cream sauce with lardoons), prepacked", "sauces", C.MEAT | C.EGG),
        ("Pizza, goat cheese and lardoons, prepacked", "pizzas, crepe and pies", C.MEAT),
        ("Flamed tart (thin-crusted onion tart with cream and lardoons)", "dishes", C.MEAT),
        ("Salad dressing, caesar dressing, regular", "Fats and Oils", C.FISH | C.DAIRY),
        ("Sauce, pesto, ready-to-serve, shelf stable", SR["soups"], C.DAIRY | C.NUTS),
        ("Cabbage, kimchi", SR["veg"], C.FISH),
        ("Soup, bouillon cubes and granules, low sodium, dry", SR["soups"], C.MEAT),
        ("Tiramisu", "cakes and pastry", C.EGG | C.DAIRY),
        ("Sauce, worcestershire", SR["soups"], C.FISH),
        ("Parmigiano Reggiano", "", C.DAIRY | C.ANIMAL_ADDITIVE),
        ("Suet", "", C.MEAT),
        ("Collagen peptides", "", C.MEAT | C.ANIMAL_ADDITIVE),
        ("Caesar dressing", "", C.FISH | C.EGG | C.DAIRY),
        ("Pesto", "", C.DAIRY | C.NUTS | C.ANIMAL_ADDITIVE),
        ("Quorn mince", "", C.EGG),
    ],
)
def test_named_cases_contain_what_they_are_made_of(name: str, group: str, must_contain: C) -> None:
    """The issue's examples (bundled and imported names) contain their ingredients' flags."""
    flags = derive_flags(name, group)
    assert must_contain & ~flags.contains == C.NONE, flags
    for f in must_contain.each():
        assert flags.reason(f), f"{name}: no reason for {f}"


@pytest.mark.parametrize(
    ("name", "group", "flag"),
    [
        ("Chocolate, dark, 70-85% cacao solids", SR["sweets"], C.DAIRY),
        ("Sauce, worcestershire", SR["soups"], C.GLUTEN),
        ("Cereals ready-to-eat, granola, homemade", "Breakfast Cereals", C.NUTS),
        ("Quorn mince", "", C.GLUTEN),
    ],
)
def test_named_cases_that_may_contain(name: str, group: str, flag: C) -> None:
    """Dark chocolate may contain milk; Worcestershire gluten; homemade granola nuts."""
    assert derive_flags(name, group).state(flag) is not FlagState.FREE


@pytest.mark.parametrize(
    ("name", "group", "flag"),
    [
        ("Salsify, (vegetable oyster), raw", SR["veg"], C.FISH),
        ("Custard-apple, (bullock's-heart), raw", SR["fruit"], C.DAIRY),
        ("Potatoes, mashed, dehydrated, flakes without milk, dry form", SR["veg"], C.DAIRY),
        ("Veggie bacon strips", "", C.MEAT),
        ("Eggplant, raw", SR["veg"], C.EGG),
        ("Peanut butter, smooth style, with salt", "Legumes and Legume Products", C.DAIRY),
        ("Nuts, coconut milk, canned", "Nut and Seed Products", C.NUTS),
    ],
)
def test_named_false_positives_are_gone(name: str, group: str, flag: C) -> None:
    """Salsify is not fish; custard-apple not dairy; veggie bacon not meat."""
    assert derive_flags(name, group).state(flag) is FlagState.FREE


def test_meat_free_brands_and_labels_clear_meat_not_the_rest() -> None:
    """ "Veggie bacon" is meat-free but may contain soy, gluten, egg and milk; "vegan" clears
    the animal flags; "not vegan" means an animal ingredient."""
    veggie = derive_flags("Veggie bacon strips", "Legumes and Legume Products")
    assert veggie.state(C.MEAT) is FlagState.FREE and veggie.state(C.SOY) is FlagState.MAY_CONTAIN
    vegan = derive_flags("Vegan pesto", "sauces")
    assert not vegan.contains & (C.DAIRY | C.ANIMAL_ADDITIVE) and vegan.contains & C.NUTS
    not_vegan = derive_flags("Plant-based sausage with tofu (not vegan), prepacked", "dishes")
    assert not allowed(not_vegan.contains, [Restriction.VEGAN], not_vegan.may_contain)


def test_other_languages() -> None:
    """French, German and Dutch names are read, compounds included."""
    assert derive_flags("Käsekuchen").contains & C.DAIRY
    assert derive_flags("Hähnchenbrustfilet").contains & C.MEAT
    assert derive_flags("Gerookte zalm").contains & C.FISH
    assert derive_flags("Œufs brouillés").contains & C.EGG
    assert derive_flags("Pindakaas").contains == C.NUTS  # peanut butter, not cheese


def test_unknown_imports_are_never_free_unless_a_rule_says_so() -> None:
    """An imported food that no rule recognises "may contain" everything; a plain food is
    free of what it does not contain."""
    mystery = derive_flags("Mystery protein bar")
    assert mystery.contains == C.NONE and mystery.may_contain == ALL_FLAGS
    carrots = derive_flags("Carrots, raw")
    assert carrots.contains == carrots.may_contain == C.NONE
    assert "plain single food" in carrots.reason(C.MEAT)


def test_reviewed_entry_beats_the_rules() -> None:
    """A reviewed row decides every flag of its food, with its note as the reason."""
    rules_text = (resources_dir() / "rules" / "diet_rules.toml").read_text(encoding="utf-8")
    custom = parse_rule_book(
        rules_text, "source_id,name,contains,may_contain,note\nx:1,Cheese,,dairy,test says so\n"
    )
    flags = derive_flags("Cheese, cheddar", "Dairy and Egg Products", "x:1", custom)
    assert flags.contains == C.NONE and flags.may_contain == C.DAIRY
    assert flags.reason(C.DAIRY) == "reviewed: test says so"
    assert derive_flags("Cheese, cheddar", "Dairy and Egg Products", "x:2", custom).contains


def test_reviewed_table_covers_meal_foods_and_a_thousand_more() -> None:
    """At least 1,000 reviewed foods, each flag name valid."""
    assert len(rule_book().reviewed) >= 1000


def test_strict_vegetarian_and_the_may_contain_policy() -> None:
    """Parmesan (animal rennet) is out for strict vegetarians; a generic cheese is in with a
    note by default, out when "may contain" excludes; allergies exclude "may contain"."""
    parmesan = derive_flags("Cheese, parmesan, hard", "Dairy and Egg Products")
    gouda = derive_flags("Gouda jong belegen")
    strict = [Restriction.STRICT_VEGETARIAN]
    assert allowed(parmesan.contains, [Restriction.VEGETARIAN], parmesan.may_contain)
    assert not allowed(parmesan.contains, strict, parmesan.may_contain)
    assert allowed(gouda.contains, strict, gouda.may_contain)
    assert noted(gouda.contains, gouda.may_contain, strict)
    assert not allowed(gouda.contains, strict, gouda.may_contain, strict)
    chocolate = derive_flags("Chocolate, dark, 70-85% cacao solids", SR["sweets"])
    assert Restriction.DAIRY_FREE in DEFAULT_MAY_EXCLUDES
    (rule,) = blocked_by(chocolate.contains, [Restriction.DAIRY_FREE], chocolate.may_contain)
    assert rule[0] is Restriction.DAIRY_FREE and rule[2] is True  # only "may contain"


def _seed_foods() -> list[tuple[str, C, C]]:
    seed = json.loads(gzip.decompress((resources_dir() / "seed" / "foods.json.gz").read_bytes()))
    return [(row[1], C(row[4]), C(row[5])) for row in seed["foods"]]


@pytest.mark.parametrize(
    ("word", "must", "at_least_may"),
    [
        ("caesar", C.FISH | C.DAIRY, C.NONE),
        ("pesto", C.DAIRY, C.NONE),
        ("tiramisu", C.EGG, C.NONE),
        ("lardoon", C.MEAT, C.NONE),
        ("quiche lorraine", C.MEAT, C.NONE),
        ("gelatin", C.MEAT, C.NONE),
        ("kimchi", C.FISH, C.NONE),
        ("worcestershire", C.FISH, C.GLUTEN),
        ("chocolate, dark", C.NONE, C.DAIRY),
        ("dark chocolate", C.NONE, C.DAIRY),
        ("bouillon", C.NONE, C.MEAT),
    ],
)
def test_every_bundled_food_of_a_named_kind(word: str, must: C, at_least_may: C) -> None:
    """All bundled Caesar dressings have fish and dairy, all pestos dairy, every dark
    chocolate at least "may contain" milk, no bouillon is plainly vegetarian …"""
    hits = [
        (n, c, m)
        for n, c, m in _seed_foods()
        if word in n.lower() and "little caesars" not in n.lower()  # a pizza chain
    ]
    assert hits, word
    for name, contains, may in hits:
        if "vegetable" in name.lower() and word == "bouillon":
            continue
        assert must & ~contains == C.NONE, name
        assert at_least_may & ~(contains | may) == C.NONE, name
