"""Which foods and meals an export writes."""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    """Which foods and meals to export."""

    USER = "user"  # the user's own (and imported) foods and meals
    ALL = "all"  # everything, bundled data included
