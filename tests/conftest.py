"""Shared fixtures. Qt runs offscreen; no test touches the user's data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from k2planner.db.database import OpenedDatabase, open_database, open_memory_database
from k2planner.paths import resources_dir

GUI_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs a QApplication as ``gui``."""
    for item in items:
        if GUI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the app's data folder and database at the test's temporary folder."""
    monkeypatch.setenv("K2PLANNER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("K2PLANNER_DB", str(tmp_path / "data" / "k2planner.sqlite"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture(scope="session")
def resources() -> Path:
    """The bundled resources folder."""
    return resources_dir()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, resources: Path) -> Path:
    """A database file created and seeded once per test session."""
    path = tmp_path_factory.mktemp("template") / "seeded.sqlite"
    db = open_database(path, resources)
    db.engine.dispose()
    return path


@pytest.fixture
def seeded_db(seeded_template: Path, tmp_path: Path, resources: Path) -> Iterator[OpenedDatabase]:
    """A private copy of the seeded database (full bundled foods and meals)."""
    path = tmp_path / "db" / "k2planner.sqlite"
    path.parent.mkdir()
    shutil.copy(seeded_template, path)
    db = open_database(path, resources)
    yield db
    db.engine.dispose()


@pytest.fixture
def seeded_engine(seeded_db: OpenedDatabase) -> Engine:
    """Engine on a private copy of the seeded database."""
    return seeded_db.engine


@pytest.fixture
def empty_engine() -> Iterator[Engine]:
    """A migrated, empty in-memory database."""
    db = open_memory_database(None, seed=False)
    yield db.engine
    db.engine.dispose()
