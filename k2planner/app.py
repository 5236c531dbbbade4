"""Composition root of the desktop app (filled in by the GUI work)."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Start the desktop app."""
    from k2planner.ui.main import run

    result: int = run(list(argv or []))
    return result
