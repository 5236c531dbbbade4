"""Nutrients, their units, and per-value provenance.

Every value is per 100 g of edible portion. Vitamin K forms are in micrograms (µg) throughout.
A nutrient that nobody measured is simply absent: **missing is not zero**.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Tier(StrEnum):
    """How much a value can be trusted, from best to least."""

    MEASURED = "measured"  # analytical values from national tables (USDA, CIQUAL, NEVO)
    LITERATURE = "literature"  # published studies and compilations
    ESTIMATED = "estimated"  # calculated, assumed, or of doubtful attribution
    IMPUTED = "imputed"  # taken from a measured relative by a documented rule
    USER = "user"  # entered or imported by the user


class Nutrient(StrEnum):
    """Nutrient codes as stored in the database (suffix = unit, per 100 g)."""

    ENERGY = "energy_kcal"
    PROTEIN = "protein_g"
    FAT = "fat_g"
    CARB = "carb_g"
    FIBER = "fiber_g"
    CALCIUM = "calcium_mg"
    VITAMIN_D = "vitamin_d_ug"
    K1 = "k1_ug"  # phylloquinone
    DK1 = "dk1_ug"  # dihydrophylloquinone (from hydrogenated oils; shown, not part of K1)
    MK4 = "mk4_ug"
    MK5 = "mk5_ug"
    MK6 = "mk6_ug"
    MK7 = "mk7_ug"
    MK8 = "mk8_ug"
    MK9 = "mk9_ug"
    MK10 = "mk10_ug"
    K2_REPORTED = "k2_total_ug"  # a K2 total printed by a source that gives no per-form split
    VK_TOTAL = "vk_total_ug"  # vitamin K with no form stated (Open Food Facts): neither K1 nor K2

    @property
    def unit(self) -> str:
        """The unit of the stored value (per 100 g)."""
        return _UNITS[self.value.rsplit("_", 1)[1]]

    @property
    def label(self) -> str:
        """A short human label."""
        return _LABELS[self]


_UNITS = {"kcal": "kcal", "g": "g", "mg": "mg", "ug": "µg"}

_LABELS = {
    Nutrient.ENERGY: "Energy",
    Nutrient.PROTEIN: "Protein",
    Nutrient.FAT: "Fat",
    Nutrient.CARB: "Carbohydrate",
    Nutrient.FIBER: "Fibre",
    Nutrient.CALCIUM: "Calcium",
    Nutrient.VITAMIN_D: "Vitamin D",
    Nutrient.K1: "K1 (phylloquinone)",
    Nutrient.DK1: "Dihydrophylloquinone",
    Nutrient.MK4: "MK-4",
    Nutrient.MK5: "MK-5",
    Nutrient.MK6: "MK-6",
    Nutrient.MK7: "MK-7",
    Nutrient.MK8: "MK-8",
    Nutrient.MK9: "MK-9",
    Nutrient.MK10: "MK-10",
    Nutrient.K2_REPORTED: "K2 total (as reported)",
    Nutrient.VK_TOTAL: "Vitamin K, form not stated",
}

MK_FORMS: tuple[Nutrient, ...] = (
    Nutrient.MK4,
    Nutrient.MK5,
    Nutrient.MK6,
    Nutrient.MK7,
    Nutrient.MK8,
    Nutrient.MK9,
    Nutrient.MK10,
)
"""The menaquinone forms kept apart, MK-4 first."""

MACROS: tuple[Nutrient, ...] = (
    Nutrient.ENERGY,
    Nutrient.PROTEIN,
    Nutrient.FAT,
    Nutrient.CARB,
    Nutrient.FIBER,
)

# Upper plausibility limits per 100 g, used to reject absurd input. Vitamin K: the highest
# food value known to us is natto at ≈1,000 µg/100 g (MK-7); dried herbs reach ≈1,700 µg K1.
PLAUSIBLE_MAX: dict[Nutrient, float] = {
    Nutrient.ENERGY: 902.0,  # pure fat, 9 kcal/g, plus rounding
    Nutrient.PROTEIN: 100.0,
    Nutrient.FAT: 100.0,
    Nutrient.CARB: 100.0,
    Nutrient.FIBER: 100.0,
    Nutrient.CALCIUM: 40000.0,
    Nutrient.VITAMIN_D: 2500.0,
    Nutrient.K1: 5000.0,
    Nutrient.DK1: 1000.0,
    Nutrient.K2_REPORTED: 5000.0,
    Nutrient.VK_TOTAL: 5000.0,
    **{form: 5000.0 for form in MK_FORMS},
}


@dataclass(frozen=True, slots=True)
class NutrientValue:
    """One value per 100 g with where it came from."""

    nutrient: Nutrient
    value: float
    source: str
    tier: Tier

    def __post_init__(self) -> None:
        if self.value != self.value or self.value < 0:  # NaN or negative
            raise ValueError(f"{self.nutrient.label}: {self.value!r} is not a valid amount")
