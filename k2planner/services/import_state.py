"""What an import keeps track of while it writes: the foods it can match, the values waiting
to be written."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from k2planner.db import repo_import
from k2planner.domain.importing.records import FoodRecord


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A record that matches an existing food."""

    row: int
    food_id: int
    existing_name: str
    by: str  # "id" or "name"


class ValueBuffer:
    """Nutrient values of many foods, written a few thousand rows at a time (one statement
    per food cost a third of a large import)."""

    LIMIT = 5000

    def __init__(self, session: Session) -> None:
        self._session = session
        self._rows: list[tuple[int, str, float, str, str]] = []

    def add(self, food_id: int, rows: list[tuple[str, float, str, str]]) -> None:
        self._rows.extend((food_id, n, v, s, t) for n, v, s, t in rows)
        if len(self._rows) >= self.LIMIT:
            self.flush()

    def flush(self) -> None:
        repo_import.insert_value_rows(self._session, self._rows)
        self._rows = []


class KnownFoods:
    """Foods by source id and, for those already in the database, by lower-case name.

    Foods added by the import itself are matched only by id: two foods of one file that share
    a name (e.g. from two sources) are both kept.
    """

    def __init__(self) -> None:
        self.by_id: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        self.names: dict[int, str] = {}

    def add(self, fid: int, source_id: str, name: str, *, by_name: bool = True) -> None:
        self.by_id[source_id] = fid
        if by_name:
            self.by_name.setdefault(name.strip().lower(), fid)
        self.names[fid] = name

    def match(self, f: FoodRecord) -> Duplicate | None:
        for sid in (f.source_id, *f.also_known_as):
            if sid and sid in self.by_id:
                fid = self.by_id[sid]
                return Duplicate(f.row, fid, self.names.get(fid, sid), "id")
        fid_by_name = self.by_name.get(f.name.strip().lower())
        if fid_by_name is not None:
            return Duplicate(f.row, fid_by_name, self.names[fid_by_name], "name")
        return None
