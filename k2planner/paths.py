"""The one place that knows where data and bundled resources live.

* the database: ``--db PATH`` > ``$K2PLANNER_DB`` > ``<user data dir>/k2planner.sqlite``;
* the user data dir: ``$K2PLANNER_DATA_DIR`` > platformdirs' user data dir;
* bundled resources: ``k2planner/resources`` in an installed wheel or a frozen bundle,
  ``<repo>/resources`` in a source checkout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from k2planner import APP_NAME

DB_ENV = "K2PLANNER_DB"
DATA_DIR_ENV = "K2PLANNER_DATA_DIR"
DB_FILENAME = "k2planner.sqlite"


def data_dir() -> Path:
    """The user's data folder for k2planner (not created here)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir  # not needed before the first window is shown

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database file to open, by priority: command line, environment, data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILENAME


def resources_dir() -> Path:
    """The bundled resources folder (seed, meals, icons)."""
    here = Path(__file__).resolve().parent
    candidates = [here / "resources", here.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "k2planner" / "resources")
    for cand in candidates:
        if (cand / "seed").is_dir():
            return cand
    raise FileNotFoundError(
        "k2planner's bundled resources are missing (looked in: "
        + ", ".join(str(c) for c in candidates)
        + "). Reinstall the application."
    )
