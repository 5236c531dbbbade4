"""Diet flags as text for tables, tooltips and detail panes (one wording everywhere)."""

from __future__ import annotations

import html

from k2planner.domain.diet import Contains, DietFlags, FlagState, compatible_restrictions, noted


def flags_short(flags: DietFlags) -> str:
    """E.g. "dairy · may: animal-additive" ("–" when it is free of every tracked flag)."""
    parts = []
    if flags.contains:
        parts.append(", ".join(flags.contains.names()))
    if flags.may_contain:
        parts.append("may: " + ", ".join(flags.may_contain.names()))
    return " · ".join(parts) or "–"


def flag_lines(flags: DietFlags) -> list[tuple[FlagState, Contains, str]]:
    """(state, flag, reason) for every flag it contains or may contain, contained first."""
    out = [(FlagState.CONTAINS, f, flags.reason(f)) for f in flags.contains.each()]
    out += [(FlagState.MAY_CONTAIN, f, flags.reason(f)) for f in flags.may_contain.each()]
    return out


def flags_plain(flags: DietFlags) -> str:
    """One line per flag it contains or may contain, with the reason (plain text, tooltips)."""
    lines = [
        f"{state.value.capitalize()} {flag.label}" + (f": {why}" if why else "")
        for state, flag, why in flag_lines(flags)
    ]
    return "\n".join(lines) or "Free of every tracked allergen and animal product"


def flags_html(flags: DietFlags) -> str:
    """Contains / may contain with the reason of each, and the diets it suits (HTML)."""
    rows = [
        f"<b>{state.value.capitalize()}</b> {html.escape(f.label)}"
        + (f" – <i>{html.escape(why)}</i>" if why else "")
        for state, f, why in flag_lines(flags)
    ]
    if not rows:
        rows.append("Free of every tracked allergen and animal product.")
    suitable = compatible_restrictions(flags.contains, flags.may_contain)
    suits = [r.label for r in suitable]
    with_note = [r.label for r, _ in noted(flags.contains, flags.may_contain, suitable)]
    text = "<br>".join(rows)
    text += "<br>Suitable for: " + html.escape(", ".join(suits) or "–")
    if with_note:
        text += " (with a note for " + html.escape(", ".join(with_note)) + ")"
    return text
