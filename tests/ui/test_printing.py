"""PDFs of the list and the weekly pack, produced headless and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from k2planner.domain.food_input import FoodInput
from k2planner.domain.meals import Slot
from k2planner.domain.nutrients import Nutrient
from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.services.custom_foods import CustomFoodService
from k2planner.services.planning import PlanningService
from k2planner.services.shopping import ShoppingService
from k2planner.services.user_meals import MealInput, UserMealService
from k2planner.ui import printing

START = dt.date(2026, 11, 23)
HOSTILE = "<b>x</b> & <img src=y>"


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("page", [printing.PageSize.A4, printing.PageSize.LETTER])
def test_list_pdf_has_headings_items_quantities(
    qapp, seeded_engine: Engine, tmp_path: Path, page: printing.PageSize
) -> None:  # type: ignore[no-untyped-def]
    """Aisle headings, items with quantities, household and dates; one or two pages."""
    outcome = PlanningService(seeded_engine).generate(
        Preferences(start_date=START, household_size=2), seed=3
    )
    view = ShoppingService(seeded_engine).build(outcome)
    pdf = printing.write_pdf(printing.list_document(view), tmp_path / "list.pdf", page)
    text = _words(_text(pdf))
    assert "Shopping list" in text and "For 2 people" in text and "Nov 2026" in text
    headings = {ln.aisle for ln in view.items()}
    assert all(h in text for h in headings if len(h) < 30)
    item = view.items()[0]
    assert item.name.split(",")[0] in text and item.quantity.split(" (")[0] in text
    assert len(PdfReader(pdf).pages) <= 2


def test_pack_pdf_warfarin_and_hostile_name(qapp, seeded_engine: Engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The pack carries the warfarin warning; a markup-like food name prints literally."""
    foods = CustomFoodService(seeded_engine)
    saved = foods.save(
        FoodInput(HOSTILE, values={Nutrient.ENERGY: (100.0, "kcal"), Nutrient.K1: (5.0, "µg")})
    )
    meal_id = UserMealService(seeded_engine).save(
        MealInput("Odd snack", (Slot.SNACK,), ((saved.id, 80.0, ""),))
    )
    from k2planner.domain.planner.types import Lock

    prefs = Preferences(start_date=START, anticoagulant=Anticoagulant.VKA)
    outcome = PlanningService(seeded_engine).generate(
        prefs, seed=2, locks=(Lock(0, Slot.SNACK, meal_id),)
    )
    view = ShoppingService(seeded_engine).build(outcome)
    pdf = printing.write_pdf(printing.pack_document(outcome, view), tmp_path / "pack.pdf")
    text = _words(_text(pdf))
    assert "vitamin K antagonist" in text and "anticoagulation clinic" in text
    assert "natto" in text and "MK-7 supplements are to be avoided" in text
    assert "10.1111/jth.12203" in text.replace(" ", "")  # Theuwissen 2013, with its DOI
    assert "MK-7 µg (cap 10)" in text and "K1 µg" in text
    assert "Week plan" in text and "Shopping list" in text
    assert HOSTILE in text
    assert "Food alone falls" not in text  # no supplement hint in warfarin mode
    lst = printing.write_pdf(printing.list_document(view), tmp_path / "list.pdf")
    assert "anticoagulation clinic" in _words(_text(lst))
    assert HOSTILE in _words(_text(lst))


def test_fonts_are_available(qapp) -> None:  # type: ignore[no-untyped-def]
    """Without fonts a PDF would silently have no text."""
    assert printing.fonts_available()
