"""Foods from CSV/TSV files: any column order, common encodings, decimal comma or point.

Each row is checked like a food typed by hand (:mod:`k2planner.domain.food_input`): numbers,
negatives, NaN, impossible amounts, and unit mix-ups (a vitamin K value in mg where µg is
meant is a *question* with the scaled value shown).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from k2planner.domain.food_input import Severity, check_totals, check_value, convert
from k2planner.domain.importing.allergens import stated_flags
from k2planner.domain.importing.junk import junk_reason
from k2planner.domain.importing.mapping import ColumnMap, guess_field, guess_mapping, header_unit
from k2planner.domain.importing.records import FileFormat, FoodRecord, Issue, ParsedFile
from k2planner.domain.importing.text import (
    NotANumber,
    TableError,
    decode,
    detect_decimal_comma,
    parse_number,
    read_rows,
    sniff_delimiter,
)
from k2planner.domain.nutrients import Nutrient

MAX_ROWS = 200_000
DEFAULT_UNITS = {"ug": "µg", "mg": "mg", "g": "g", "kcal": "kcal", "kj": "kj", "cal": "cal"}


_GRAMS = re.compile(r"\s*(?:g|grams?|gr)\.?\s*$", re.IGNORECASE)


def read_table(data: bytes) -> tuple[list[list[str]], list[str]]:
    """Rows of a CSV/TSV file (header first) and notes on how it was read."""
    decoded = decode(data)
    delimiter = sniff_delimiter(decoded.text)
    rows = read_rows(decoded.text, delimiter)
    comma = detect_decimal_comma(rows, delimiter)
    name = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}[delimiter]
    notes = [
        f"read as {decoded.encoding}, {name}-separated, decimal {'comma' if comma else 'point'}"
    ]
    return rows, notes


def _unit(col: ColumnMap, nutrient: Nutrient) -> str:
    if col.unit:
        return DEFAULT_UNITS.get(col.unit.lower(), col.unit)
    return nutrient.unit


def parse_csv(
    data: bytes,
    label: str,
    mapping: Sequence[ColumnMap] | None = None,
    *,
    id_prefix: str = "",
    origin: str = "",
    table: tuple[list[list[str]], list[str]] | None = None,
) -> ParsedFile:
    """Read foods from a CSV/TSV file with ``mapping`` (guessed from the headers if None);
    ``table`` is the file already read by :func:`read_table` (it is not read twice)."""
    try:
        rows, notes = read_table(data) if table is None else table
    except TableError as exc:
        return ParsedFile.failed(label, FileFormat.CSV, str(exc))
    if not rows:
        return ParsedFile.failed(label, FileFormat.CSV, "is empty")
    header, body = rows[0], rows[1:]
    delimiter_comma = "decimal comma" in notes[0]
    cols = list(mapping) if mapping is not None else guess_mapping(header)
    issues: list[Issue] = []
    if not body:
        issues.append(Issue(label, 0, "", "", "has a header line but no rows of foods"))
        return ParsedFile(label, FileFormat.CSV, (), (), tuple(issues), 0, tuple(notes))
    twice = _mapped_twice(header, cols, mapping is None)
    if twice:
        issues.append(Issue(label, 0, twice, "", twice_message(twice)))
        return ParsedFile(label, FileFormat.CSV, (), (), tuple(issues), len(body), tuple(notes))
    if not any(c.field == "name" for c in cols):
        issues.append(
            Issue(label, 1, "", "", "has no column for the food name (map one, e.g. name=Food)")
        )
        return ParsedFile(label, FileFormat.CSV, (), (), tuple(issues), len(body), tuple(notes))
    if len(body) > MAX_ROWS:
        issues.append(
            Issue(
                label,
                0,
                "",
                f"{len(body):,} rows",
                f"is more than {MAX_ROWS:,} rows; split the file",
            )
        )
        return ParsedFile(label, FileFormat.CSV, (), (), tuple(issues), len(body), tuple(notes))
    foods = []
    names: dict[int, str] = {}
    name_col = next(c.column for c in cols if c.field == "name")
    for n, row in enumerate(body, start=2):
        record = _parse_row(row, n, header, cols, label, delimiter_comma, id_prefix, origin, issues)
        if record is not None:
            foods.append(record)
        else:
            names[n] = _cell(row, name_col).strip()[:80]
    junk = junk_reason(foods, sum(1 for c in cols if c.nutrient is not None), list(names.values()))
    if junk:
        issues.append(Issue(label, 0, "", "", junk))
        return ParsedFile(label, FileFormat.CSV, (), (), tuple(issues), len(body), tuple(notes))
    return ParsedFile(
        label,
        FileFormat.CSV,
        tuple(foods),
        (),
        tuple(issues),
        len(body),
        tuple(notes),
        row_names=names,
    )


def _mapped_twice(header: Sequence[str], cols: Sequence[ColumnMap], guessed: bool) -> str:
    """A header that would be read twice, or a second column silently dropped ("": none).

    Two columns with the same header, or (when the mapping was guessed) two columns that both
    look like the same field: which one holds the value is not clear, so the file is refused
    rather than one column being ignored without a word."""
    read = {c.column for c in cols}
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        key = h.strip().lower()
        if not key:
            continue
        if key in seen and (i in read or seen[key] in read):
            return h.strip()
        seen.setdefault(key, i)
    if guessed:  # "Energy (kJ)" beside "Energy (kcal)" is one value in two units: fine
        fields: dict[str, tuple[str, str | None]] = {}
        for h in header:
            field = guess_field(h)
            if field is None:
                continue
            unit = header_unit(h)
            if field in fields and (unit is None or unit == fields[field][1]):
                return f"{fields[field][0]} / {h.strip()}"
            fields.setdefault(field, (h.strip(), unit))
    return ""


def twice_message(header: str) -> str:
    """The message for a column that appears twice."""
    return (
        "appears twice in the header, or two columns hold the same thing; which one holds "
        "the value is not clear. Rename or remove one (or map one to nothing) and import again"
    )


def _header(header: Sequence[str], cols: Sequence[ColumnMap], field: str) -> str:
    col = next((c.column for c in cols if c.field == field), None)
    return header[col] if col is not None and col < len(header) else field


def _cell(row: Sequence[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def _parse_row(
    row: Sequence[str],
    n: int,
    header: Sequence[str],
    cols: Sequence[ColumnMap],
    label: str,
    decimal_comma: bool,
    id_prefix: str,
    origin: str,
    issues: list[Issue],
) -> FoodRecord | None:
    text = {c.field: _cell(row, c.column).strip() for c in cols if c.nutrient is None}
    name = text.get("name", "")
    if text.get("brand"):
        name = f"{name} ({text['brand']})" if name else text["brand"]
    if not name:
        issues.append(
            Issue(
                label,
                n,
                header[next(c.column for c in cols if c.field == "name")],
                "",
                "has no food name",
            )
        )
        return None
    if len(name) > 300:
        issues.append(
            Issue(
                label,
                n,
                _header(header, cols, "name"),
                name[:40] + "…",
                "is longer than 300 characters",
            )
        )
        return None
    basis = 100.0
    if text.get("basis_g"):
        amount = _GRAMS.sub("", text["basis_g"])
        try:
            b = parse_number(amount, decimal_comma)
        except NotANumber:
            issues.append(
                Issue(
                    label,
                    n,
                    _header(header, cols, "basis_g"),
                    text["basis_g"],
                    "is not an amount in grams; the values of this row are for that amount, so "
                    "they cannot be converted to per 100 g",
                )
            )
            return None
        if b is not None:
            if not 0 < b <= 5000:
                issues.append(
                    Issue(
                        label,
                        n,
                        _header(header, cols, "basis_g"),
                        text["basis_g"],
                        "must be between 0 and 5,000 g",
                    )
                )
                return None
            basis = b
    values: dict[Nutrient, float] = {}
    bad = False
    for c in cols:
        nutrient = c.nutrient
        if nutrient is None:
            continue
        raw = _cell(row, c.column)
        try:
            number = parse_number(raw, decimal_comma)
        except NotANumber as exc:
            issues.append(Issue(label, n, c.header, raw.strip(), str(exc)))
            bad = True
            continue
        if number is None:
            continue
        if number < 0:
            issues.append(Issue(label, n, c.header, raw.strip(), "cannot be negative"))
            bad = True
            continue
        try:
            per_100 = convert(number, _unit(c, nutrient), nutrient) * 100.0 / basis
        except ValueError as exc:
            issues.append(Issue(label, n, c.header, raw.strip(), str(exc)))
            bad = True
            continue
        for p in check_value(nutrient, per_100, c.header, raw.strip()):
            issues.append(
                Issue(
                    label, n, c.header, raw.strip(), p.message, p.severity, p.suggestion, nutrient
                )
            )
            bad = bad or p.severity is Severity.ERROR
        values[nutrient] = per_100
    for p in check_totals(values):
        issues.append(Issue(label, n, p.field, p.value, p.message, p.severity))
        bad = bad or p.severity is Severity.ERROR
    if bad:
        return None
    sid = text.get("source_id") or None
    if sid and id_prefix and ":" not in sid:
        sid = f"{id_prefix}{sid}"
    return FoodRecord(
        row=n,
        name=name,
        source_id=sid,
        group=text.get("group") or "Imported foods",
        values=values,
        note=text.get("note", ""),
        origin=origin,
        **stated_flags(
            text.get("contains", ""),
            text.get("may_contain", ""),
            f"the file (column {_header(header, cols, 'contains')!r})",
        ),
    )
