"""The choices an import offers for duplicates and for values in a doubtful unit."""

from __future__ import annotations

from enum import StrEnum


class OnDuplicate(StrEnum):
    """What to do with a record that matches a food already in the database."""

    UPDATE = "update"
    SKIP = "skip"
    ADD = "add"


class UnitFix(StrEnum):
    """What to do with a value that is probably in the wrong unit."""

    SCALE = "scale"  # store the suggested value (e.g. the mg figure read as µg)
    KEEP = "keep"  # store it as written
    SKIP = "skip"  # leave the row out
