"""CSV exports never carry a live spreadsheet formula, and our own CSV re-imports losslessly."""

from __future__ import annotations

import csv
import io

import pytest

from k2planner.domain.csv_safety import neutralise, restore
from k2planner.domain.importing.own_csv import foods_to_csv, parse_foods_csv
from k2planner.domain.importing.records import FoodRecord

HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1+1", "-2+3|cmd", "\tx", "\rx"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_cells_are_written_as_text_and_read_back(text: str) -> None:
    """Each formula start gets a leading apostrophe; restore takes it off again."""
    safe = neutralise(text)
    assert isinstance(safe, str) and safe.startswith("'")
    assert restore(safe) == text
    assert neutralise("Gouda") == "Gouda" and neutralise(4.5) == 4.5


def test_exported_foods_csv_has_no_live_formula_and_round_trips() -> None:
    """A food named like a formula is exported neutralised and imported with its own name."""
    names = [t for t in HOSTILE if "\r" not in t]  # a CR in a name is refused on import anyway
    foods = [FoodRecord(i, t, source_id=f"user:{i}", group="user") for i, t in enumerate(names)]
    text = foods_to_csv(foods)
    rows = list(csv.reader(io.StringIO(text)))
    written = [r[1] for r in rows[1:]]
    assert all(not n.startswith(("=", "+", "-", "@", "\t", "\r")) for n in written)
    parsed = parse_foods_csv(rows, "x.csv")
    assert sorted(f.name for f in parsed.foods) == sorted(names)
