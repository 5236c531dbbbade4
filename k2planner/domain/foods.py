"""Foods as immutable values, handed from the database layer to services and the UI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from k2planner.domain.diet import Contains, DietFlags
from k2planner.domain.k2 import K2Summary, summarise_k2
from k2planner.domain.nutrients import Nutrient, NutrientValue, Tier


@dataclass(frozen=True, slots=True)
class Portion:
    """A household measure, e.g. ``1 slice = 28 g``."""

    amount: float
    unit: str
    grams: float

    @property
    def label(self) -> str:
        """E.g. "1 slice (28 g)"."""
        amount = f"{self.amount:g}"
        return f"{amount} {self.unit} ({self.grams:g} g)"

    @property
    def grams_per_unit(self) -> float:
        """Grams for one unit (``amount`` = 1)."""
        return self.grams / self.amount if self.amount else self.grams


@dataclass(frozen=True, slots=True)
class Food:
    """A food with its values per 100 g, each with source and tier."""

    id: int
    source_id: str  # e.g. "usda:01001", "ciqual:12729", "lit:gouda-aged", "user:…"
    name: str
    group: str
    aisle: str
    contains: Contains
    values: Mapping[Nutrient, NutrientValue] = field(default_factory=dict)
    portions: tuple[Portion, ...] = ()
    density_g_per_ml: float | None = None
    note: str = ""
    is_user: bool = False
    may_contain: Contains = Contains.NONE
    flag_reasons: tuple[tuple[str, str], ...] = ()
    k2_range_ug: tuple[float, float] | None = None  # K2 per 100 g across the sources

    def k2_low_high(self) -> tuple[float, float] | None:
        """(low, high) K2 per 100 g: the sources' range, else the value itself, else None."""
        if self.k2_range_ug is not None:
            return self.k2_range_ug
        total = self.k2.total_ug
        return None if total is None else (total, total)

    @property
    def diet(self) -> DietFlags:
        """The food's flags in three states, with their reasons."""
        return DietFlags(self.contains, self.may_contain, self.flag_reasons)

    def value(self, nutrient: Nutrient) -> float | None:
        """The value per 100 g, or None when unknown."""
        v = self.values.get(nutrient)
        return None if v is None else v.value

    def unattributed_vk_ug(self) -> float:
        """Vitamin K per 100 g given without a form (e.g. a label) beyond the known K1 and K2.

        Counted in total vitamin K (warfarin mode) but never as K1 or K2; 0 when none.
        """
        total = self.value(Nutrient.VK_TOTAL)
        if total is None:
            return 0.0
        return max(0.0, total - (self.value(Nutrient.K1) or 0.0) - self.k2.total_or_zero())

    @property
    def k2(self) -> K2Summary:
        """K2 per 100 g with coverage."""
        return summarise_k2({n: v.value for n, v in self.values.items()})


def without_imputed_k2(food: Food) -> Food:
    """The food with its imputed K2 values (tier *imputed*) and their range left out."""
    imputed = {n for n, v in food.values.items() if v.tier is Tier.IMPUTED}
    if not imputed:
        return food
    values = {n: v for n, v in food.values.items() if n not in imputed}
    return replace(food, values=values, k2_range_ug=None)
