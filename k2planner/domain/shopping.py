"""The shopping list: the week's ingredients × servings × household, summed per food.

Amounts are added as masses. An amount in another unit is converted with pint: a volume
through the food's density, a count ("2 large", "3 slices") through the food's household
portions. An amount that cannot be converted is never merged silently: it stays a separate
amount on the same line, with a note saying why.

Display: grams up to a kilogram, then kg; liquids by volume when the density is known; a
count when the food has a countable portion that reads better ("6 large (300 g)" for eggs);
ounces and pounds on request.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from k2planner.domain.aisles import is_pantry_staple
from k2planner.domain.foods import Food, Portion
from k2planner.domain.meals import Meal
from k2planner.domain.nutrients import Nutrient
from k2planner.domain.planner.types import Assignment

_UNITS_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


def units() -> Any:
    """The pint unit registry, built once on first use (it takes about a quarter of a second;
    call it early on a worker thread). Thread-safe: a second caller waits for the first."""
    with _UNITS_LOCK:
        return _registry()


@dataclass(frozen=True, slots=True)
class Amount:
    """A quantity in some unit: "g", "ml", "cup", or a count unit such as "large"."""

    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class Need:
    """One use of a food in the plan (already multiplied by servings and household)."""

    food_id: int
    amount: Amount
    meal: str


COUNT_UNITS = re.compile(
    r"^(?:large|medium|small|extra large|jumbo|whole|egg|eggs|slice|slices|piece|pieces|fruit|"
    r"clove|cloves|leaf|leaves|stalk|stalks|ear|pot|container|package|pkg|bar|roll|bun|bagel|"
    r"croissant|muffin|tortilla|pita|link|links|fillet|breast|thigh|drumstick|wing|patty|can|"
    r"carton|cake|cracker|crackers|sheet|sprig|head|bulb|root|pepper|tomato|potato|onion|"
    r"apple|banana|orange|pear|peach|kiwi|lemon|lime|avocado|mango|cup cooked)\b",
    re.IGNORECASE,
)
LIQUID_NAME = re.compile(
    r"^(?:milk|kefir|beverages?|alcoholic beverage|soymilk|buttermilk|oil|vinegar|juice|soup|"
    r"broth|stock|wine|"
    r"cream, fluid|yogh?urt drink|water)",
    re.IGNORECASE,
)


def to_grams(amount: Amount, food: Food) -> float | None:
    """The amount in grams, or None when it cannot be converted for this food."""
    unit = amount.unit.strip().lower()
    reg = units()
    try:
        q = reg.Quantity(amount.value, unit)
        if q.check("[mass]"):
            return float(q.to("gram").magnitude)
        if q.check("[volume]"):
            if food.density_g_per_ml is None:
                return None
            return float(q.to("milliliter").magnitude) * food.density_g_per_ml
    except Exception:  # pint raises several error types for unknown units
        pass
    portion = _portion_for(unit, food.portions)
    if portion is not None:
        return amount.value * portion.grams_per_unit
    return None


def _portion_for(unit: str, portions: Sequence[Portion]) -> Portion | None:
    unit = unit.strip().lower()
    for p in portions:
        if p.unit.strip().lower() == unit:
            return p
    for p in portions:
        if p.unit.strip().lower().split(" (")[0].split(",")[0] == unit:
            return p
    return None


def count_portion(food: Food) -> Portion | None:
    """A countable household portion of the food ("large" egg, "slice"), if any."""
    for p in food.portions:
        unit = p.unit.strip()
        if COUNT_UNITS.match(unit) and "yield" not in unit and p.amount == 1 and p.grams > 0:
            return p
    return None


def short_unit(unit: str) -> str:
    """A portion unit without USDA's qualifiers: 'large (3-1/4" dia)' → 'large'."""
    text = unit.split(" (")[0].split(",")[0].strip().lower()
    return re.split(r"\s+(?:with|without|yields|nfs)\b", text)[0]


def dry_equivalent(grams: float, food: Food) -> float | None:
    """For cooked grains and pulses, the weight to buy dry (from the energy density)."""
    group = food.group.lower()
    if "cooked" not in food.name.lower() or not (
        "cereal grains" in group or "legume" in group or "pasta" in group
    ):
        return None
    kcal = food.value(Nutrient.ENERGY)
    if not kcal or kcal > 250:
        return None
    return grams * kcal / DRY_KCAL_PER_100G


DRY_KCAL_PER_100G = 360.0  # dry grains and pulses: 340-380 kcal per 100 g


_NOISE = re.compile(
    r"^(?:raw|fresh|all commercial varieties|year round average|"
    r"separable lean(?: and fat)?(?: only)?|"
    r"trimmed to .*|all grades|choice|select|includes .*|with added .*|without added .*|enriched|"
    r"unenriched|without salt|with salt|ready-to-serve|commercially prepared|mature seeds|"
    r"solids and liquids|drained solids.*|broilers? or fryers|all classes|meat only|"
    r"unprepared|not fortified|regular and quick|nfs|ns as to .*|boneless|bone-in|"
    r"red, ripe|plain|whole milk|regular|dry|cooked, boiled|boiled|"
    r"(?:\d+(?:\.\d+)?% )?(?:lean meat|milkfat).*|\d+% fat)$",
    re.IGNORECASE,
)


_STATE = re.compile(
    r"^(?:canned|dried|frozen|smoked|cooked|ground|sliced|juice|powder)\b", re.IGNORECASE
)


def shop_name(name: str, source_id: str = "") -> str:
    """A shorter name for the list: USDA/CIQUAL qualifiers dropped ("Beef, top sirloin, steak").

    The user's own foods keep their name exactly as typed.
    """
    if source_id.startswith("user:"):
        return name
    parts = [p.strip() for p in name.split(",") if p.strip()]
    kept = [p for i, p in enumerate(parts) if i == 0 or not _NOISE.match(p)]
    short = kept[:3] + [p for p in kept[3:] if _STATE.match(p)]
    return ", ".join(short) if short else name


@dataclass(frozen=True, slots=True)
class ShoppingItem:
    """One line of the list."""

    food_id: int
    key: str  # stable across weeks and regenerations (the food's source id)
    name: str
    aisle: str
    grams: float
    unconverted: tuple[Amount, ...]
    meals: tuple[str, ...]
    staple: bool
    note: str = ""

    @property
    def display_name(self) -> str:
        """The name as shown on the list."""
        return shop_name(self.name, self.key)

    def quantity(self, imperial: bool = False, food: Food | None = None) -> str:
        """The amount as it reads best."""
        parts = []
        if self.grams > 0:
            parts.append(format_mass(self.grams, imperial, food))
        parts.extend(f"{a.value:g} {a.unit}" for a in self.unconverted)
        return " + ".join(parts)


def format_mass(grams: float, imperial: bool = False, food: Food | None = None) -> str:
    """Grams as "250 g", "1.2 kg", "780 ml", "6 large (300 g)", or ounces/pounds."""
    if food is not None:
        portion = count_portion(food)
        if portion is not None:
            count = grams / portion.grams_per_unit
            if 0.75 <= count <= 60 and _is_countish(food):
                n = max(1, math.ceil(count - 0.15))
                return f"{n} × {short_unit(portion.unit)} ({_mass(grams, imperial)})"
        dry = dry_equivalent(grams, food)
        if dry is not None:
            return f"{_mass(grams, imperial)} cooked (≈ {_mass(dry, imperial)} dry)"
        if food.density_g_per_ml and LIQUID_NAME.match(food.name):
            ml = grams / food.density_g_per_ml
            if imperial:
                return f"{ml / 29.5735:.0f} fl oz"
            return f"{ml / 1000:.2g} L" if ml >= 1000 else f"{_round_nice(ml):g} ml"
    return _mass(grams, imperial)


def _is_countish(food: Food) -> bool:
    """Foods people buy by the piece (eggs, fruit, bread rolls…), not by weight."""
    name = food.name.lower()
    return bool(
        re.match(
            r"^(?:egg|apples?|bananas?|oranges?|pears?|peaches?|kiwi|lemons?|"
            r"limes?|avocados?|mangos?|bagels?|croissants?|tortillas?|bread, pita|"
            r"onions?|garlic|peppers?, sweet|tomatoes|potatoes|sweet potato|"
            r"frankfurter|sausage|chicken, broiler)",
            name,
        )
    )


def _round_nice(x: float) -> float:
    if x < 20:
        return round(x)
    if x < 200:
        return round(x / 5) * 5
    return round(x / 10) * 10


def _mass(grams: float, imperial: bool) -> str:
    if imperial:
        oz = grams / 28.3495
        return f"{oz / 16:.1f} lb" if oz >= 16 else f"{oz:.1f} oz"
    if grams >= 1000:
        return f"{grams / 1000:.2f} kg".replace(".00 kg", " kg")
    return f"{_round_nice(grams):g} g"


@dataclass(frozen=True)
class ShoppingList:
    """The week's list, grouped later by aisle order."""

    items: tuple[ShoppingItem, ...]
    household: int
    notes: tuple[str, ...] = field(default_factory=tuple)

    def by_aisle(self, order: Sequence[str]) -> list[tuple[str, list[ShoppingItem]]]:
        """Items grouped by aisle in the user's order (unknown aisles last), names sorted."""
        rank = {a: i for i, a in enumerate(order)}
        groups: dict[str, list[ShoppingItem]] = {}
        for it in self.items:
            groups.setdefault(it.aisle, []).append(it)
        return [
            (aisle, sorted(items, key=lambda i: i.name.lower()))
            for aisle, items in sorted(groups.items(), key=lambda kv: (rank.get(kv[0], 999), kv[0]))
        ]


def cooked_servings(a: Assignment, household: int) -> float:
    """Servings cooked for a planned slot: each person's summed when the plan has people's
    portions, else the planned servings × the household size."""
    total = a.total_servings
    return a.servings * household if total is None else total


def needs_of_plan(
    assignments: Iterable[Assignment], meals: Mapping[int, Meal], household: int
) -> list[Need]:
    """Every ingredient use of the plan in grams: × each person's servings summed when the
    plan has people's portions, else × servings × household size."""
    out = []
    for a in assignments:
        meal = meals[a.meal_id]
        servings = cooked_servings(a, household)
        for ing in meal.ingredients:
            out.append(Need(ing.food_id, Amount(ing.grams * servings, "g"), meal.name))
    return out


def aggregate(needs: Iterable[Need], foods: Mapping[int, Food], household: int) -> ShoppingList:
    """Sum the needs per food; keep unconvertible amounts apart with a note."""
    grams: dict[int, float] = {}
    apart: dict[int, list[Amount]] = {}
    meals: dict[int, list[str]] = {}
    for need in needs:
        food = foods[need.food_id]
        g = to_grams(need.amount, food)
        if g is None:
            apart.setdefault(need.food_id, []).append(need.amount)
        else:
            grams[need.food_id] = grams.get(need.food_id, 0.0) + g
        names = meals.setdefault(need.food_id, [])
        if need.meal not in names:
            names.append(need.meal)
    items = []
    for fid in sorted(set(grams) | set(apart), key=lambda f: foods[f].name.lower()):
        food = foods[fid]
        kept = _merge_same_unit(apart.get(fid, []))
        note = ""
        if kept:
            units_text = ", ".join(sorted({a.unit for a in kept}))
            note = (
                f"{units_text} could not be converted to grams for this food (no "
                "density or portion weight known), so it is listed separately"
            )
        items.append(
            ShoppingItem(
                fid,
                food.source_id,
                food.name,
                food.aisle,
                grams.get(fid, 0.0),
                tuple(kept),
                tuple(meals.get(fid, ())),
                is_pantry_staple(food.name, food.group),
                note,
            )
        )
    return ShoppingList(tuple(items), household)


def _merge_same_unit(amounts: list[Amount]) -> list[Amount]:
    totals: dict[str, float] = {}
    for a in amounts:
        totals[a.unit] = totals.get(a.unit, 0.0) + a.value
    return [Amount(v, u) for u, v in sorted(totals.items())]
