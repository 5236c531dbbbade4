"""Rules that derive a food's *contains* flags from its food group and its name.

The rules are conservative: when a name or group suggests an ingredient may be present, the
flag is set (a vegan plan that wrongly skips a food is a small loss; one that wrongly includes
it is a broken promise). They are keyword rules over English food names (USDA SR, CIQUAL in
English, literature, user foods); the user can correct any food's flags in the app.

1. The group gives a base: poultry, pork, beef, lamb/game, sausages → meat; fish and shellfish →
   fish; "Dairy and Egg Products" → dairy, or egg for egg items; nuts → nuts (seeds and coconut
   excepted); baked products and breakfast cereals → gluten; cakes, cookies, pastries → gluten,
   dairy and egg.
2. Keywords in the name add flags (word-bounded, so "eggplant", "buckwheat", "coconut",
   "nutmeg", "peanut butter" and "soymilk" do not trigger egg, gluten, nuts or dairy).
3. Meat analogues ("meatless", "vegetarian", "plant-based", "vegan" …) drop meat and fish,
   and are assumed to contain soy and gluten, plus egg and dairy unless labelled vegan.
4. "gluten-free" in the name clears gluten; "dairy-free"/"non-dairy" clears dairy.
"""

from __future__ import annotations

import re

from k2planner.domain.diet import Contains as C
from k2planner.domain.diet_words import (
    ANALOGUE,
    DAIRY,
    DAIRY_NOT,
    EGG,
    EGG_NOT,
    FISH,
    FISH_NOT,
    MEAT,
    MEAT_NOT,
    NOT_VEGAN,
    OTHER_ANIMAL,
    PLANT_DRINK,
)
from k2planner.domain.diet_words_grains import (
    GLUTEN,
    GLUTEN_FREE_GRAIN,
    GLUTEN_NOT,
    NUTS,
    NUTS_NOT,
    SEEDS,
    SOY,
    SWEET_BAKED,
)

# Group names (USDA SR, CIQUAL sub-groups, literature categories, our own) → base flags.
_GROUP_BASE: dict[str, C] = {
    "poultry products": C.MEAT,
    "sausages and luncheon meats": C.MEAT,
    "pork products": C.MEAT,
    "beef products": C.MEAT,
    "lamb, veal, and game products": C.MEAT,
    "finfish and shellfish products": C.FISH,
    "nut and seed products": C.NUTS,
    "baked products": C.GLUTEN,
    "breakfast cereals": C.GLUTEN,
    # CIQUAL sub-groups
    "raw meat": C.MEAT,
    "cooked meat": C.MEAT,
    "delicatessen meat and similar": C.MEAT,
    "other meat products": C.MEAT,
    "fish, raw": C.FISH,
    "fish, cooked": C.FISH,
    "fish products": C.FISH,
    "seafood, raw": C.FISH,
    "seafood, cooked": C.FISH,
    "fish oils": C.FISH,
    "eggs": C.EGG,
    "milk": C.DAIRY,
    "dairy products": C.DAIRY,
    "cheese and similar": C.DAIRY,
    "cream and similar": C.DAIRY,
    "butters": C.DAIRY,
    "ice cream": C.DAIRY,
    "nuts and seeds": C.NUTS,
    "breads and similar": C.GLUTEN,
    "cakes and pastry": C.GLUTEN | C.DAIRY | C.EGG,
    "viennese pastries": C.GLUTEN | C.DAIRY | C.EGG,
    "sweet biscuits": C.GLUTEN | C.DAIRY | C.EGG,
    "pastry dough": C.GLUTEN,
    "savoury biscuits": C.GLUTEN,
    # literature categories
    "cheese_hard": C.DAIRY,
    "cheese_soft": C.DAIRY,
    "cheese_blue": C.DAIRY,
    "cheese_fresh": C.DAIRY,
    "cheese_processed": C.DAIRY,
    "dairy": C.DAIRY,
    "butter": C.DAIRY,
    "egg": C.EGG,
    "meat": C.MEAT,
    "meat_processed": C.MEAT,
    "offal": C.MEAT,
    "fish": C.FISH,
    "shellfish": C.FISH,
    "fermented_soy": C.SOY,
    "soy": C.SOY,
}


def _has(rx: re.Pattern[str], text: str, unless: re.Pattern[str] | None = None) -> bool:
    if unless is not None:
        text = unless.sub(" ", text)
    return rx.search(text) is not None


def derive_contains(name: str, group: str = "", subgroup: str = "") -> C:
    """Derive the *contains* flags of a food from its name and its (sub)group."""
    g = group.strip().lower()
    sg = subgroup.strip().lower()
    flags = _GROUP_BASE.get(g, C.NONE) | _GROUP_BASE.get(sg, C.NONE)
    if g == "dairy and egg products":
        is_egg = _has(EGG, name, EGG_NOT) or "egg substitute" in name.lower()
        flags |= C.EGG if is_egg else C.DAIRY
    if g in ("nut and seed products", "nuts and seeds") and SEEDS.search(name):
        flags &= ~C.NUTS
    if g == "baked products" and _has(SWEET_BAKED, name):
        flags |= C.DAIRY | C.EGG

    if PLANT_DRINK.search(name):
        flags &= ~C.DAIRY
    if _has(GLUTEN_FREE_GRAIN, name) and not _has(GLUTEN, name, GLUTEN_NOT):
        flags &= ~C.GLUTEN

    if _has(MEAT, name, MEAT_NOT):
        flags |= C.MEAT
    if _has(FISH, name, FISH_NOT):
        flags |= C.FISH
    if _has(DAIRY, name, DAIRY_NOT):
        flags |= C.DAIRY
    if _has(EGG, name, EGG_NOT):
        flags |= C.EGG
    if _has(GLUTEN, name, GLUTEN_NOT):
        flags |= C.GLUTEN
    if _has(SOY, name):
        flags |= C.SOY
    if _has(NUTS, name, NUTS_NOT):
        flags |= C.NUTS
    if _has(OTHER_ANIMAL, name):
        flags |= C.OTHER_ANIMAL

    lowered = name.lower()
    if _has(ANALOGUE, name):
        flags &= ~(C.MEAT | C.FISH)
        if _has(MEAT, name, MEAT_NOT) or any(
            w in lowered for w in ("burger", "fillet", "nugget", "bite")
        ):
            flags |= C.SOY | C.GLUTEN
            if "vegan" not in lowered or _has(NOT_VEGAN, name):
                flags |= C.EGG | C.DAIRY
    if _has(NOT_VEGAN, name):
        flags |= C.EGG | C.DAIRY
    if "gluten-free" in lowered or "gluten free" in lowered:
        flags &= ~C.GLUTEN
    if "dairy-free" in lowered or "non-dairy" in lowered or "nondairy" in lowered:
        flags &= ~C.DAIRY
    return flags
