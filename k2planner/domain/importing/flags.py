"""The diet flags of an imported food: what the file states, and the rules for the rest.

A file may state some flags (our own exports state all of them; Open Food Facts states the
allergens, traces and whether a product is vegan or vegetarian; a CSV may have a "contains"
column). Flags the file does not cover are derived by the rules, like any food's. Where the file
says "free" but the food's name says it contains the flag ("Parmigiano" with no milk listed),
the flag becomes "may contain": a conflict is never resolved towards "free".
"""

from __future__ import annotations

from k2planner.domain.diet import DietFlags
from k2planner.domain.diet_rules import RuleBook, derive_flags
from k2planner.domain.importing.records import FoodRecord


def record_flags(record: FoodRecord, group: str, book: RuleBook | None = None) -> DietFlags:
    """The flags to store for ``record`` (of ``group``), each with its reason."""
    if record.flags_exact and record.contains is not None:
        return DietFlags(record.contains, record.may_contain, record.flag_reasons)
    derived = derive_flags(record.name, group, book=book)
    if record.contains is None:
        return derived
    covered = record.flags_covered
    said_contains = record.contains & covered
    said_may = record.may_contain & covered & ~said_contains
    conflict = derived.contains & covered & ~(said_contains | said_may)
    contains = said_contains | (derived.contains & ~covered)
    may = said_may | conflict | (derived.may_contain & ~covered)
    reasons = dict(derived.reasons)
    for f in covered.each():
        name = f.names()[0]
        if f & said_contains:
            reasons[name] = f"{record.flags_source} says it contains it"
        elif f & said_may:
            reasons[name] = f"{record.flags_source} says it may contain it (traces)"
        elif f & conflict:
            reasons[name] = (
                f"{record.flags_source} says it is free of it, but {derived.reasons_json()[name]}"
            )
        else:
            reasons[name] = f"{record.flags_source} says it is free of it"
    return DietFlags(contains, may, tuple(sorted(reasons.items())))


def pins_flags(record: FoodRecord) -> bool:
    """True when the stored flags must not be re-derived later (the user or the file set them)."""
    if record.flags_exact:
        return record.flags_user_set
    return record.flags_user_set or record.contains is not None
