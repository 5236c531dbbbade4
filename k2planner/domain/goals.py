"""The one place that judges a day: K2 target met, vitamin K inside its band.

Grid, JSON, print, advice and swap all ask these functions, so a day is never "on target" in
one view and "short" in another.
"""

from __future__ import annotations

TOLERANCE_UG = 0.5
"""A day within half a microgram of its goal counts as meeting it: food values are not more
precise than that, and the solver's optimality tolerance is of the same size."""


def meets_target(k2_ug: float, target_ug: float) -> bool:
    """True when a day's K2 reaches the target (within the tolerance)."""
    return k2_ug >= target_ug - TOLERANCE_UG


def band(baseline_ug: float, band_ug: float) -> tuple[float, float]:
    """The vitamin K band (low, high) around the baseline."""
    return baseline_ug - band_ug, baseline_ug + band_ug


def in_band(vk_ug: float, baseline_ug: float, band_ug: float) -> bool:
    """True when a day's total vitamin K lies inside baseline ± band (within the tolerance)."""
    lo, hi = band(baseline_ug, band_ug)
    return lo - TOLERANCE_UG <= vk_ug <= hi + TOLERANCE_UG


def under_cap(value_ug: float, cap_ug: float) -> bool:
    """True when a day's amount stays at or below a hard cap (rounding noise only)."""
    return value_ug <= cap_ug + 1e-6
