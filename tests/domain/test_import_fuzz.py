"""Property-based fuzzing of the importers: no crash, every bad row reported, good rows intact."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from k2planner.domain.food_input import Severity
from k2planner.domain.importing import fdc, off, own
from k2planner.domain.importing.csv_foods import parse_csv
from k2planner.domain.importing.records import ParsedFile
from k2planner.domain.nutrients import Nutrient

HEADERS = ["Food", "K1 (µg)", "MK-7 (µg)", "MK-4 (mg)", "kcal", "Protein (g)", "Fat (g)"]
NUTRIENT_OF = [
    None,
    Nutrient.K1,
    Nutrient.MK7,
    Nutrient.MK4,
    Nutrient.ENERGY,
    Nutrient.PROTEIN,
    Nutrient.FAT,
]
FACTOR = [1, 1, 1, 1000, 1, 1, 1]
LIMITS = [None, 1000, 1000, 1.0, 900, 30, 30]  # keeps "good" rows physically plausible

good_number = st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False)
bad_cell = st.sampled_from(
    ["abc", "-1", "NaN", "inf", "1..2", "12 kg", "--", "1e400", "-0.5", "١٢", "0x10", "1,2,3", "½"]
)
blank_cell = st.sampled_from(["", "-", "traces", "< 0,5", "n/a", "  "])
names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() != "" and s.strip() not in ("-",)
)


@st.composite
def rows(draw: st.DrawFn) -> tuple[list[list[str]], list[dict[int, float] | None]]:
    """Rows with the expected parsed values (None for a row that must be rejected)."""
    out, expected = [], []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["good", "good", "bad", "blank"]))
        row = [draw(names)]
        values: dict[int, float] | None = {}
        for col in range(1, len(HEADERS)):
            choice = draw(
                st.sampled_from(["num", "num", "blank"])
                if kind != "bad"
                else st.sampled_from(["num", "bad", "blank"])
            )
            if choice == "num":
                limit = LIMITS[col]
                x = draw(st.floats(0, limit, allow_nan=False)) if limit else draw(good_number)
                x = round(x, 3)
                row.append(repr(x))
                if values is not None:
                    values[col] = x
            elif choice == "bad":
                row.append(draw(bad_cell))
                values = None
            else:
                row.append(draw(blank_cell))
        out.append(row)
        expected.append(values)
    return out, expected


def to_bytes(data: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(HEADERS)
    w.writerows(data)
    text = buf.getvalue()
    return text.encode(encoding, errors="replace")


FUZZ = settings(
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(rows(), st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig"]))
def test_csv_fuzz_reports_every_bad_row_and_keeps_good_ones(
    case: tuple[list[list[str]], list[dict[int, float] | None]], delimiter: str, encoding: str
) -> None:
    """Never crashes; each row is a food or has an error; good rows keep their exact values."""
    data, expected = case
    parsed = parse_csv(to_bytes(data, delimiter, encoding), "fuzz.csv")
    foods = {f.row: f for f in parsed.foods}
    errors = parsed.error_rows()
    for i, (row, exp) in enumerate(zip(data, expected, strict=True), start=2):
        assert (i in foods) != (i in errors), f"row {i} {row}: neither or both"
        if exp is None:
            assert i in errors
            assert all(issue.message for issue in parsed.issues if issue.row == i)
            continue
        questioned = {x.row for x in parsed.issues if x.severity is Severity.QUESTION}
        if (
            i in errors
        ):  # a plausibility rule (e.g. macros over 100 g) may reject a good-looking row
            continue
        food = foods[i]
        assert food.name == row[0].strip() or i in questioned
        for col, value in exp.items():
            n = NUTRIENT_OF[col]
            assert n is not None
            assert math.isclose(food.values[n], value * FACTOR[col], rel_tol=1e-9, abs_tol=1e-12)


json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=20),
)
json_doc = st.recursive(
    json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "format",
                    "version",
                    "foods",
                    "meals",
                    "name",
                    "values",
                    "product",
                    "products",
                    "nutriments",
                    "code",
                    "fdcId",
                    "foodNutrients",
                    "SRLegacyFoods",
                    "description",
                    "amount",
                    "nutrient",
                    "number",
                    "unitName",
                    "vitamin-k_100g",
                    "product_name",
                    "ingredients",
                    "slots",
                    "key",
                    "grams",
                    "food_source_id",
                    "value",
                    "tier",
                    "source",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_doc)
def test_json_importers_never_crash(doc: object) -> None:
    """Any JSON shape gives records or reported issues, never an exception."""
    data = json.dumps(doc).encode()
    for parse in (own.parse_json, off.parse_off_json, fdc.parse_fdc_json):
        result = parse(data, "fuzz.json")
        assert isinstance(result, ParsedFile)
        for issue in result.issues:
            assert issue.message


VALID = own.to_json([], [])


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
def test_garbage_bytes_never_crash(blob: bytes) -> None:
    """Random bytes are reported, not raised."""
    for parse in (own.parse_json, off.parse_off_json, fdc.parse_fdc_json):
        assert isinstance(parse(blob, "x"), ParsedFile)
    assert isinstance(parse_csv(blob, "x.csv"), ParsedFile)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows())
def test_last_row_error_imports_nothing_unless_skipped(
    empty_engine: Engine, case: tuple[list[list[str]], list[dict[int, float] | None]]
) -> None:
    """One bad last row blocks the whole file unless bad rows are skipped."""
    from k2planner.services.importer import ImportOptions, ImportRejected, ImportService

    data, _expected = case
    bad_last = [*data, ["Bad last row", "oops", "", "", "", "", ""]]
    parsed = parse_csv(to_bytes(bad_last, ",", "utf-8"), "f.csv")
    svc = ImportService(empty_engine)

    def count() -> int:
        with empty_engine.connect() as c:
            return int(c.exec_driver_sql("SELECT COUNT(*) FROM food").scalar_one())

    before = count()
    with pytest.raises(ImportRejected):
        svc.commit(parsed)
    assert count() == before
    summary = svc.commit(parsed, ImportOptions(skip_bad_rows=True, dry_run=True))
    assert any(r == len(bad_last) + 1 for r, _why in summary.rejected)
    assert count() == before


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries(
        {
            "format": st.just("k2planner-export"),
            "version": st.sampled_from([1, 2]),
            "foods": json_doc,
            "meals": json_doc,
        }
    )
)
def test_our_own_format_with_any_body_never_crashes(doc: object) -> None:
    """A file with our header and any body ("foods": true, "meals": "12" …) is reported."""
    result = own.parse_json(json.dumps(doc).encode(), "fuzz.json")
    assert isinstance(result, ParsedFile)
    assert all(issue.message for issue in result.issues)
