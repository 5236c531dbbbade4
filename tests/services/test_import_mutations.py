"""Mutation fuzzing of whole imports: real files of every JSON format, with a few leaves
replaced by odd values (null, lists, 1e308, "NaN", …) or removed, go through reading and a
commit; the only exceptions allowed are the importer's own, each with a message."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from k2planner.domain.importing.own import to_json
from k2planner.services.import_read import ImportFileError, read_import
from k2planner.services.importer import ImportOptions, ImportRejected, ImportService

DATA = Path(__file__).resolve().parents[1] / "data"
ODD: list[Any] = [None, True, 0, -1, 1e308, -1e308, "", "x", "12", "1,5", [], {}, [1], {"a": 1}]
ODD += ["µg", "mg", 10**30, "NaN", "Infinity", "-5", "<b>bold</b>", "=HYPERLINK(1)"]


def _own_sample() -> Any:
    from k2planner.domain.importing.records import FoodRecord, MealRecord
    from k2planner.domain.nutrients import Nutrient

    food = FoodRecord(row=1, name="House natto", source_id="user:abc", values={Nutrient.MK7: 880})
    meal = MealRecord(
        row=2,
        key="natto-rice",
        name="Natto rice",
        slots=("breakfast",),
        ingredients=(("user:abc", 50.0, ""),),
    )
    return json.loads(to_json([food], [meal]))


SEEDS: list[Any] = [
    json.loads((DATA / "fdc_sr_legacy.json").read_text(encoding="utf-8")),
    json.loads((DATA / "off" / "product.json").read_text(encoding="utf-8")),
]


def _paths(doc: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, (*path, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, (*path, i))


def mutate(doc: Any, rng: random.Random) -> Any:
    """``doc`` with one to three leaves replaced by odd values or removed."""
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(list(_paths(doc)))
        if not path:
            continue
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        if rng.random() < 0.8:
            parent[path[-1]] = copy.deepcopy(rng.choice(ODD))
        elif isinstance(parent, dict):
            del parent[path[-1]]
    return doc


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 2**32 - 1), which=st.integers(0, 2), lines=st.booleans())
def test_mutated_real_files_never_crash(
    empty_engine: Engine, tmp_path: Path, seed: int, which: int, lines: bool
) -> None:
    """Reading and importing a mutated real file ends in records or one of our errors."""
    base = (*SEEDS, _own_sample())[which]
    doc = mutate(base, random.Random(seed))
    path = tmp_path / ("f.jsonl" if lines else "f.json")
    items = doc if isinstance(doc, list) else [doc]
    path.write_text(
        "\n".join(json.dumps(x) for x in items) if lines else json.dumps(doc), encoding="utf-8"
    )
    try:
        parsed = read_import(path)
        ImportService(empty_engine).commit(parsed, ImportOptions(skip_bad_rows=True))
    except (ImportFileError, ImportRejected) as exc:
        assert str(exc)


def test_a_list_as_source_id_is_a_row_error(empty_engine: Engine, tmp_path: Path) -> None:
    """Found by the fuzzer: "source_id": [1] is reported for that food, not raised."""
    doc = _own_sample()
    doc["foods"][0]["source_id"] = [1]
    path = tmp_path / "f.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    parsed = read_import(path)
    assert not parsed.foods and any("source_id" in i.message for i in parsed.issues)
    with pytest.raises(ImportRejected):
        ImportService(empty_engine).commit(parsed)
