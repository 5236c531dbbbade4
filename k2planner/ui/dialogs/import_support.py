"""Small helpers of the import dialog: what a read returns, and progress from the worker."""

from __future__ import annotations

from dataclasses import dataclass

from k2planner.domain.diet import DietFlags
from k2planner.domain.importing.records import ParsedFile
from k2planner.services.importer import Duplicate


@dataclass(frozen=True)
class ReadResult:
    """What a worker read: the checked file, its duplicates, the header and first row."""

    generation: int
    parsed: ParsedFile
    duplicates: dict[int, Duplicate]
    head: tuple[list[str], list[str]] | None
    flags: dict[int, DietFlags]


class ProgressCounter:
    """Progress written by the worker and read by a timer on the GUI thread.

    Plain attributes (no Qt call from the worker): the GUI polls them ten times a second.
    """

    def __init__(self) -> None:
        self.done = 0
        self.total = 0

    def report(self, done: int, total: int) -> None:
        """Called on the worker."""
        self.done, self.total = done, total
