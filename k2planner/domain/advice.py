"""What the app tells the user about a plan: facts with sources, never prescriptions.

The UI and printouts only render these texts; the rules live here:

* **Vitamin K antagonist** (warfarin …): a warning that is always present, no supplement hint
  anywhere, and a flag for every day whose total vitamin K falls outside baseline ± band.
* **Direct oral anticoagulant**: a short factual note; the plan is not held steady.
* **Otherwise**, when the plan's average K2 is below the target: a supplement hint with the
  gap and what studies used, to check with a doctor or pharmacist.
* Always, when some ingredients have no K2 value: a note that unknown K2 was counted as 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from k2planner.domain.goals import band, in_band, meets_target
from k2planner.domain.planner.details import PlanDetails
from k2planner.domain.planner.locks import RefusedLock
from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.domain.sources import Source, sources
from k2planner.domain.vka import MK7_RICH_UG_PER_100G

TRIAL_MK7_DOSES_UG: tuple[float, ...] = (45.0, 90.0, 180.0, 360.0)
VKA_WARNING_TITLE = "You take a vitamin K antagonist"
VKA_INSTRUCTION = (
    "Keep your vitamin K steady, do not avoid it. No natto and no MK-7 supplements. Talk to your "
    "anticoagulation clinic before any change to your diet's vitamin K or any supplement."
)


class Severity(StrEnum):
    """How prominently to show an advice item."""

    INFO = "info"
    NOTICE = "notice"
    WARNING = "warning"
    CRITICAL = "critical"


class Kind(StrEnum):
    """What an advice item is about."""

    VKA_WARNING = "vka-warning"
    VKA_DAY_FLAG = "vka-day-outside-band"
    VKA_RULES = "vka-rules"
    LOCK_REFUSED = "lock-refused"
    DIET_NOTE = "diet-may-contain"
    DOAC_NOTE = "doac-note"
    SUPPLEMENT_HINT = "supplement-hint"
    SHORTFALL = "shortfall"
    UNKNOWN_K2 = "unknown-k2"
    TARGET_INFO = "target-info"


@dataclass(frozen=True, slots=True)
class Advice:
    """One statement for the user, with its sources."""

    kind: Kind
    severity: Severity
    title: str
    text: str
    sources: tuple[Source, ...] = ()
    day: int | None = None


def vka_warning(prefs: Preferences) -> Advice:
    """The persistent warning for users of warfarin and other vitamin K antagonists."""
    lo, hi = band(prefs.vk_baseline_ug, prefs.vk_band_ug)
    text = (
        "Vitamin K changes how warfarin and other vitamin K antagonists work. People who take "
        "them need to keep their vitamin K intake consistent from day to day, not avoid it. "
        f"This plan keeps each day's total vitamin K (K1 + K2) between {lo:.0f} and {hi:.0f} µg, "
        "and it does not treat the forms alike: MK-7 stays in the body for days and builds up "
        "when eaten daily, and 10–20 µg of MK-7 a day already lowered the INR of many people on "
        "these medicines, while K1 below about 150 µg a day did not change it significantly. So "
        "the plan never includes natto — the food with by far the most MK-7, up to about "
        f"1,000 µg per 100 g — or other foods with {MK7_RICH_UG_PER_100G:.0f} µg of MK-7 or more "
        f"per 100 g, keeps each day's MK-7 at or below {prefs.vka_mk7_cap_ug:.0f} µg, and keeps "
        f"K2 within {prefs.vka_k2_spread_ug:.0f} µg from one day to the next. MK-7 supplements "
        "are to be avoided while you take a vitamin K antagonist, and supplement labels often "
        "misstate how much vitamin K a product contains. Talk to your anticoagulation clinic "
        "before any change to your diet's vitamin K or any supplement."
    )
    return Advice(
        Kind.VKA_WARNING,
        Severity.CRITICAL,
        VKA_WARNING_TITLE,
        text,
        sources(
            "ods_hp",
            "ods_consumer",
            "theuwissen2013",
            "schurgers2007",
            "schurgers2004",
            "truong2011",
        ),
    )


def refused_lock_notice(refused: RefusedLock) -> Advice:
    """A notice that a locked meal was unlocked because it breaks a rule."""
    return Advice(
        Kind.LOCK_REFUSED,
        Severity.WARNING,
        "A locked meal was unlocked",
        refused.text(),
        day=refused.lock.day,
    )


def doac_note() -> Advice:
    """A factual note for users of direct oral anticoagulants."""
    return Advice(
        Kind.DOAC_NOTE,
        Severity.INFO,
        "Direct oral anticoagulants",
        "Apixaban, rivaroxaban, edoxaban and dabigatran are not vitamin K antagonists: they act "
        "on clotting factors directly, not through vitamin K, so this plan does not hold your "
        "vitamin K steady. If you are not sure which kind of anticoagulant you take, ask your "
        "pharmacist; if it is warfarin or another vitamin K antagonist, change this setting.",
        sources("doac_mechanism", "ods_hp"),
    )


def target_info(target_ug: float) -> Advice:
    """Why the target is what it is (there is no official K2 value)."""
    return Advice(
        Kind.TARGET_INFO,
        Severity.INFO,
        "About the K2 target",
        f"Your target is {target_ug:.0f} µg of K2 a day. There is no official intake "
        "recommendation for K2: the default of 90 µg is the US Adequate Intake for total "
        "vitamin K for women (120 µg for men); EFSA's 70 µg a day is set for K1 only.",
        sources("iom2001", "efsa2017"),
    )


def smallest_covering_dose(gap_ug: float) -> float | None:
    """The smallest MK-7 dose used in studies that covers ``gap_ug`` (None if none does)."""
    return next((d for d in TRIAL_MK7_DOSES_UG if d >= gap_ug), None)


def supplement_hint(average_ug: float, target_ug: float) -> Advice:
    """The hint shown when food alone stays below the target (never for VKA users)."""
    gap = max(0.0, target_ug - average_ug)
    dose = smallest_covering_dose(gap)
    dose_text = (
        f"The smallest of these that covers your gap is {dose:.0f} µg."
        if dose is not None
        else "Your gap is larger than the doses used in these studies."
    )
    text = (
        f"Your plan gives about {average_ug:.0f} µg of K2 a day, {gap:.0f} µg below your "
        f"target of {target_ug:.0f} µg. If you want to close the gap, K2 supplements usually "
        "contain MK-7; studies used 45 µg (the usual retail dose), 90 µg (together with "
        "vitamin D3), 180 µg and 360 µg a day. "
        + dose_text
        + " Vitamin K is fat-soluble, so supplements are taken with a meal that contains some "
        "fat, and MK-7 is often combined with vitamin D3. Check with your doctor or "
        "pharmacist before you start a supplement, especially if you take any medicine."
    )
    return Advice(
        Kind.SUPPLEMENT_HINT,
        Severity.NOTICE,
        f"Food alone falls {gap:.0f} µg short",
        text,
        sources("theuwissen2013", "kurnatowska2015", "knapen2013", "emaus2010", "ods_hp"),
    )


def unknown_k2_note(details: PlanDetails) -> Advice | None:
    """Say that unknown K2 values were counted as 0, and how many."""
    cov = details.coverage()
    weight = details.weight_coverage()
    if weight.unknown_g == 0 and cov.partial_items == 0 and weight.imputed_g == 0:
        return None
    text = (
        f"{weight.text()} in this plan (plant foods, which make K1 rather than K2, are not "
        "counted). The K2 figures add up only known values, so they are a lower bound: where "
        "nobody measured K2 the real content is probably a little higher than shown."
    )
    if weight.imputed_g:
        text += (
            " Imputed values are taken from a measured relative food (Settings → Goal can "
            "leave them out)."
        )
    if cov.partial_items:
        text += " Partly known means only some forms were measured (often MK-4 only)."
    return Advice(
        Kind.UNKNOWN_K2,
        Severity.INFO,
        "Unknown K2 values",
        text,
        sources("usda_sr28", "k2_literature"),
    )


def day_flags(details: PlanDetails, prefs: Preferences, day_names: Sequence[str]) -> list[Advice]:
    """One flag for each day whose total vitamin K is outside baseline ± band."""
    lo, hi = band(prefs.vk_baseline_ug, prefs.vk_band_ug)
    out = []
    for d in details.days:
        vk = d.vitamin_k_ug
        if in_band(vk, prefs.vk_baseline_ug, prefs.vk_band_ug):
            continue
        where = "above" if vk > hi else "below"
        out.append(
            Advice(
                Kind.VKA_DAY_FLAG,
                Severity.WARNING,
                f"{day_names[d.day]}: outside your band",
                f"{day_names[d.day]} has {vk:.0f} µg of vitamin K, {where} your band of "
                f"{lo:.0f}–{hi:.0f} µg. Swap a meal, or ask your anticoagulation clinic.",
                sources("ods_hp"),
                day=d.day,
            )
        )
    return out


def advise(
    details: PlanDetails,
    prefs: Preferences,
    day_names: Sequence[str],
    shortfall: Advice | None = None,
) -> list[Advice]:
    """All advice for a plan, most important first."""
    out: list[Advice] = []
    if prefs.anticoagulant is Anticoagulant.VKA:
        out.append(vka_warning(prefs))
        out.extend(day_flags(details, prefs, day_names))
    else:
        if prefs.anticoagulant is Anticoagulant.DOAC:
            out.append(doac_note())
        average = details.average_k2_ug()
        if not meets_target(average, prefs.k2_target_ug):
            out.append(supplement_hint(average, prefs.k2_target_ug))
        if shortfall is not None:
            out.append(shortfall)
        out.append(target_info(prefs.k2_target_ug))
    note = unknown_k2_note(details)
    if note is not None:
        out.append(note)
    return out
