"""Files that parse but are not food tables: refuse them with what they look like.

A diary export (foods named by date), a list of nutrients (FDC ``nutrient.csv``), a table
whose columns hold no nutrient the app knows, or rows that are mostly empty would import
hundreds of foods without values. The checks run after a generic table is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from k2planner.domain.importing.records import FoodRecord

_DATE = re.compile(
    r"^\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
    r"(?:[ t]\d{1,2}:\d{2})?\s*$",
    re.IGNORECASE,
)
_NUTRIENT_NAME = re.compile(
    r"^\s*(?:energy|protein|total lipid|fat|carbohydrate|fiber|fibre|sugars?|calcium|iron|"
    r"sodium|potassium|vitamin [a-k]\d?|menaquinone|phylloquinone|water|ash|alcohol|caffeine|"
    r"cholesterol|fatty acids)\b",
    re.IGNORECASE,
)


def junk_reason(
    foods: Sequence[FoodRecord], nutrient_columns: int, rejected_names: Sequence[str] = ()
) -> str:
    """Why the foods read from a generic table are not a food table ("" when they are);
    ``rejected_names`` are the names of rows refused for their values (a diary's per-day
    totals are refused as impossible per 100 g, yet still show what the file is)."""
    names = [f.name for f in foods] + [n for n in rejected_names if n]
    if not names:
        return ""
    if nutrient_columns == 0:
        return (
            "has no column the app reads as a nutrient (vitamin K, energy, protein …), so every "
            "food would be imported empty; map the columns in the import dialog (or with "
            "--mapping) and try again"
        )
    n = len(names)
    dated = sum(1 for name in names if _DATE.match(name))
    if dated >= max(2, n // 2):
        return (
            "looks like a diary or log (its foods are named by date), not a table of foods; "
            "export the foods themselves, with their values per 100 g"
        )
    nutrient_named = sum(1 for name in names if _NUTRIENT_NAME.match(name))
    if nutrient_named >= max(3, (2 * n) // 3):
        return (
            "looks like a list of nutrients (such as FoodData Central's nutrient.csv), not a "
            "table of foods; import the folder or the food file instead"
        )
    empty = sum(1 for f in foods if not f.values)
    n = len(foods)
    if n >= 5 and empty >= (9 * n) // 10:
        return (
            f"has no value in {empty:,} of its {n:,} rows; the columns are probably not mapped "
            "right (check them in the import dialog, or give --mapping)"
        )
    return ""
