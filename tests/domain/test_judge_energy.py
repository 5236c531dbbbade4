"""A day outside its energy range is judged so, with the range scaled to the planned slots."""

from __future__ import annotations

import datetime as dt

from k2planner.domain.judge import judge_day
from k2planner.domain.k2 import tally_k2
from k2planner.domain.meals import Slot
from k2planner.domain.planner.details import DayTotals
from k2planner.domain.preferences import Preferences


def _day(kcal: float) -> DayTotals:
    return DayTotals(0, dt.date(2026, 11, 23), tally_k2([]), 0.0, 0, kcal)


def test_energy_outside_the_range_is_flagged() -> None:
    """1,500 kcal is below 1,800–2,400; 2,000 is inside; 2% either side is rounding."""
    prefs = Preferences()
    low = judge_day(_day(1500), prefs)
    assert not low.energy_ok and "below 1,800–2,400" in low.energy_text
    assert judge_day(_day(2000), prefs).energy_ok
    assert judge_day(_day(1780), prefs).energy_ok
    assert not judge_day(_day(2600), prefs).energy_ok


def test_the_range_follows_the_planned_slots() -> None:
    """With breakfast and dinner only, a 1,100 kcal day is inside the scaled range."""
    prefs = Preferences(slots=(Slot.BREAKFAST, Slot.DINNER))
    verdict = judge_day(_day(1100), prefs)
    lo, hi = verdict.energy_range_kcal
    assert lo < 1100 < hi and verdict.energy_ok
