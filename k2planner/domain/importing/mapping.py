"""Guessing which column holds what, from the headers of a CSV file.

Headers such as "Vitamin K2 (µg)", "MK-7", "menaquinone-7", "kcal", "Energy (kJ)",
"vitamin-k_100g" are recognised; a unit in the header ("(mg)", "_ug", "[g]", "mcg") is used to
convert the values. The user can correct every guess in the import dialog (or ``--mapping``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from k2planner.domain.nutrients import Nutrient

TEXT_FIELDS = ("name", "group", "source_id", "note", "basis_g", "brand", "contains", "may_contain")
FIELD_LABELS = {
    "name": "Food name",
    "group": "Food group",
    "source_id": "Id in the source",
    "note": "Note",
    "basis_g": "Values are per … g",
    "brand": "Brand",
    "contains": "Contains (allergens, diet flags)",
    "may_contain": "May contain (traces)",
    **{n.value: f"{n.label} ({n.unit})" for n in Nutrient},
}


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """One mapped column: the field it fills and the unit its numbers are in."""

    column: int
    header: str
    field: str  # a TEXT_FIELDS name or a Nutrient value
    unit: str | None = None

    @property
    def nutrient(self) -> Nutrient | None:
        """The nutrient, when the field is one."""
        try:
            return Nutrient(self.field)
        except ValueError:
            return None


def _norm(header: str) -> str:
    h = header.strip().lower().replace("μ", "µ").replace("µg", "ug").replace("mcg", "ug")
    return re.sub(r"\s+", " ", h)


def header_unit(header: str) -> str | None:
    """A unit named in a header: "(mg)", "_ug", "[g]", "kcal", "kJ", "_100g" (grams)."""
    h = _norm(header)
    m = re.search(r"[\(\[]\s*(ug|mg|g|kcal|kj|cal)\s*(?:/\s*100\s*g)?\s*[\)\]]", h)
    if m:
        return m.group(1)
    m = re.search(r"(?:^|[\s_-])(ug|mg|kcal|kj)(?:$|[\s_/-])", h)
    if m:
        return m.group(1)
    if re.search(r"(?:^|[\s_-])g(?:$|[\s_/])", h) and "100 g" not in h:
        return "g"
    if h.endswith("_100g"):  # Open Food Facts: every _100g column is in grams (energy: kJ)
        if h.startswith("energy-kcal"):
            return "kcal"
        if h.startswith("energy"):
            return "kj"
        return "g"
    return None


_MK = re.compile(r"(?:\bmk|menaquinone)[\s_-]*(4|5|6|7|8|9|10)\b")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (Nutrient.DK1.value, re.compile(r"dihydro|\bdk1\b")),
    (
        Nutrient.K2_REPORTED.value,
        re.compile(r"vitamin[\s_-]*k[\s_-]*2\b|\bk2\b|menaquinones?\b(?!\s*-?\d)"),
    ),
    (Nutrient.K1.value, re.compile(r"vitamin[\s_-]*k[\s_-]*1\b|\bk1\b|phylloquinone|phytonadione")),
    (Nutrient.VK_TOTAL.value, re.compile(r"vitamin[\s_-]*k\b(?![\s_-]*[12]\b)")),
    (Nutrient.ENERGY.value, re.compile(r"energy|calorie|\bkcal\b|\bkj\b")),
    (Nutrient.PROTEIN.value, re.compile(r"protein")),
    (Nutrient.FAT.value, re.compile(r"(?<!saturated )(?<!trans )\bfat\b|lipid")),
    (Nutrient.CARB.value, re.compile(r"carbohydrate|\bcarbs?\b")),
    (Nutrient.FIBER.value, re.compile(r"fib(?:er|re)")),
    (Nutrient.CALCIUM.value, re.compile(r"calcium|\bca\b")),
    (Nutrient.VITAMIN_D.value, re.compile(r"vitamin[\s_-]*d\b")),
    (
        "source_id",
        re.compile(
            r"^(?:id|code|fdc[\s_]?id|source[\s_]?id|ndb(?:[\s_]?no)?|ean|"
            r"barcode|gtin|food[\s_]?id)$"
        ),
    ),
    (
        "basis_g",
        re.compile(
            r"^(?:per|basis|serving|portion|amount|quantity|menge|hoeveelheid|quantit[eé])"
            r"(?:[\s_]?size)?\s*(?:\(g\)|_g|g)?$"
        ),
    ),
    ("brand", re.compile(r"^brands?$|brand[\s_]?(?:name|owner)")),
    (
        "may_contain",
        re.compile(r"may[\s_-]?contain|^traces?(?:_tags|_en)?$|spuren|sporen|peut contenir"),
    ),
    (
        "contains",
        re.compile(
            r"^(?:contains|allergens?(?:_tags|_en)?|allergies|allergenen|allergene|"
            r"allerg[eè]nes|allergeni|al[eé]rgenos|enth[aä]lt|bevat|contient)$"
        ),
    ),
    ("group", re.compile(r"group|categor|kategor|gruppe|groep|^type$")),
    ("note", re.compile(r"^(?:note|notes|comment|comments|remarks?)$")),
    (
        "name",
        re.compile(
            r"name|^foods?$|descri|produ[ck]t|^item$|libell|aliment|^nom$|lebensmittel|"
            r"bezeichnung|^naam$|voedingsmiddel|omschrijving|^nombre$|^nome$"
        ),
    ),
]
_EXACT = {n.value: n.value for n in Nutrient}  # our own column names: "k1_ug", "mk7_ug" …
_SKIP = re.compile(
    r"saturated|trans|sugar|polyol|starch|salt|sodium|_serving|_value$|_unit$|"
    r"_label|source$|tier$|modified|created|url|image|^%|percent"
)


def guess_field(header: str) -> str | None:
    """The field a header most likely holds (None: ignore the column)."""
    h = _norm(header)
    if h in _EXACT:
        return _EXACT[h]
    if _SKIP.search(h) and not h.startswith(("vitamin", "mk", "k1", "k2")):
        return None
    m = _MK.search(h)
    if m:
        return f"mk{m.group(1)}_ug"
    words = re.sub(r"[_\-]+", " ", h)
    for field, rx in _PATTERNS:
        if rx.search(h) or rx.search(words):
            return field
    return None


def guess_mapping(headers: Sequence[str]) -> list[ColumnMap]:
    """A mapping for every column that looks meaningful (each field used once).

    When no header names the food, the first column is taken as the name if nothing else
    claimed it.
    """
    used: set[str] = set()
    out = []
    for i, header in enumerate(headers):
        field = guess_field(header)
        if field is None or field in used:
            continue
        used.add(field)
        unit = header_unit(header)
        if field == Nutrient.ENERGY.value and unit not in ("kcal", "kj", "cal"):
            unit = "kj" if "kj" in _norm(header) else "kcal"
        out.append(ColumnMap(i, header, field, unit))
    if "name" not in used and headers and all(c.column != 0 for c in out):
        # Nothing says "name": most tables start with it.
        out.insert(0, ColumnMap(0, headers[0], "name"))
    return out


def parse_mapping_spec(spec: str, headers: Sequence[str]) -> list[ColumnMap]:
    """Parse a user mapping "name=Food, mk7_ug=MK-7 (mg):mg, energy_kcal=kJ:kj".

    Fields are those of FIELD_LABELS; the column is a header text or a 1-based number; an
    optional ":unit" overrides the unit. Raises ValueError naming what is wrong.
    """
    out = []
    lookup = {h.strip().lower(): i for i, h in enumerate(headers)}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        if "=" not in part:
            raise ValueError(f"mapping {part!r}: use field=column")
        field, column = (x.strip() for x in part.split("=", 1))
        unit = None
        if ":" in column:
            column, unit = (x.strip() for x in column.rsplit(":", 1))
        if field not in FIELD_LABELS:
            raise ValueError(
                f"mapping {part!r}: unknown field {field!r}; fields: " + ", ".join(FIELD_LABELS)
            )
        if column.isdigit() and 1 <= int(column) <= len(headers):
            index = int(column) - 1
        elif column.lower() in lookup:
            index = lookup[column.lower()]
        else:
            raise ValueError(f"mapping {part!r}: no column {column!r} in the file")
        out.append(ColumnMap(index, headers[index], field, unit or header_unit(headers[index])))
    return out
