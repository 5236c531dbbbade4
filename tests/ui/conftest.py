"""Fixtures for UI tests: a real plan from the seeded database, fake services, UI state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.services.planning import PlanningService, PlanOutcome

START = dt.date(2026, 11, 23)


@pytest.fixture
def outcome(seeded_engine: Engine) -> PlanOutcome:
    """A real plan (omnivore)."""
    return PlanningService(seeded_engine).generate(Preferences(start_date=START), seed=1)


@pytest.fixture
def vka_outcome(seeded_engine: Engine) -> PlanOutcome:
    """A real plan in warfarin mode."""
    prefs = Preferences(start_date=START, anticoagulant=Anticoagulant.VKA)
    return PlanningService(seeded_engine).generate(prefs, seed=1)


@pytest.fixture
def ui_state(tmp_path: Path):  # type: ignore[no-untyped-def]
    """UI state in a temporary INI file."""
    from k2planner.ui.ui_state import UiState

    return UiState(tmp_path / "ui.ini")


@pytest.fixture
def window(qtbot, tmp_path: Path, seeded_template: Path):  # type: ignore[no-untyped-def]
    """The real main window on a private copy of the seeded database."""
    import shutil

    from k2planner.app import create_window
    from k2planner.paths import resources_dir

    db = tmp_path / "app.sqlite"
    shutil.copy(seeded_template, db)
    w = create_window(db, resources_dir())
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
