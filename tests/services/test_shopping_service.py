"""The shopping list service: ticks, extras, aisles and staples persist across restarts."""

from __future__ import annotations

import csv
import datetime as dt
import io

from sqlalchemy.engine import Engine

from k2planner.db.engine import make_file_engine
from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.services.planning import PlanningService
from k2planner.services.shopping import LineKind, ShoppingService, Staples
from k2planner.services.shopping_export import to_csv, to_markdown, to_text

START = dt.date(2026, 11, 23)


def _plan(engine: Engine, **kw):  # type: ignore[no-untyped-def]
    return PlanningService(engine).generate(Preferences(start_date=START, **kw), seed=3)


def test_list_groups_items_by_aisle_with_household(seeded_engine: Engine) -> None:
    """Headings precede their items; quantities are for the household."""
    one = ShoppingService(seeded_engine).build(_plan(seeded_engine, household_size=1))
    four = ShoppingService(seeded_engine).build(_plan(seeded_engine, household_size=4))
    assert one.lines[0].kind is LineKind.HEADING
    assert "For 4 people" in four.subtitle
    assert len(one.items()) > 20
    assert all(ln.quantity for ln in one.items())


def test_ticks_and_aisle_order_survive_a_restart(seeded_db) -> None:  # type: ignore[no-untyped-def]
    """Ticks, "have", extras, aisle order and a moved food are stored in the database."""
    engine = seeded_db.engine
    outcome = _plan(engine)
    svc = ShoppingService(engine)
    view = svc.build(outcome)
    first, second = view.items()[0], view.items()[1]
    svc.set_state(view.list_key, first, checked=True)
    svc.set_state(view.list_key, second, have=True)
    svc.add_extra(view.list_key, "Washing-up liquid")
    order = svc.aisle_order()
    svc.set_aisle_order(list(reversed(order)))
    assert first.food_id is not None
    svc.move_food(first.food_id, "Frozen")
    engine.dispose()

    fresh = make_file_engine(seeded_db.path)  # a new process would open the file like this
    again = ShoppingService(fresh).build(PlanningService(fresh).load(outcome.plan_id))
    by_key = {ln.key: ln for ln in again.items()}
    assert by_key[first.key].checked and by_key[first.key].aisle == "Frozen"
    assert by_key[second.key].have
    assert any(ln.kind is LineKind.EXTRA and ln.name == "Washing-up liquid" for ln in again.lines)
    assert ShoppingService(fresh).aisle_order() == list(reversed(order))
    fresh.dispose()


def test_staples_modes(seeded_engine: Engine) -> None:
    """Staples can be listed apart, in their aisles, or hidden."""
    outcome = _plan(engine := seeded_engine)
    svc = ShoppingService(engine)
    apart = svc.build(outcome, Staples.APART)
    hidden = svc.build(outcome, Staples.HIDE)
    shown = svc.build(outcome, Staples.SHOW)
    assert any(ln.kind is LineKind.HEADING and "staples" in ln.name.lower() for ln in apart.lines)
    assert len(hidden.items()) < len(shown.items()) == len(apart.items())


def test_warfarin_warning_travels_with_the_list(seeded_engine: Engine) -> None:
    """In VKA mode the list carries the warning (it is printed on every list)."""
    view = ShoppingService(seeded_engine).build(
        _plan(seeded_engine, anticoagulant=Anticoagulant.VKA)
    )
    assert view.warning is not None
    assert "anticoagulation clinic" in to_text(view)


def test_exports(seeded_engine: Engine) -> None:
    """Text, Markdown and CSV carry every item; user text is escaped in Markdown."""
    svc = ShoppingService(seeded_engine)
    outcome = _plan(seeded_engine)
    svc.add_extra(outcome.start.isoformat(), "<b>x</b> & *bold*")
    view = svc.build(outcome)
    rows = list(csv.DictReader(io.StringIO(to_csv(view))))
    assert len(rows) == len(view.items())
    assert {"aisle", "item", "quantity", "state"} <= set(rows[0])
    md = to_markdown(view)
    assert "\\<b\\>x\\</b\\> \\& \\*bold\\*" in md
    assert "- [ ] " in md
    assert "[ ] " in to_text(view)


def test_extra_item_validation(seeded_engine: Engine) -> None:
    """Empty or overlong free-text items are refused with a reason."""
    import pytest

    svc = ShoppingService(seeded_engine)
    with pytest.raises(ValueError, match="some text"):
        svc.add_extra("2026-11-23", "   ")
    with pytest.raises(ValueError, match="200"):
        svc.add_extra("2026-11-23", "x" * 201)
