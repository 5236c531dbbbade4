"""HTML for printing: the shopping list and the weekly pack (rendered by Qt's QTextDocument).

Everything a user typed (food and meal names, extra items, notes) is escaped, so it always
prints as text and is never read as markup. The chart is referenced as the image resource
``CHART_URL``; the UI layer renders it and adds it to the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from k2planner.domain.advice import Advice, Kind
from k2planner.domain.goals import band
from k2planner.domain.household import portions_text
from k2planner.domain.judge import judge_day, judge_person
from k2planner.domain.k2_coverage import K2Status, WeightCoverage
from k2planner.domain.preferences import Anticoagulant
from k2planner.services.html_text import esc
from k2planner.services.planning import PlanOutcome
from k2planner.services.recipes_html import week_recipes_html
from k2planner.services.shopping import LineKind, ListLine, ShoppingView

CHART_URL = "k2planner://chart.png"
BOX = "\u2610"  # ☐
TICKED = "\u2611"  # ☑

_STYLE = """
<style>
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #000; }
h1 { font-size: 15pt; margin: 0 0 2px 0; }
h2 { font-size: 12pt; margin: 10px 0 4px 0; }
h3 { font-size: 10.5pt; margin: 10px 0 1px 0; }
ol { margin-top: 2px; margin-bottom: 2px; }
p.aisle { font-size: 10.5pt; margin: 8px 0 1px 0; color: #1d4f7a; }
p.sub { color: #333; margin: 0 0 6px 0; }
td { padding: 1px 4px; vertical-align: top; }
td.box { font-size: 12pt; width: 16px; }
td.qty { color: #222; }
.have { color: #777; }
.warn { background-color: #fde2e0; border: 2px solid #b0261b; padding: 6px; }
.note { font-size: 8pt; color: #555; }
table.grid { border-collapse: collapse; }
table.grid td, table.grid th { border: 1px solid #999; padding: 3px; font-size: 8.5pt; }
table.grid th { background-color: #e8eef4; }
.short { color: #b0261b; font-weight: bold; }
</style>
"""


def warning_box(advice: Advice) -> str:
    """The warfarin warning as a framed block, with its sources."""
    cited = "; ".join(
        s.citation.split(":")[0] + (f" {s.url}" if s.url else "") for s in advice.sources
    )
    sources = f'<br><span class="note">Sources: {esc(cited)}</span>' if cited else ""
    return (
        f'<table class="warn" width="100%" cellpadding="6"><tr><td><b>⚠ '
        f"{esc(advice.title)}</b><br>{esc(advice.text)}{sources}</td></tr></table>"
    )


def _line_row(ln: ListLine) -> str:
    if ln.have:
        return (
            f'<tr class="have"><td class="box" width="6%">{TICKED}</td>'
            f'<td class="have" width="54%">{esc(ln.name)} (already have)</td>'
            f'<td class="qty have" width="40%">{esc(ln.quantity)}</td></tr>'
        )
    box = TICKED if ln.checked else BOX
    note = f'<br><span class="note">{esc(ln.note)}</span>' if ln.note else ""
    return (
        f'<tr><td class="box" width="6%">{box}</td><td width="54%">{esc(ln.name)}{note}'
        f'</td><td class="qty" width="40%">{esc(ln.quantity)}</td></tr>'
    )


def _sections(view: ShoppingView) -> list[list[ListLine]]:
    sections: list[list[ListLine]] = []
    for ln in view.lines:
        if ln.kind is LineKind.HEADING:
            sections.append([ln])
        elif sections:
            sections[-1].append(ln)
    return sections


def _section_html(section: Sequence[ListLine]) -> str:
    head, *rows = section
    return (
        f'<p class="aisle"><b>{esc(head.name)}</b></p>'
        '<table width="100%" cellspacing="0" cellpadding="1">'
        + "".join(_line_row(r) for r in rows)
        + "</table>"
    )


def shopping_list_html(view: ShoppingView, *, standalone: bool = True) -> str:
    """The list in two balanced columns, with tick boxes and aisle headings."""
    sections = _sections(view)
    total = sum(len(s) + 1 for s in sections)
    left: list[list[ListLine]] = []
    right: list[list[ListLine]] = []
    used = 0
    for s in sections:
        (left if used < total / 2 else right).append(s)
        used += len(s) + 1
    cols = "".join(
        f'<td width="50%">{"".join(_section_html(s) for s in col)}</td>' for col in (left, right)
    )
    warn = warning_box(view.warning) if view.warning is not None else ""
    body = (
        f'<h1>{esc(view.title)}</h1><p class="sub">{esc(view.subtitle)}. Tick items off as '
        f"you shop.</p>{warn}"
        f'<table width="100%" cellspacing="0" cellpadding="6"><tr>{cols}</tr></table>'
    )
    if not sections:
        body += "<p>Nothing to buy: plan a week first.</p>"
    return f"<html><head>{_STYLE}</head><body>{body}</body></html>" if standalone else body


def known_by_weight(w: WeightCoverage) -> str:
    """E.g. "92 %" of the weight that can carry K2 ("–" when none can)."""
    share = w.share(K2Status.MEASURED)
    return "–" if share is None else f"{100 * (share + (w.share(K2Status.IMPUTED) or 0)):.0f} %"


def _plan_table(o: PlanOutcome) -> str:
    p = o.prefs
    vka = p.anticoagulant is Anticoagulant.VKA
    head = "".join(f"<th>{esc(s.label)}</th>" for s in p.slots)
    goal = (
        f"Vitamin K µg ({band(p.vk_baseline_ug, p.vk_band_ug)[0]:.0f}–"
        f"{band(p.vk_baseline_ug, p.vk_band_ug)[1]:.0f})"
        if vka
        else "K2 µg (range across sources)"
    )
    rows = []
    for d in o.details.days:
        cells = []
        for s in p.slots:
            pm = o.details.meal_at(d.day, s)
            if pm is None:
                cells.append("<td>—</td>")
                continue
            each = portions_text(p.people, pm.assignment.portions) if o.people_days else ""
            serv = (
                f'<br><span class="note">{esc(each)}</span>'
                if each
                else ("" if pm.assignment.servings == 1 else f" ×{pm.assignment.servings:g}")
            )
            lock = " (locked)" if pm.assignment.locked else ""
            amount = f"vit. K {pm.vitamin_k_ug:.0f} µg" if vka else f"K2 {pm.k2_text()}"
            cells.append(
                f'<td>{esc(pm.meal.name)}{serv}{lock}<br><span class="note">{amount}</span></td>'
            )
        v = judge_day(d, p)
        total = f"{d.vitamin_k_ug:.0f}" if vka else f"{d.k2.total_ug:.0f}"
        mark = "" if v.band_ok and (vka or v.ok) else ' class="short"'
        flag = "" if v.band_ok and (vka or v.ok) else " ⚠"
        kcal_mark = "" if v.energy_ok else ' class="short"'
        kcal_flag = "" if v.energy_ok else " ⚠"
        vka_cells = ""
        if vka:
            mk7_mark = "" if v.mk7_ok else ' class="short"'
            vka_cells = (
                f"<td>{d.k2.total_ug:.0f}</td>"
                f"<td{mk7_mark}>{v.mk7_ug:.1f}{'' if v.mk7_ok else ' ⚠'}</td>"
            )
        rows.append(
            f"<tr><td><b>{esc(o.day_labels[d.day])}</b></td>{''.join(cells)}"
            f'<td{mark}>{total}{flag}<br><span class="note">{d.k2_range_ug[0]:.0f}–'
            f"{d.k2_range_ug[1]:.0f}</span></td><td>{d.k1_ug:.0f}</td>{vka_cells}"
            f"<td{kcal_mark}>{d.energy_kcal:,.0f}{kcal_flag}</td>"
            f"<td>{known_by_weight(d.k2_weight)}</td></tr>"
        )
    extra_head = f"<th>K2 µg</th><th>MK-7 µg (cap {p.vka_mk7_cap_ug:.0f})</th>" if vka else ""
    return (
        f'<table class="grid" width="100%" cellspacing="0"><tr><th>Day</th>{head}'
        f"<th>{goal}</th><th>K1 µg</th>{extra_head}<th>kcal</th><th>K2 known (by weight)</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _people_table(o: PlanOutcome) -> str:
    """Each person's day: energy against their ±10 % range, and their K2 (or vitamin K)."""
    vka = o.prefs.anticoagulant is Anticoagulant.VKA
    head = "".join(
        f"<th>{esc(x.name)} kcal ({x.energy_range()[0]:,.0f}–{x.energy_range()[1]:,.0f})</th>"
        f"<th>{esc(x.name)} {'vit. K' if vka else 'K2'} µg</th>"
        for x in o.prefs.people
    )
    rows = []
    for d, each in zip(o.details.days, o.people_days, strict=True):
        cells = []
        for x in each:
            flag = "" if x.energy_ok else " ⚠"
            ok = judge_person(x, o.prefs)
            fig = x.vitamin_k_ug if vka else x.k2_ug
            e_cls = "" if x.energy_ok else ' class="short"'
            g_cls, g_flag = ("", "") if ok else (' class="short"', " ⚠")
            cells.append(
                f"<td{e_cls}>{x.energy_kcal:,.0f}{flag}</td><td{g_cls}>{fig:.0f}{g_flag}</td>"
            )
        rows.append(f"<tr><td><b>{esc(o.day_labels[d.day])}</b></td>{''.join(cells)}</tr>")
    return (
        '<h2>Per person</h2><table class="grid" width="100%" cellspacing="0">'
        f"<tr><th>Day</th>{head}</tr>" + "".join(rows) + "</table>"
    )


def weekly_pack_html(o: PlanOutcome, shopping: ShoppingView, *, with_chart: bool = True) -> str:
    """Plan grid, per-day totals and chart, advice and warnings, the week's recipes, then the
    shopping list."""
    p = o.prefs
    last = o.start + dt.timedelta(days=p.days - 1)
    vka = next((a for a in o.advice if a.kind is Kind.VKA_WARNING), None)
    goal = (
        f"total vitamin K {p.vk_baseline_ug - p.vk_band_ug:.0f}–"
        f"{p.vk_baseline_ug + p.vk_band_ug:.0f} µg a day"
        if vka
        else f"K2 target {p.k2_target_ug:.0f} µg a day"
    )
    people = "1 person" if p.members == 1 else f"{p.members} people"
    per = (
        f"totals for {p.people[o.details.person].name} (smallest portions), each person's "
        "servings in the cells"
        if o.details.person is not None
        else "amounts per person"
    )
    parts = [
        f"<h1>Week plan, {o.start:%a %d %b} – {last:%a %d %b %Y}</h1>",
        f'<p class="sub">{esc(goal)} · {esc(per)}; shopping for {people} · '
        f"planned {esc(o.result.status.value)}</p>",
    ]
    if vka is not None:
        parts.append(warning_box(vka))
    parts.append(_plan_table(o))
    if o.people_days:
        parts.append(_people_table(o))
    if with_chart:
        parts.append(f'<p><img src="{CHART_URL}" width="640"></p>')
    notes = [a for a in o.advice if a.kind is not Kind.VKA_WARNING]
    if notes:
        parts.append("<h2>Advice</h2>")
        for a in notes:
            keys = ", ".join(s.key for s in a.sources)
            src = f' <span class="note">(sources: {esc(keys)})</span>' if keys else ""
            parts.append(f"<p><b>{esc(a.title)}.</b> {esc(a.text)}{src}</p>")
    parts.append(week_recipes_html(o))
    parts.append('<h2 style="page-break-before: always;">Shopping list</h2>')
    parts.append(shopping_list_html(shopping, standalone=False))
    return f"<html><head>{_STYLE}</head><body>{''.join(parts)}</body></html>"
