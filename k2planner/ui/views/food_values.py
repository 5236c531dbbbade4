"""Every value of one food, unknown ones included, as rows for the Foods view's detail table."""

from __future__ import annotations

from k2planner.domain.foods import Food
from k2planner.domain.nutrients import MACROS, MK_FORMS, Nutrient
from k2planner.ui.models.small_models import ValueRow

DETAIL_ORDER = (
    Nutrient.K1,
    Nutrient.DK1,
    *MK_FORMS,
    Nutrient.K2_REPORTED,
    *MACROS,
    Nutrient.CALCIUM,
    Nutrient.VITAMIN_D,
)


def value_rows(food: Food) -> list[ValueRow]:
    """Every nutrient of interest, unknown ones included."""
    rows = []
    for n in DETAIL_ORDER:
        v = food.values.get(n)
        if v is None and n in (
            Nutrient.DK1,
            Nutrient.K2_REPORTED,
            Nutrient.CALCIUM,
            Nutrient.VITAMIN_D,
        ):
            continue
        rows.append(
            ValueRow(
                n.label,
                None if v is None else v.value,
                n.unit,
                "" if v is None else v.tier.value,
                "not measured" if v is None else v.source,
            )
        )
    return rows
