"""A household of named people: each gets servings that fit their energy target."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from k2planner.domain.household import Person, parse_people, portion_text
from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.domain.shopping import needs_of_plan
from k2planner.services.plan_json import plan_to_dict
from k2planner.services.planning import PlanningService

START = dt.date(2026, 11, 23)
TWO = (Person("Ana", 2000), Person("Ben", 2600))


def test_parse_people_reads_names_and_targets() -> None:
    """ "Ana:2000, Ben:2600 kcal" gives two people in order."""
    assert parse_people("Ana:2000, Ben:2600 kcal") == TWO


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Ana", "NAME:KCAL"),
        ("Ana:lots", "not a number"),
        ("Ana:2000,ana:1800", "named twice"),
        ("Ana:90000", "between"),
        (":2000", "needs a name"),
        ("", "at least one person"),
    ],
)
def test_parse_people_refuses_bad_text(text: str, why: str) -> None:
    """Each malformed household names what is wrong."""
    with pytest.raises(ValueError, match=why):
        parse_people(text)


def test_portion_text_uses_halves() -> None:
    """Servings read as 1½, ½, 2."""
    assert [portion_text(x) for x in (1.5, 0.5, 2.0)] == ["1½", "½", "2"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_two_people_each_within_ten_percent(seeded_engine: Engine, seed: int) -> None:
    """Every day, each person's energy is within ±10 % of their target and K2 is met."""
    prefs = Preferences(start_date=START, people=TWO)
    out = PlanningService(seeded_engine).generate(prefs, seed=seed, save=False)
    data = plan_to_dict(out)
    assert [p["name"] for p in data["people"]] == ["Ana", "Ben"]
    for day in data["days"]:
        for person in TWO:
            kcal = day["energy_by_person"][person.name]
            assert abs(kcal - person.energy_kcal) <= 0.1 * person.energy_kcal, (day["label"], kcal)
        assert all(p["meets_goal"] for p in day["people"])
        for meal in day["meals"]:
            each = meal["servings_by_person"]
            assert set(each) == {"Ana", "Ben"}
            assert all(v * 2 == int(v * 2) for v in each.values())  # half-serving steps
    # the bigger eater eats more over the week
    ana = sum(d["energy_by_person"]["Ana"] for d in data["days"])
    ben = sum(d["energy_by_person"]["Ben"] for d in data["days"])
    assert ben > ana * 1.15


def test_shopping_sums_each_persons_servings(seeded_engine: Engine) -> None:
    """The list needs the sum of everyone's servings, not one serving × household size."""
    prefs = Preferences(start_date=START, people=TWO)
    out = PlanningService(seeded_engine).generate(prefs, seed=4, save=False)
    a = out.assignments[0]
    meal = out.catalogue.meals[a.meal_id]
    needs = needs_of_plan([a], out.catalogue.meals, household=99)
    first = meal.ingredients[0]
    assert needs[0].amount.value == pytest.approx(first.grams * sum(a.portions))
    assert sum(a.portions) != a.servings * 99


def test_people_survive_storage_and_swaps(seeded_engine: Engine) -> None:
    """A stored plan keeps the portions; a swap refits that day for everyone."""
    planning = PlanningService(seeded_engine)
    out = planning.generate(Preferences(start_date=START, people=TWO), seed=5)
    loaded = planning.load(out.plan_id)
    assert loaded is not None
    assert [a.portions for a in loaded.assignments] == [a.portions for a in out.assignments]
    a = out.assignments[0]
    other = next(m.id for m in out.catalogue.options if a.slot in m.slots and m.id != a.meal_id)
    new = planning.replace_slot(out, a.day, a.slot, other, save=False)
    swapped = new.result.at(a.day, a.slot)
    assert swapped is not None and len(swapped.portions) == 2


def test_warfarin_household_keeps_each_person_in_band(seeded_engine: Engine) -> None:
    """VKA mode: every person's day stays inside the vitamin K band."""
    prefs = Preferences(
        start_date=START, people=TWO, anticoagulant=Anticoagulant.VKA, vk_baseline_ug=100
    )
    data = plan_to_dict(PlanningService(seeded_engine).generate(prefs, seed=1, save=False))
    for day in data["days"]:
        assert all(p["meets_goal"] for p in day["people"]), day["people"]


def test_a_child_and_a_big_eater_both_land_in_range(seeded_engine: Engine) -> None:
    """1,200 and 3,500 kcal: servings from ½ to 4 reach both ranges every day."""
    people = (Person("Kid", 1200), Person("Max", 3500))
    out = PlanningService(seeded_engine).generate(
        Preferences(start_date=START, people=people), seed=2, save=False
    )
    assert all(x.energy_ok for day in out.people_days for x in day)
