"""Shop aisles and the default mapping from food groups to aisles.

The user can reorder aisles and move a single food to another aisle; those choices are stored
in the database. Pantry staples (salt, oil, spices …) are recognised by group and name so the
shopping list can hide them or list them apart.
"""

from __future__ import annotations

import re

DEFAULT_AISLES: tuple[str, ...] = (
    "Fruit & vegetables",
    "Bakery",
    "Dairy & eggs",
    "Cheese",
    "Meat & poultry",
    "Fish & seafood",
    "Deli & chilled",
    "Grains, pasta & pulses",
    "Tins, jars & sauces",
    "Oils, vinegar & condiments",
    "Herbs & spices",
    "Nuts & seeds",
    "Breakfast",
    "Frozen",
    "Drinks",
    "Sweets & snacks",
    "World foods",
    "Other",
)

# USDA SR food groups, CIQUAL sub-groups, literature categories and our own groups.
_GROUP_AISLE: dict[str, str] = {
    "dairy and egg products": "Dairy & eggs",
    "spices and herbs": "Herbs & spices",
    "baby foods": "Other",
    "fats and oils": "Oils, vinegar & condiments",
    "poultry products": "Meat & poultry",
    "soups, sauces, and gravies": "Tins, jars & sauces",
    "sausages and luncheon meats": "Deli & chilled",
    "breakfast cereals": "Breakfast",
    "fruits and fruit juices": "Fruit & vegetables",
    "pork products": "Meat & poultry",
    "vegetables and vegetable products": "Fruit & vegetables",
    "nut and seed products": "Nuts & seeds",
    "beef products": "Meat & poultry",
    "beverages": "Drinks",
    "finfish and shellfish products": "Fish & seafood",
    "legumes and legume products": "Grains, pasta & pulses",
    "lamb, veal, and game products": "Meat & poultry",
    "baked products": "Bakery",
    "sweets": "Sweets & snacks",
    "cereal grains and pasta": "Grains, pasta & pulses",
    "fast foods": "Frozen",
    "meals, entrees, and side dishes": "Frozen",
    "snacks": "Sweets & snacks",
    "american indian/alaska native foods": "Other",
    "restaurant foods": "Other",
    # CIQUAL sub-groups
    "vegetables": "Fruit & vegetables",
    "fruits": "Fruit & vegetables",
    "potatoes and other tubers": "Fruit & vegetables",
    "legumes": "Grains, pasta & pulses",
    "nuts and seeds": "Nuts & seeds",
    "raw meat": "Meat & poultry",
    "cooked meat": "Meat & poultry",
    "delicatessen meat and similar": "Deli & chilled",
    "other meat products": "Deli & chilled",
    "fish, raw": "Fish & seafood",
    "fish, cooked": "Fish & seafood",
    "fish products": "Fish & seafood",
    "seafood, raw": "Fish & seafood",
    "seafood, cooked": "Fish & seafood",
    "eggs": "Dairy & eggs",
    "milk": "Dairy & eggs",
    "dairy products": "Dairy & eggs",
    "cheese and similar": "Cheese",
    "cream and similar": "Dairy & eggs",
    "butters": "Dairy & eggs",
    "margarines": "Dairy & eggs",
    "vegetable oils": "Oils, vinegar & condiments",
    "fish oils": "Oils, vinegar & condiments",
    "other fats": "Oils, vinegar & condiments",
    "breads and similar": "Bakery",
    "pasta, rice and grains": "Grains, pasta & pulses",
    "flours": "Grains, pasta & pulses",
    "savoury biscuits": "Sweets & snacks",
    "sweet biscuits": "Sweets & snacks",
    "cakes and pastry": "Bakery",
    "viennese pastries": "Bakery",
    "pastry dough": "Deli & chilled",
    "chocolate and chocolate products": "Sweets & snacks",
    "non-chocolate confectionery": "Sweets & snacks",
    "jam": "Breakfast",
    "sugars and honey": "Breakfast",
    "cereal bars": "Sweets & snacks",
    "ice cream": "Frozen",
    "frozen desserts": "Frozen",
    "sorbet": "Frozen",
    "sauces": "Tins, jars & sauces",
    "condiments": "Oils, vinegar & condiments",
    "cooking aids": "Tins, jars & sauces",
    "herbs": "Herbs & spices",
    "spices": "Herbs & spices",
    "salts": "Herbs & spices",
    "seaweed": "World foods",
    "ingredients for vegetarian": "World foods",
    "plant-based spreads": "Deli & chilled",
    "non-alcoholic beverages": "Drinks",
    "alcoholic beverages": "Drinks",
    "water": "Drinks",
    "soups": "Tins, jars & sauces",
    "dishes": "Frozen",
    "sandwiches": "Deli & chilled",
    "pizzas, crepe and pies": "Frozen",
    "mixed salads": "Deli & chilled",
    "savoury pastries and other starters": "Deli & chilled",
    # literature categories
    "cheese_hard": "Cheese",
    "cheese_soft": "Cheese",
    "cheese_blue": "Cheese",
    "cheese_fresh": "Dairy & eggs",
    "cheese_processed": "Cheese",
    "dairy": "Dairy & eggs",
    "butter": "Dairy & eggs",
    "egg": "Dairy & eggs",
    "meat": "Meat & poultry",
    "meat_processed": "Deli & chilled",
    "offal": "Meat & poultry",
    "fish": "Fish & seafood",
    "shellfish": "Fish & seafood",
    "fermented_soy": "World foods",
    "soy": "Deli & chilled",
    "fermented_vegetable": "Tins, jars & sauces",
    "plant_based_alt": "Deli & chilled",
    "user": "Other",
}

