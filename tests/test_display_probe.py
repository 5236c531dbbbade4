"""Before Qt is asked (it aborts when it cannot open a display), the app says why it cannot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from k2planner.display_probe import display_problem

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux displays")


def test_no_display_at_all() -> None:
    """Neither variable set: said so."""
    assert "no display found" in (display_problem({}) or "")


def test_dead_x_display_is_named() -> None:
    """A DISPLAY nobody answers is named, not an abort."""
    assert "DISPLAY=:87" in (display_problem({"DISPLAY": ":87"}) or "")


def test_dead_wayland_socket_is_named(tmp_path: Path) -> None:
    """A WAYLAND_DISPLAY with no compositor behind it is named too."""
    env = {"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert "no Wayland compositor answers" in (display_problem(env) or "")


def test_an_explicit_platform_is_left_to_qt() -> None:
    """QT_QPA_PLATFORM=offscreen (tests, self-test) needs no display."""
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_the_program_exits_with_a_sentence_on_a_dead_display(tmp_path: Path) -> None:
    """`k2planner` with a dead DISPLAY exits 2 with one line, in a fresh process."""
    env = {"DISPLAY": ":87", "K2PLANNER_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "k2planner"], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 2
    assert "cannot open a window" in out.stderr and "Traceback" not in out.stderr
