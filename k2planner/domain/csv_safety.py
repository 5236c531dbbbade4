"""CSV cells that a spreadsheet cannot run: formula-like text is written as plain text.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by spreadsheet programs (CSV injection). Every CSV the app writes passes its text cells
through :func:`neutralise`, which puts a ``'`` in front (the spreadsheets' own "this is text"
mark); our own CSV reader takes it off again with :func:`restore`, so exports re-import
losslessly.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value``, with text that a spreadsheet would run as a formula made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_row(cells: Iterable[object]) -> list[object]:
    """Every cell of a row through :func:`neutralise`."""
    return [neutralise(c) for c in cells]


def restore(value: str) -> str:
    """Undo :func:`neutralise` (a ``'`` before a formula character is taken off)."""
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value
