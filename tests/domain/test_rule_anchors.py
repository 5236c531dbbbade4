"""The word-rule pre-filter is exact: it only skips rules that cannot match."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k2planner.domain.diet_rules import _by_rules, rule_book
from k2planner.domain.rule_anchors import AnchorIndex, anchor_of

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("fragment", "anchor"),
    [
        ("eggs?", "egg"),
        ("past(?:y|ies)", "past"),
        ("croque[- ]monsieur", "monsieur"),
        ("coconut\\w*", "coconut"),
        ("soy|soya", None),
        ("b\\.l\\.t\\.", None),
        ("^(?:soy|oat)\\b.*\\b(?:drink|milk)", None),
    ],
)
def test_anchor_is_a_run_every_match_contains(fragment: str, anchor: str | None) -> None:
    """The anchor is required literal text, or None when nothing is required."""
    assert anchor_of(fragment) == anchor


def test_index_finds_overlapping_anchors() -> None:
    """Anchors that start at the same place or inside each other are all found."""
    index = AnchorIndex([["eggs?"], ["eggplants?"], ["plant"], ["x|y"]])
    assert index.candidates("roast eggplant") == [0, 1, 2, 3]
    assert index.candidates("carrot") == [3]


def _names() -> list[tuple[str, str]]:
    with (DATA / "labelled_food_names.csv").open(encoding="utf-8") as f:
        return [(row[next(iter(row))], "") for row in csv.DictReader(f)]


def test_indexed_rules_give_the_same_flags_on_labelled_names() -> None:
    """Every labelled name gets exactly the flags and reasons the full rule list gives."""
    book = rule_book()
    plain = replace(book, index=None, label_index=None)
    for name, group in _names():
        assert _by_rules(name, group, book) == _by_rules(name, group, plain), name


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "egg",
                "eggs",
                "cheese",
                "ham",
                "with",
                "without",
                "milk",
                "soy",
                "drink",
                "vegan",
                "croque",
                "monsieur",
                "pesto",
                "gelatine",
                "free",
                "de",
                "au",
                "lait",
                "beurre",
                "shepherd's",
                "pie",
                "b.l.t.",
                "fish",
                "sauce",
                "-",
                ",",
                "(",
                ")",
                "3",
            ]
        ),
        max_size=8,
    ),
    st.sampled_from(["", "Dairy", "Meat products", "Vegetables", "Snacks"]),
)
def test_indexed_rules_give_the_same_flags_on_any_words(words: list[str], group: str) -> None:
    """Random names made of rule words: the pre-filter never changes a result."""
    book = rule_book()
    name = " ".join(words) or "x"
    assert _by_rules(name, group, book) == _by_rules(
        name, group, replace(book, index=None, label_index=None)
    )
