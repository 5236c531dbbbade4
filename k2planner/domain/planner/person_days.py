"""Each household member's day: energy, K2 and vitamin K from their own portions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from k2planner.domain.household import Person, energy_ok
from k2planner.domain.meals import Slot
from k2planner.domain.nutrients import Nutrient
from k2planner.domain.planner.details import PlanDetails
from k2planner.domain.planner.types import SLOT_ENERGY_SHARE


@dataclass(frozen=True, slots=True)
class PersonDay:
    """One person's totals for one day."""

    name: str
    energy_kcal: float
    energy_range_kcal: tuple[float, float]
    k2_ug: float
    vitamin_k_ug: float
    mk7_ug: float

    @property
    def energy_ok(self) -> bool:
        """Within ±10 % of the person's energy target (for the planned slots)."""
        return energy_ok(self.energy_kcal, *self.energy_range_kcal)


def person_days(
    details: PlanDetails, people: Sequence[Person], slots: Sequence[Slot]
) -> tuple[tuple[PersonDay, ...], ...]:
    """Per day, one PersonDay for each person (empty tuples when no people are named).

    Each planned meal's per-serving figures come from ``details`` (computed for any one
    person) and are scaled by every person's own servings."""
    if not people:
        return tuple(() for _ in details.days)
    share = sum(SLOT_ENERGY_SHARE[s] for s in slots) or 1.0
    out = []
    for d in details.days:
        todays = [m for m in details.meals if m.assignment.day == d.day]
        row = []
        for i, person in enumerate(people):
            kcal = k2 = vk = mk7 = 0.0
            for m in todays:
                a = m.assignment
                base = a.servings_for(details.person)
                if base <= 0:
                    continue
                f = a.servings_for(i) / base
                kcal += m.energy_kcal * f
                k2 += m.k2.total_ug * f
                vk += m.vitamin_k_ug * f
                mk7 += m.k2.by_form[Nutrient.MK7] * f
            row.append(PersonDay(person.name, kcal, person.energy_range(share), k2, vk, mk7))
        out.append(tuple(row))
    return tuple(out)
