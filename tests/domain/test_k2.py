"""K2 arithmetic: sums of known forms, coverage, and missing-is-not-zero."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from k2planner.domain.k2 import Coverage, summarise_k2, tally_k2
from k2planner.domain.nutrients import MK_FORMS, Nutrient, NutrientValue, Tier


def test_sum_of_known_forms_only() -> None:
    """Forms without a value are left out of the sum, not counted as zero."""
    s = summarise_k2({Nutrient.MK4: 10.0, Nutrient.MK9: 25.5})
    assert s.total_ug == pytest.approx(35.5)
    assert s.forms[Nutrient.MK7] is None
    assert s.coverage is Coverage.PARTIAL


def test_complete_when_major_forms_known() -> None:
    """MK-4, MK-7, MK-8 and MK-9 known (zeros count as known) → complete."""
    s = summarise_k2({Nutrient.MK4: 0.0, Nutrient.MK7: 0.0, Nutrient.MK8: 1.0, Nutrient.MK9: 2.0})
    assert s.coverage is Coverage.COMPLETE
    assert s.total_ug == pytest.approx(3.0)


def test_unknown_is_none_not_zero() -> None:
    """A food with no K2 information has an unknown total."""
    s = summarise_k2({Nutrient.K1: 100.0})
    assert s.total_ug is None
    assert s.coverage is Coverage.UNKNOWN
    assert not s.known


def test_reported_total_used_without_inventing_a_split() -> None:
    """A K2 total from NEVO/CIQUAL counts as the total; forms stay unknown."""
    s = summarise_k2({Nutrient.K2_REPORTED: 63.7})
    assert s.total_ug == 63.7
    assert s.from_reported_total
    assert all(v is None for v in s.forms.values())


def test_complete_forms_take_precedence_over_reported_total() -> None:
    """When the major forms are all known, the total is their sum."""
    values = {Nutrient.MK4: 1.0, Nutrient.MK7: 0.5, Nutrient.MK8: 0.2, Nutrient.MK9: 0.3}
    s = summarise_k2({Nutrient.K2_REPORTED: 99.0, **values})
    assert s.total_ug == pytest.approx(2.0)
    assert not s.from_reported_total


def test_a_higher_reported_total_covers_the_unsplit_forms() -> None:
    """Chicken breast: USDA's MK-4 8.4 and NEVO's total 9.0 give 9.0, 0.6 of it unsplit; a
    lower reported total never lowers the known forms."""
    s = summarise_k2({Nutrient.K2_REPORTED: 9.0, Nutrient.MK4: 8.4})
    assert s.total_ug == 9.0 and s.from_reported_total
    t = tally_k2([s])
    assert t.by_form[Nutrient.MK4] == pytest.approx(8.4)
    assert t.unsplit_ug == pytest.approx(0.6)
    low = summarise_k2({Nutrient.K2_REPORTED: 1.0, Nutrient.MK4: 8.4})
    assert low.total_ug == 8.4 and not low.from_reported_total


def test_tally_counts_coverage() -> None:
    """A tally reports how many items had a K2 value."""
    known = summarise_k2({Nutrient.MK7: 100.0}).scaled(0.5)
    unknown = summarise_k2({})
    t = tally_k2([known, unknown, unknown])
    assert t.total_ug == pytest.approx(50.0)
    assert (t.items, t.known_items, t.unknown_items, t.partial_items) == (3, 1, 2, 1)
    assert t.coverage_text() == "K2 known for 1 of 3 items (1 partly)"
    assert t.by_form[Nutrient.MK7] == pytest.approx(50.0)


@given(
    st.dictionaries(st.sampled_from(MK_FORMS), st.floats(0, 5000), max_size=7), st.floats(0.01, 10)
)
def test_scaling_is_linear(values: dict[Nutrient, float], factor: float) -> None:
    """Scaling a summary scales its total and every known form."""
    s = summarise_k2(values)
    scaled = s.scaled(factor)
    if s.total_ug is None:
        assert scaled.total_ug is None
    else:
        assert scaled.total_ug == pytest.approx(s.total_ug * factor)
    for form, v in s.forms.items():
        assert (scaled.forms[form] is None) == (v is None)


@pytest.mark.parametrize("bad", [-1.0, float("nan")])
def test_nutrient_value_rejects_negative_and_nan(bad: float) -> None:
    """A nutrient value cannot be negative or NaN."""
    with pytest.raises(ValueError):
        NutrientValue(Nutrient.MK7, bad, "test", Tier.USER)


def test_units_are_micrograms_for_vitamin_k() -> None:
    """Every vitamin K form is stored in µg."""
    for n in (*MK_FORMS, Nutrient.K1, Nutrient.DK1, Nutrient.K2_REPORTED):
        assert n.unit == "µg"


def test_a_meal_of_unmeasured_foods_is_unknown_not_zero() -> None:
    """Adding only unknown K2 gives "unknown", not 0 µg; one known item gives a number."""
    unknown = summarise_k2({Nutrient.K1: 100.0})
    tally = tally_k2([unknown, unknown])
    assert tally.known_total_ug is None and tally.text() == "unknown"
    measured = summarise_k2({Nutrient.MK4: 0.0})
    mixed = tally_k2([unknown, measured])
    assert mixed.known_total_ug == 0.0 and mixed.text(1) == "0.0 µg"
    assert tally_k2([]).text() == "0 µg"  # nothing planned: nothing to be unknown
