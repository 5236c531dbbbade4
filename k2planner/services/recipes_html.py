"""The week's recipes for the printed weekly pack: each meal once, with its amounts for the
servings cooked, its time and its method. User text is escaped (see ``print_html``)."""

from __future__ import annotations

from collections.abc import Mapping

from k2planner.domain.foods import Food
from k2planner.domain.meals import Meal
from k2planner.domain.shopping import cooked_servings
from k2planner.services.html_text import esc
from k2planner.services.planning import PlanOutcome


def time_text(meal: Meal) -> str:
    """E.g. "prep 10 min · cook 25 min", or "" when no time is known."""
    parts = []
    if meal.prep_minutes:
        parts.append(f"prep {meal.prep_minutes} min")
    if meal.cook_minutes:
        parts.append(f"cook {meal.cook_minutes} min")
    return " · ".join(parts)


def _amount(grams: float) -> str:
    return f"{grams:,.0f} g" if grams >= 10 else f"{grams:.1f} g"


def _note(meal: Meal, note: str) -> str:
    """An ingredient's note; an imported recipe's line says it is for the whole recipe."""
    return f"recipe for {meal.servings}: {note}" if meal.servings > 1 else note


def recipe_html(meal: Meal, foods: Mapping[int, Food], servings: float, when: str = "") -> str:
    """One recipe: name, when it is eaten, time, ingredients for ``servings``, method."""
    serv = f"{servings:g} serving" + ("" if servings == 1 else "s")
    head = f"<h3>{esc(meal.name)}</h3>"
    facts = [x for x in (esc(when), esc(time_text(meal)), f"amounts for {serv}") if x]
    rows = "".join(
        f"<tr><td>{esc(foods[i.food_id].name if i.food_id in foods else f'food #{i.food_id}')}"
        + (f' <span class="note">({esc(_note(meal, i.note))})</span>' if i.note else "")
        + f'</td><td align="right">{_amount(i.grams * servings)}</td></tr>'
        for i in meal.ingredients
    )
    rows += "".join(
        f'<tr><td>{esc(u.text)} <span class="note">(matches no food; K2 unknown)</span></td>'
        "<td></td></tr>"
        for u in meal.unmatched
    )
    return (
        f'{head}<p class="sub">{" · ".join(facts)}</p>'
        f'<table cellspacing="0">{rows}</table>{method_html(meal)}'
    )


def method_html(meal: Meal) -> str:
    """The method as a numbered list, and where an imported recipe came from."""
    steps = "".join(f"<li>{esc(s)}</li>" for s in meal.method)
    method = f"<ol>{steps}</ol>" if steps else '<p class="note">No method written.</p>'
    source = f'<p class="note">Source: {esc(meal.source)}</p>' if meal.source else ""
    return method + source


def method_panel_html(meal: Meal) -> str:
    """Time, method and lines that match no food: the method shown on screen."""
    time = time_text(meal) or "no time given"
    serves = f" · the recipe as written makes {meal.servings} servings" if meal.servings > 1 else ""
    unmatched = "".join(
        f"<li>{esc(u.text)} — matches no food, so its K2 is unknown</li>" for u in meal.unmatched
    )
    also = f"<p><b>Also in the recipe</b></p><ul>{unmatched}</ul>" if unmatched else ""
    return f"<p><b>Method</b> ({esc(time)}{esc(serves)})</p>{method_html(meal)}{also}"


def week_recipes_html(o: PlanOutcome) -> str:
    """Every meal of the week once, in the order first eaten, with the days it is eaten."""
    order: list[int] = []
    when: dict[int, list[str]] = {}
    servings: dict[int, list[float]] = {}
    for a in sorted(
        o.assignments,
        key=lambda a: (a.day, o.prefs.slots.index(a.slot) if a.slot in o.prefs.slots else 9),
    ):
        if a.meal_id not in when:
            order.append(a.meal_id)
        when.setdefault(a.meal_id, []).append(f"{o.day_labels[a.day]} {a.slot.value}")
        servings.setdefault(a.meal_id, []).append(cooked_servings(a, o.prefs.members))
    parts = ['<h2 style="page-break-before: always;">Recipes of the week</h2>']
    for meal_id in order:
        meal = o.catalogue.meals[meal_id]
        each = sorted(set(servings[meal_id]))
        amount_for = each[0] if len(each) == 1 else 1.0
        eaten = "; ".join(when[meal_id])
        if len(each) > 1:
            eaten += " (servings differ: amounts are for one serving)"
        parts.append(recipe_html(meal, o.catalogue.foods, amount_for, eaten))
    return "".join(parts)
