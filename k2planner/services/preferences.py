"""Reading and saving the plan-affecting preferences."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_state
from k2planner.domain.preferences import Preferences


class PreferencesService:
    """Preferences stored in the database (defaults until the first save)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def load(self) -> Preferences:
        """The stored preferences; defaults if none, or if stored ones no longer validate."""
        with Session(self._engine) as s:
            data = repo_state.load_preferences(s)
        if data is None:
            return Preferences()
        try:
            return Preferences.from_json(data)
        except (ValueError, TypeError, KeyError):
            return Preferences()

    def save(self, prefs: Preferences) -> None:
        """Store ``prefs``."""
        with Session(self._engine) as s:
            repo_state.save_preferences(s, prefs.to_json())
            s.commit()
