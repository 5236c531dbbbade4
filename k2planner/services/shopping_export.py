"""The shopping list as plain text, Markdown and CSV (clipboard, files, command line)."""

from __future__ import annotations

import csv
import io

from k2planner.domain.csv_safety import neutralise_row
from k2planner.services.shopping import LineKind, ShoppingView


def _box(checked: bool, have: bool) -> str:
    return "[have]" if have else ("[x]" if checked else "[ ]")


def to_text(view: ShoppingView) -> str:
    """Plain text with tick boxes and aisle headings."""
    out = [view.title, view.subtitle, ""]
    if view.warning is not None:
        out += [f"! {view.warning.title}: {view.warning.text}", ""]
    for ln in view.lines:
        if ln.kind is LineKind.HEADING:
            out += ["", ln.name.upper()] if out[-1] else [ln.name.upper()]
        else:
            qty = f" — {ln.quantity}" if ln.quantity else ""
            out.append(f"{_box(ln.checked, ln.have)} {ln.name}{qty}")
            if ln.note:
                out.append(f"      note: {ln.note}")
    return "\n".join(out).strip() + "\n"


def _md(text: str) -> str:
    """Escape Markdown so that names print literally."""
    for ch in "\\`*_{}[]<>()#+-.!|&":
        text = text.replace(ch, "\\" + ch)
    return text


def to_markdown(view: ShoppingView) -> str:
    """Markdown task lists under one heading per aisle."""
    out = [f"# {_md(view.title)}", "", _md(view.subtitle), ""]
    if view.warning is not None:
        out += [f"> **{_md(view.warning.title)}**: {_md(view.warning.text)}", ""]
    for ln in view.lines:
        if ln.kind is LineKind.HEADING:
            out += ["", f"## {_md(ln.name)}", ""]
        else:
            box = "[x]" if ln.checked or ln.have else "[ ]"
            have = " *(already have)*" if ln.have else ""
            qty = f" — {_md(ln.quantity)}" if ln.quantity else ""
            out.append(f"- {box} {_md(ln.name)}{qty}{have}")
    return "\n".join(out).strip() + "\n"


def to_csv(view: ShoppingView) -> str:
    """One row per item: aisle, item, quantity, state, for meals, note."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(neutralise_row(["aisle", "item", "quantity", "state", "food", "for meals", "note"]))
    for ln in view.items():
        state = "have" if ln.have else ("bought" if ln.checked else "")
        w.writerow(
            neutralise_row([ln.aisle, ln.name, ln.quantity, state, ln.full_name, ln.meals, ln.note])
        )
    return buf.getvalue()
