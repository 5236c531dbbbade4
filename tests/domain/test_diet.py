"""Dietary flags derived from names and groups, and the restrictions over them."""

from __future__ import annotations

import pytest

from k2planner.domain.diet import Contains, Restriction, allowed, parse_restrictions
from k2planner.domain.diet_rules import derive_contains, derive_flags

USDA = {
    "dairy": "Dairy and Egg Products",
    "legumes": "Legumes and Legume Products",
    "poultry": "Poultry Products",
    "veg": "Vegetables and Vegetable Products",
    "nuts": "Nut and Seed Products",
    "grains": "Cereal Grains and Pasta",
    "baked": "Baked Products",
    "fats": "Fats and Oils",
    "sausages": "Sausages and Luncheon Meats",
}


@pytest.mark.parametrize(
    ("name", "group", "expected"),
    [
        ("Natto", "legumes", Contains.SOY),
        ("Cheese, gouda", "dairy", Contains.DAIRY),
        ("Chicken, liver, all classes, raw", "poultry", Contains.MEAT),
        ("Egg, yolk, raw, fresh", "dairy", Contains.EGG),
        ("Eggplant, raw", "veg", Contains.NONE),
        ("Buckwheat groats, roasted, cooked", "grains", Contains.NONE),
        ("Peanut butter, smooth style, with salt", "legumes", Contains.NUTS),
        ("Soymilk, original and vanilla, unfortified", "legumes", Contains.SOY),
        (
            "Nuts, coconut milk, canned (liquid expressed from grated meat and water)",
            "nuts",
            Contains.NONE,
        ),
        ("Soy sauce made from soy (tamari)", "legumes", Contains.SOY),
        ("Soy sauce made from soy and wheat (shoyu)", "legumes", Contains.SOY | Contains.GLUTEN),
        ("Mushrooms, oyster, raw", "veg", Contains.NONE),
        ("Seeds, sesame seeds, whole, dried", "nuts", Contains.NONE),
        ("Nuts, almonds", "nuts", Contains.NUTS),
        (
            "Cake, yellow, prepared from recipe without frosting",
            "baked",
            Contains.GLUTEN | Contains.DAIRY | Contains.EGG,
        ),
        ("Salad dressing, mayonnaise, regular", "fats", Contains.EGG),
        (
            "Beans, kidney, red, mature seeds, cooked, boiled, without salt",
            "legumes",
            Contains.NONE,
        ),
        ("Rolls, hamburger or hotdog, plain", "baked", Contains.GLUTEN),
        ("Frankfurter, meatless", "legumes", Contains.NONE),
        ("Honey", "Sweets", Contains.OTHER_ANIMAL),
        ("Butter, salted", "dairy", Contains.DAIRY),
        ("Pepperoni, beef and pork, sliced", "sausages", Contains.MEAT),
    ],
)
def test_derived_flags(name: str, group: str, expected: Contains) -> None:
    """Known foods get the expected contains-flags."""
    assert derive_contains(name, USDA.get(group, group)) == expected


def test_meat_analogues_may_contain_soy_gluten_egg_and_milk() -> None:
    """A meatless frankfurter is free of meat, and may contain soy, gluten, egg and dairy."""
    f = derive_flags("Frankfurter, meatless", USDA["legumes"])
    assert not f.contains & (Contains.MEAT | Contains.FISH)
    assert f.may_contain == Contains.SOY | Contains.GLUTEN | Contains.EGG | Contains.DAIRY


def test_known_foods_restrictions() -> None:
    """Natto is vegan; Gouda vegetarian; chicken liver meat; egg yolk vegetarian with egg."""
    natto = derive_contains("Natto", USDA["legumes"])
    gouda = derive_contains("Cheese, gouda", USDA["dairy"])
    liver = derive_contains("Chicken, liver, all classes, raw", USDA["poultry"])
    yolk = derive_contains("Egg, yolk, raw, fresh", USDA["dairy"])
    assert allowed(natto, [Restriction.VEGAN]) and not allowed(natto, [Restriction.SOY_FREE])
    assert allowed(gouda, [Restriction.VEGETARIAN]) and not allowed(gouda, [Restriction.VEGAN])
    assert not allowed(gouda, [Restriction.DAIRY_FREE])
    assert not allowed(liver, [Restriction.VEGETARIAN])
    assert not allowed(liver, [Restriction.PESCATARIAN])
    assert allowed(yolk, [Restriction.VEGETARIAN]) and not allowed(yolk, [Restriction.EGG_FREE])
    assert not allowed(yolk, [Restriction.VEGAN])


def test_pescatarian_allows_fish_not_meat() -> None:
    """Pescatarian forbids meat only."""
    assert allowed(Contains.FISH, [Restriction.PESCATARIAN])
    assert not allowed(Contains.MEAT, [Restriction.PESCATARIAN])


def test_honey_is_vegetarian_not_vegan() -> None:
    """Other animal products (honey) are vegetarian but not vegan."""
    assert allowed(Contains.OTHER_ANIMAL, [Restriction.VEGETARIAN])
    assert not allowed(Contains.OTHER_ANIMAL, [Restriction.VEGAN])


def test_parse_restrictions_accepts_variants() -> None:
    """Names are case- and separator-insensitive."""
    assert parse_restrictions("Vegan, soy_free") == {Restriction.VEGAN, Restriction.SOY_FREE}
    assert parse_restrictions("") == frozenset()


def test_parse_restrictions_rejects_unknown_with_choices() -> None:
    """An unknown diet names the valid choices."""
    with pytest.raises(ValueError, match="choose from"):
        parse_restrictions("carnivore")


def test_contains_names_round_trip() -> None:
    """Flag names parse back to the same flags."""
    flags = Contains.DAIRY | Contains.NUTS
    assert Contains.from_names(flags.names()) == flags
