"""Every bundled meal has a method and a time, in new databases and in older ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import migrate
from k2planner.db.database import open_database
from k2planner.db.engine import make_file_engine
from k2planner.db.meal_methods import MethodFileError, parse_methods
from k2planner.db.repo_meals import load_meals
from k2planner.db.seed import seed_database


def test_every_bundled_meal_has_a_method_and_time(seeded_engine: Engine) -> None:
    """3–8 steps, a positive total time and one serving's amounts for each of the 195 meals."""
    with Session(seeded_engine) as s:
        meals = load_meals(s)
    assert len(meals) == 195
    for meal in meals:
        assert 3 <= len(meal.method) <= 8, meal.key
        assert all(len(step) > 8 for step in meal.method), meal.key
        assert meal.time_minutes is not None and 0 < meal.time_minutes <= 120, meal.key
        assert meal.servings == 1


def test_database_of_the_previous_version_gets_the_methods(tmp_path: Path, resources: Path) -> None:
    """A database seeded at revision 0005 (no methods) is migrated and filled on open;
    the user's own meals are not touched."""
    path = tmp_path / "old.sqlite"
    engine = make_file_engine(path)
    migrate.upgrade(engine, "0005")
    seed_database_0005(engine, resources)
    engine.dispose()
    db = open_database(path, resources)
    with Session(db.engine) as s:
        meals = load_meals(s)
    db.engine.dispose()
    assert db.migrated_from == "0005"
    assert sum(1 for m in meals if m.method) == 195
    user = [m for m in meals if m.is_user]
    assert len(user) == 1 and user[0].method == () and user[0].time_minutes is None


def seed_database_0005(engine: Engine, resources: Path) -> None:
    """Seed a 0005 database (its meal table has no method columns) and add a meal of the
    user's."""
    seed_database(engine, resources)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO meal (key, name, slots, cuisine, tags, description, is_user)"
            " VALUES ('mine', 'Mine', 'lunch', '', '', '', 1)"
        )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('[a]\ntime = [5, 5]\nsteps = ["one", "two"]', "3 to 8"),
        ('[a]\ntime = [5, 5]\nsteps = ["one", "", "three"]', "3 to 8"),
        ('[a]\ntime = [0, 0]\nsteps = ["one", "two", "three"]', "not plausible"),
        ('[a]\ntime = [5, 9000]\nsteps = ["one", "two", "three"]', "not plausible"),
        ('[a]\nsteps = ["one", "two", "three"]', "time"),
    ],
)
def test_malformed_method_is_refused_naming_the_meal(text: str, why: str) -> None:
    """A bad entry in the methods file names the meal and what is wrong."""
    with pytest.raises(MethodFileError, match=rf"\[a\].*{why}"):
        parse_methods(text)


def test_methods_file_names_only_bundled_meals(resources: Path) -> None:
    """Every key of methods.toml is a meal of meals.toml, and the other way round."""
    import tomllib

    meals = tomllib.loads((resources / "meals" / "meals.toml").read_text(encoding="utf-8"))
    methods = parse_methods((resources / "meals" / "methods.toml").read_text(encoding="utf-8"))
    assert set(methods) == {m["key"] for m in meals["meals"]}
