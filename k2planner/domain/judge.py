"""A day judged against the user's goal: one verdict for grid, JSON, print and advice."""

from __future__ import annotations

from dataclasses import dataclass

from k2planner.domain.goals import band, in_band, meets_target, under_cap
from k2planner.domain.household import energy_ok
from k2planner.domain.nutrients import Nutrient
from k2planner.domain.planner.details import DayTotals
from k2planner.domain.planner.person_days import PersonDay
from k2planner.domain.planner.types import scaled_energy_range
from k2planner.domain.preferences import Anticoagulant, Preferences


@dataclass(frozen=True, slots=True)
class DayVerdict:
    """Whether a day meets its goal, with the figures VKA mode shows apart."""

    ok: bool
    status: str  # "ok", "short" (K2 mode), "out-of-band" or "over-mk7-cap" (VKA mode)
    text: str  # e.g. "meets the target", "OUTSIDE your band 80–120 µg"
    vka: bool
    k2_ug: float
    k1_ug: float
    mk7_ug: float
    vitamin_k_ug: float
    mk7_ok: bool = True
    band_ok: bool = True
    energy_kcal: float = 0.0
    energy_range_kcal: tuple[float, float] = (0.0, float("inf"))

    @property
    def energy_ok(self) -> bool:
        """The day's calories lie within the range (2 % either side is within rounding)."""
        return energy_ok(self.energy_kcal, *self.energy_range_kcal)

    @property
    def energy_text(self) -> str:
        """E.g. "" when fine, "energy 1,560 kcal, below 1,800–2,400"."""
        if self.energy_ok:
            return ""
        lo, hi = self.energy_range_kcal
        where = "below" if self.energy_kcal < lo else "above"
        return f"energy {self.energy_kcal:,.0f} kcal, {where} {lo:,.0f}–{hi:,.0f}"

    @property
    def headline(self) -> str:
        """The day's main figure: total vitamin K in VKA mode, K2 otherwise."""
        if self.vka:
            return f"Vitamin K {self.vitamin_k_ug:.0f} µg"
        return f"K2 {self.k2_ug:.0f} µg"

    @property
    def forms_text(self) -> str:
        """VKA mode: "K1 85 · K2 21 (MK-7 4) µg"; K2 mode: ""."""
        if not self.vka:
            return ""
        return f"K1 {self.k1_ug:.0f} · K2 {self.k2_ug:.0f} (MK-7 {self.mk7_ug:.1f}) µg"


def judge_day(day: DayTotals, prefs: Preferences) -> DayVerdict:
    """The verdict for one day's totals under ``prefs`` (the goal decides ``ok``; the energy
    range is judged beside it)."""
    mk7 = day.k2.by_form[Nutrient.MK7]
    figures = (day.k2.total_ug, day.k1_ug, mk7, day.vitamin_k_ug)
    energy = (
        day.energy_kcal,
        scaled_energy_range(*prefs.planning_energy_range(), prefs.slots),
    )
    if prefs.anticoagulant is not Anticoagulant.VKA:
        ok = meets_target(day.k2.total_ug, prefs.k2_target_ug)
        text = "meets the target" if ok else f"below the target of {prefs.k2_target_ug:.0f} µg"
        return DayVerdict(ok, "ok" if ok else "short", text, False, *figures, True, True, *energy)
    lo, hi = band(prefs.vk_baseline_ug, prefs.vk_band_ug)
    band_ok = in_band(day.vitamin_k_ug, prefs.vk_baseline_ug, prefs.vk_band_ug)
    mk7_ok = under_cap(mk7, prefs.vka_mk7_cap_ug)
    problems = []
    if not band_ok:
        problems.append(f"OUTSIDE your band {lo:.0f}–{hi:.0f} µg")
    if not mk7_ok:
        problems.append(f"MK-7 ABOVE the cap of {prefs.vka_mk7_cap_ug:.0f} µg")
    status = "ok" if not problems else ("out-of-band" if not band_ok else "over-mk7-cap")
    text = (
        "; ".join(problems)
        if problems
        else f"within your band {lo:.0f}–{hi:.0f} µg, MK-7 under the cap of "
        f"{prefs.vka_mk7_cap_ug:.0f} µg"
    )
    return DayVerdict(not problems, status, text, True, *figures, mk7_ok, band_ok, *energy)


def judge_person(day: PersonDay, prefs: Preferences) -> bool:
    """Whether one household member's day meets the goal (the K2 target, or in VKA mode the
    vitamin K band and the MK-7 cap), by the same rules as :func:`judge_day`."""
    if prefs.anticoagulant is not Anticoagulant.VKA:
        return meets_target(day.k2_ug, prefs.k2_target_ug)
    return in_band(day.vitamin_k_ug, prefs.vk_baseline_ug, prefs.vk_band_ug) and under_cap(
        day.mk7_ug, prefs.vka_mk7_cap_ug
    )
