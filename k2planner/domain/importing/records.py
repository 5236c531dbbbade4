"""What an import produces: checked food and meal records, and the problems found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from k2planner.domain.diet import ALL_FLAGS, Contains
from k2planner.domain.food_input import Severity
from k2planner.domain.foods import Portion
from k2planner.domain.importing.text import NotJson, load_json
from k2planner.domain.nutrients import Nutrient, Tier


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem in one cell: where, what value, and why."""

    file: str
    row: int  # spreadsheet numbering: the header is row 1
    column: str
    value: str
    message: str
    severity: Severity = Severity.ERROR
    suggestion: float | None = None  # the value per 100 g after the suggested unit fix
    nutrient: Nutrient | None = None  # the nutrient the cell holds, when it is one

    def text(self) -> str:
        """E.g. "foods.csv, row 12, column 'MK-7 (mg)': '850' is far above …"."""
        where = f"{self.file}, row {self.row}" if self.row else self.file
        col = f", column {self.column!r}" if self.column else ""
        value = f" {self.value!r}" if self.value else ""
        return f"{where}{col}:{value} {self.message}"


@dataclass(frozen=True)
class FoodRecord:
    """A food read from a file, values per 100 g in the stored units."""

    row: int
    name: str
    source_id: str | None = None
    group: str = "Imported foods"
    values: dict[Nutrient, float] = field(default_factory=dict)
    sources: dict[Nutrient, str] = field(default_factory=dict)  # kept from our own exports
    tiers: dict[Nutrient, Tier] = field(default_factory=dict)
    contains: Contains | None = None  # None: the file says nothing; derived like bundled foods
    flags_user_set: bool = False
    may_contain: Contains = Contains.NONE  # what the file says it may contain (traces)
    flags_covered: Contains = ALL_FLAGS  # the flags the file speaks about (others: the rules)
    flags_source: str = "the file"  # named in the reasons, e.g. "Open Food Facts allergens"
    flags_exact: bool = False  # our own export: contains, may_contain and reasons as stored
    flag_reasons: tuple[tuple[str, str], ...] = ()  # with flags_exact
    portions: tuple[Portion, ...] = ()
    density: float | None = None
    note: str = ""
    tags: str = ""
    origin: str = ""  # e.g. "FoodData Central fdc_id 123", added to each value's source
    also_known_as: tuple[str, ...] = ()  # other source ids that mean the same food
    is_user: bool = True


@dataclass(frozen=True)
class MealRecord:
    """A meal read from our own export; ingredients name foods by source id."""

    row: int
    key: str
    name: str
    slots: tuple[str, ...]
    ingredients: tuple[tuple[str, float, str], ...]
    cuisine: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""
    is_user: bool = True
    method: tuple[str, ...] = ()
    prep_minutes: int | None = None
    cook_minutes: int | None = None
    servings: int = 1
    source: str = ""
    unmatched: tuple[tuple[str, str], ...] = ()  # (line, food name read) of unmatched lines


class FileFormat(StrEnum):
    """Formats the importer reads."""

    CSV = "csv"
    OWN_JSON = "json"
    FDC = "fdc"
    OFF = "off"


def parse_json_bytes(
    data: bytes, label: str, fmt: FileFormat, parse_doc: Callable[[Any, str], ParsedFile]
) -> ParsedFile:
    """Decode ``data`` as JSON and hand the document to ``parse_doc``."""
    try:
        doc = load_json(data)
    except NotJson as exc:
        return ParsedFile.failed(label, fmt, str(exc))
    return parse_doc(doc, label)


@dataclass(frozen=True)
class ParsedFile:
    """Everything read from a file, before anything touches the database."""

    label: str
    format: FileFormat
    foods: tuple[FoodRecord, ...]
    meals: tuple[MealRecord, ...] = ()
    issues: tuple[Issue, ...] = ()
    rows: int = 0
    notes: tuple[str, ...] = ()  # e.g. "read as Latin-1, decimal comma"
    keeps_provenance: bool = False  # our own export: values keep their sources and tiers
    row_names: dict[int, str] = field(default_factory=dict)  # names of rows that were rejected

    @classmethod
    def failed(cls, label: str, fmt: FileFormat, message: str, value: str = "") -> ParsedFile:
        """A file that cannot be read at all: no records, one problem for the whole file."""
        return cls(label, fmt, (), (), (Issue(label, 0, "", value, message),))

    def error_rows(self) -> set[int]:
        """Rows that cannot be imported as they are."""
        return {i.row for i in self.issues if i.severity is Severity.ERROR}

    def question_rows(self) -> set[int]:
        """Rows with a value the user must confirm (a probable unit mix-up)."""
        return {i.row for i in self.issues if i.severity is Severity.QUESTION}

    def file_errors(self) -> list[Issue]:
        """Problems of the whole file (row 0)."""
        return [i for i in self.issues if i.row == 0 and i.severity is Severity.ERROR]