_CHEESE = re.compile(r"^\s*cheese\b", re.IGNORECASE)


def aisle_for_group(group: str) -> str:
    """The default aisle of a food group (unknown groups go to "Other")."""
    return _GROUP_AISLE.get(group.strip().lower(), "Other")


_CHILLED_SOY = re.compile(r"\b(?:tofu|natto|tempeh|miso|hummus)\b", re.IGNORECASE)
_PLANT_MILK = re.compile(r"^\s*(?:soymilk|beverages?, (?:almond|rice|oat|soy)\b)", re.IGNORECASE)
_CANNED = re.compile(r"\bcanned\b", re.IGNORECASE)
_TINNED_GROUPS = {
    "vegetables and vegetable products",
    "fruits and fruit juices",
    "legumes and legume products",
    "nut and seed products",
}


def aisle_for_food(name: str, group: str) -> str | None:
    """A per-food aisle where the group's aisle reads wrong (USDA cheese → "Cheese")."""
    g = group.strip().lower()
    if g == "dairy and egg products" and _CHEESE.search(name):
        return "Cheese"
    if _PLANT_MILK.search(name):
        return "Dairy & eggs"
    if _CHILLED_SOY.search(name):
        return "Deli & chilled"
    if g in _TINNED_GROUPS and _CANNED.search(name):
        return "Tins, jars & sauces"
    return None


_STAPLE = re.compile(
    r"^\s*(?:salt|pepper, (?:black|white)|spices?,|oil,|vinegar|sugars?, granulated|"
    r"sugar, (?:brown|white)|flour|wheat flour|baking (?:powder|soda)|leavening|"
    r"soy sauce|water, (?:tap|municipal)|beverages, water)|\b(?:olive|canola|rapeseed|"
    r"sunflower|vegetable) oil\b",
    re.IGNORECASE,
)


def is_pantry_staple(name: str, group: str) -> bool:
    """True for salt, pepper, spices, cooking oils, vinegar, sugar, flour and the like."""
    g = group.strip().lower()
    if re.search(r"\bfresh\b", name, re.IGNORECASE):
        return False
    if g in ("spices and herbs", "spices", "herbs", "salts", "vegetable oils"):
        return True
    return _STAPLE.search(name) is not None
