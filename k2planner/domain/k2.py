"""Vitamin K2 arithmetic: totals of the known menaquinone forms, with coverage.

Rules (documented in README "Data and provenance"):

* K2 of a food = the sum of the menaquinone forms (MK-4 … MK-10) that have a value.
* If no form has a value but a source printed a K2 total (NEVO, CIQUAL), that total is used and
  the forms stay unknown: we never invent a split. When only some forms are known and a source's
  total is higher than their sum, the total is used (the rest is "forms unknown").
* Coverage says how far the total can be trusted:
  ``UNKNOWN`` – no K2 information at all (shown as "unknown", never as 0);
  ``PARTIAL`` – some forms known, but not all of MK-4, MK-7, MK-8 and MK-9 (the forms that
  carry almost all K2 in food); the sum is a lower bound, e.g. a USDA food with MK-4 only;
  ``COMPLETE`` – MK-4, MK-7, MK-8 and MK-9 all known, or a reported total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from k2planner.domain.nutrients import MK_FORMS, Nutrient

MAJOR_FORMS: frozenset[Nutrient] = frozenset(
    {Nutrient.MK4, Nutrient.MK7, Nutrient.MK8, Nutrient.MK9}
)


class Coverage(StrEnum):
    """How much of a K2 total is backed by data."""

    UNKNOWN = "unknown"
    PARTIAL = "partial"
    COMPLETE = "complete"


@dataclass(frozen=True, slots=True)
class K2Summary:
    """The K2 content of one food per 100 g (or of an amount, after ``scaled``)."""

    total_ug: float | None
    coverage: Coverage
    forms: Mapping[Nutrient, float | None]
    from_reported_total: bool = False

    @property
    def known(self) -> bool:
        """True when any K2 value is known (complete or partial)."""
        return self.coverage is not Coverage.UNKNOWN

    def total_or_zero(self) -> float:
        """The total with unknown counted as 0: only for conservative planning."""
        return self.total_ug if self.total_ug is not None else 0.0

    def scaled(self, factor: float) -> K2Summary:
        """The same summary for ``factor`` times the amount."""
        return K2Summary(
            total_ug=None if self.total_ug is None else self.total_ug * factor,
            coverage=self.coverage,
            forms={k: None if v is None else v * factor for k, v in self.forms.items()},
            from_reported_total=self.from_reported_total,
        )


def summarise_k2(values: Mapping[Nutrient, float]) -> K2Summary:
    """Compute the K2 summary of a food from its per-100 g values (absent = unknown)."""
    forms: dict[Nutrient, float | None] = {f: values.get(f) for f in MK_FORMS}
    known = {f: v for f, v in forms.items() if v is not None}
    reported = values.get(Nutrient.K2_REPORTED)
    if known:
        coverage = Coverage.COMPLETE if known.keys() >= MAJOR_FORMS else Coverage.PARTIAL
        if coverage is Coverage.PARTIAL and reported is not None and reported > sum(known.values()):
            # a source's total covers the forms nobody split out (chicken: USDA MK-4 + NEVO total)
            return K2Summary(reported, Coverage.COMPLETE, forms, from_reported_total=True)
        return K2Summary(sum(known.values()), coverage, forms)
    if reported is not None:
        return K2Summary(reported, Coverage.COMPLETE, forms, from_reported_total=True)
    return K2Summary(None, Coverage.UNKNOWN, forms)


UNKNOWN_K2 = K2Summary(None, Coverage.UNKNOWN, dict.fromkeys(MK_FORMS))
"""The K2 of an item nobody measured (a recipe line that matches no food)."""


@dataclass(frozen=True, slots=True)
class K2Tally:
    """K2 over several items (a meal or a day): known sum, per form, and coverage counts."""

    total_ug: float
    by_form: Mapping[Nutrient, float]
    unsplit_ug: float  # K2 from reported totals with unknown forms
    items: int
    known_items: int
    partial_items: int

    @property
    def unknown_items(self) -> int:
        """Items whose K2 nobody measured (counted as 0 in ``total_ug``)."""
        return self.items - self.known_items

    @property
    def known_total_ug(self) -> float | None:
        """The K2 sum, or None when no item's K2 is known (missing is not zero)."""
        return None if self.known_items == 0 and self.items > 0 else self.total_ug

    def text(self, digits: int = 0) -> str:
        """E.g. "42 µg", or "unknown" when no item's K2 is known."""
        v = self.known_total_ug
        return "unknown" if v is None else f"{v:.{digits}f} µg"

    def coverage_text(self) -> str:
        """E.g. "K2 known for 11 of 14 items (3 partly)"."""
        text = f"K2 known for {self.known_items} of {self.items} items"
        if self.partial_items:
            text += f" ({self.partial_items} partly)"
        return text


def tally_k2(summaries: Iterable[K2Summary]) -> K2Tally:
    """Add K2 summaries of amounts (already scaled); unknown ones add 0 and count as unknown."""
    by_form = dict.fromkeys(MK_FORMS, 0.0)
    total = unsplit = 0.0
    items = known = partial = 0
    for s in summaries:
        items += 1
        if not s.known:
            continue
        known += 1
        partial += s.coverage is Coverage.PARTIAL
        total += s.total_or_zero()
        if s.from_reported_total:  # the part of a reported total no form accounts for
            unsplit += s.total_or_zero() - sum(v for v in s.forms.values() if v is not None)
        for form, v in s.forms.items():
            if v is not None:
                by_form[form] += v
    return K2Tally(total, by_form, unsplit, items, known, partial)
