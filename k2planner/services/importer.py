"""Importing checked records into the database: duplicates, unit questions, all-or-nothing.

The whole import is one transaction. An error in any row imports nothing unless the user
chose to skip bad rows; a cancel or a crash (even a killed process) leaves the database exactly
as it was, because SQLite only makes the transaction visible when it commits.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from sqlalchemy.engine import Engine
from sqlmodel import Session

from k2planner.db import repo_edit, repo_import, repo_recipes
from k2planner.db.engine import begin_write
from k2planner.db.repo_recipes import RecipeDetails
from k2planner.domain.csv_safety import neutralise_row
from k2planner.domain.diet import DietFlags
from k2planner.domain.food_input import Severity
from k2planner.domain.importing.choices import OnDuplicate as OnDuplicate
from k2planner.domain.importing.choices import UnitFix as UnitFix
from k2planner.domain.importing.flags import pins_flags, record_flags
from k2planner.domain.importing.records import FoodRecord, Issue, MealRecord, ParsedFile
from k2planner.domain.meals import join_method
from k2planner.domain.nutrients import Tier
from k2planner.services.import_state import Duplicate as Duplicate
from k2planner.services.import_state import KnownFoods, ValueBuffer

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportOptions:
    """The user's choices for one import."""

    on_duplicate: OnDuplicate = OnDuplicate.SKIP
    per_row: Mapping[int, OnDuplicate] = field(default_factory=dict)
    skip_bad_rows: bool = False
    unit_fix: UnitFix = UnitFix.SKIP
    dry_run: bool = False
    flags_per_row: Mapping[int, DietFlags] = field(default_factory=dict)  # set in the preview


@dataclass
class ImportSummary:
    """What happened, row by row."""

    file: str
    added: int = 0
    updated: int = 0
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    meals_added: int = 0
    meals_updated: int = 0
    dry_run: bool = False
    added_ids: list[int] = field(default_factory=list)

    def text(self) -> str:
        """One line for a status bar or terminal."""
        would = "would be " if self.dry_run else ""
        parts = [
            f"{self.added} {would}added",
            f"{self.updated} {would}updated",
            f"{len(self.skipped)} {would}skipped",
            f"{len(self.rejected)} {would}rejected",
        ]
        meals = (
            f"; meals: {self.meals_added} {would}added, {self.meals_updated} {would}updated"
            if self.meals_added or self.meals_updated
            else ""
        )
        prefix = "dry run, nothing saved — " if self.dry_run else ""
        return f"{self.file}: {prefix}foods {', '.join(parts)}{meals}"

    def to_csv(self) -> str:
        """The report, one row per skipped or rejected record."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(neutralise_row(["file", "row", "outcome", "food", "reason"]))
        for row, name, reason in self.skipped:
            w.writerow(neutralise_row([self.file, row, "skipped", name, reason]))
        for row, reason in self.rejected:
            w.writerow(neutralise_row([self.file, row, "rejected", "", reason]))
        return buf.getvalue()


class ImportRejected(Exception):
    """Nothing was imported because some rows are bad; ``summary.rejected`` says why."""

    def __init__(self, summary: ImportSummary, message: str) -> None:
        super().__init__(message)
        self.summary = summary


class ImportCancelled(Exception):
    """The user cancelled; nothing was imported."""


def _rejections(parsed: ParsedFile) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for i in parsed.issues:
        if i.severity is Severity.ERROR:
            out.setdefault(i.row, []).append(i.text())
    return out


class ImportService:
    """Duplicates and the transaction of an import."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _existing(self, session: Session) -> KnownFoods:
        known = KnownFoods()
        for fid, sid, name in repo_import.food_names(session):
            known.add(fid, sid, name)
        return known

    def row_flags(self, parsed: ParsedFile) -> dict[int, DietFlags]:
        """The diet flags each food row would get (for the preview; cheap, no database)."""
        return {r.row: record_flags(r, r.group.strip() or "Imported foods") for r in parsed.foods}

    def duplicates(self, parsed: ParsedFile) -> dict[int, Duplicate]:
        """Records matching an existing food by source id (or a known alias), else by name."""
        with Session(self._engine) as s:
            known = self._existing(s)
        return {d.row: d for f in parsed.foods if (d := known.match(f)) is not None}

    def commit(
        self,
        parsed: ParsedFile,
        options: ImportOptions = ImportOptions(),
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportSummary:
        """Import in one transaction; raises ImportRejected or ImportCancelled (nothing saved)."""
        summary = ImportSummary(parsed.label, dry_run=options.dry_run)
        bad = _rejections(parsed)
        if 0 in bad:
            summary.rejected.append((0, "; ".join(bad[0])))
            raise ImportRejected(summary, bad[0][0])
        for row, reasons in sorted(bad.items()):
            summary.rejected.append((row, "; ".join(reasons)))
        if bad and not options.skip_bad_rows:
            raise ImportRejected(
                summary,
                f"{len(bad)} row(s) have errors, so nothing was imported. Fix them, or choose "
                f"to skip bad rows. First: {summary.rejected[0][1]}",
            )
        questions: dict[int, list[Issue]] = {}
        for i in parsed.issues:
            if i.severity is Severity.QUESTION:
                questions.setdefault(i.row, []).append(i)
        total = len(parsed.foods) + len(parsed.meals)
        done = 0
        with self._engine.connect() as conn:
            trans = conn.begin()
            begin_write(conn)
            session = Session(bind=conn)
            try:
                known = self._existing(session)
                groups: dict[str, int] = {}
                values = ValueBuffer(session)
                for original in parsed.foods:
                    record: FoodRecord | None = original
                    if original.row in questions:
                        record = self._apply_unit_fix(
                            original, questions[original.row], options, summary
                        )
                    if record is None:
                        continue
                    self._one_food(session, record, parsed, options, known, groups, summary, values)
                    done += 1
                    if done % 250 == 0:
                        if cancelled is not None and cancelled():
                            raise ImportCancelled()
                        if progress is not None:
                            progress(done, total)
                values.flush()
                for meal in parsed.meals:
                    self._one_meal(session, meal, options, known, summary)
                    done += 1
                if cancelled is not None and cancelled():
                    raise ImportCancelled()
                if progress is not None:
                    progress(total, total)
                if options.dry_run:
                    trans.rollback()
                else:
                    trans.commit()
            except BaseException:
                trans.rollback()
                raise
        return summary

    def _apply_unit_fix(
        self,
        record: FoodRecord,
        issues: list[Issue],
        options: ImportOptions,
        summary: ImportSummary,
    ) -> FoodRecord | None:
        if options.unit_fix is UnitFix.SKIP:
            summary.skipped.append(
                (
                    record.row,
                    record.name,
                    "; ".join(i.text() for i in issues) + " (skipped: unit not confirmed)",
                )
            )
            return None
        if options.unit_fix is UnitFix.KEEP:
            return record
        values = dict(record.values)
        for i in issues:
            if i.nutrient is not None and i.suggestion is not None:
                values[i.nutrient] = i.suggestion
        return replace(record, values=values)

    def _one_food(
        self,
        session: Session,
        record: FoodRecord,
        parsed: ParsedFile,
        options: ImportOptions,
        known: KnownFoods,
        groups: dict[str, int],
        summary: ImportSummary,
        values: ValueBuffer,
    ) -> None:
        dup = known.match(record)
        policy = options.per_row.get(record.row, options.on_duplicate)
        if dup is not None and policy is OnDuplicate.SKIP:
            if record.source_id and record.source_id not in known.by_id:
                known.by_id[record.source_id] = dup.food_id  # meals of the file use the match
            summary.skipped.append(
                (
                    record.row,
                    record.name,
                    f"already in the database as {dup.existing_name!r} (same {dup.by})",
                )
            )
            return
        if options.dry_run:  # count what would happen; write nothing, derive nothing
            if dup is not None and policy is OnDuplicate.UPDATE:
                summary.updated += 1
            else:
                fake = -(len(known.names) + 1)
                sid = record.source_id
                known.add(
                    fake,
                    sid if sid and sid not in known.by_id else f"dry:{fake}",
                    "x",
                    by_name=False,
                )
                summary.added += 1
            return
        group = record.group.strip() or "Imported foods"
        if group not in groups:
            groups[group] = repo_edit.ensure_group(session, group, "Other")
        flags = options.flags_per_row.get(record.row) or record_flags(record, group)
        user_set = pins_flags(record) or record.row in options.flags_per_row
        rows = self._value_rows(record, parsed)
        if dup is not None and policy is OnDuplicate.UPDATE:
            fid = dup.food_id
            repo_edit.update_imported_food(
                session, fid, record.name, groups[group], flags, user_set, record.note
            )
            values.flush()  # a delete must not overtake rows still waiting to be written
            if parsed.keeps_provenance:
                repo_import.delete_values(session, fid)
            elif rows:  # a partial file replaces the values it gives and keeps the others
                repo_import.delete_values(session, fid, [r[0] for r in rows])
            summary.updated += 1
        else:
            sid = record.source_id
            if not sid or sid in known.by_id:
                sid = f"user:{uuid.uuid4().hex[:12]}"
            fid = repo_edit.insert_food(
                session,
                source_id=sid,
                name=record.name,
                group_id=groups[group],
                flags=flags,
                flags_user_set=user_set,
                density=record.density,
                note=record.note,
                tags=record.tags,
                is_user=record.is_user,
            )
            known.add(fid, sid, record.name, by_name=False)
            summary.added += 1
            summary.added_ids.append(fid)
        if rows:
            values.add(fid, rows)
        if record.portions and (
            dup is None or policy is not OnDuplicate.UPDATE or parsed.keeps_provenance
        ):
            repo_edit.replace_portions(session, fid, record.portions)

    @staticmethod
    def _value_rows(record: FoodRecord, parsed: ParsedFile) -> list[tuple[str, float, str, str]]:
        if parsed.keeps_provenance:
            return [
                (n.value, v, record.sources.get(n, ""), record.tiers.get(n, Tier.USER).value)
                for n, v in sorted(record.values.items(), key=lambda kv: kv[0].value)
            ]
        source = f"user import: {parsed.label}"
        if record.origin:
            source += f" ({record.origin})"
        return [
            (n.value, v, source, Tier.USER.value)
            for n, v in sorted(record.values.items(), key=lambda kv: kv[0].value)
        ]

    def _one_meal(
        self,
        session: Session,
        meal: MealRecord,
        options: ImportOptions,
        known: KnownFoods,
        summary: ImportSummary,
    ) -> None:
        missing = [s for s, _g, _n in meal.ingredients if s not in known.by_id]
        if missing:
            reason = (
                f"meal {meal.name!r}: unknown food(s) {', '.join(missing[:5])}; import "
                "those foods first"
            )
            if not options.skip_bad_rows:
                summary.rejected.append((meal.row, reason))
                raise ImportRejected(summary, reason)
            summary.rejected.append((meal.row, reason))
            return
        existing = repo_import.meal_id_by_key(session, meal.key)
        policy = options.per_row.get(meal.row, options.on_duplicate)
        if existing is not None and policy is OnDuplicate.SKIP:
            summary.skipped.append((meal.row, meal.name, "a meal with this key exists"))
            return
        meal_id = existing if existing is not None and policy is OnDuplicate.UPDATE else None
        if options.dry_run:
            if meal_id is None:
                summary.meals_added += 1
            else:
                summary.meals_updated += 1
            return
        key = (
            meal.key
            if existing is None or meal_id is not None
            else (f"{meal.key}-{uuid.uuid4().hex[:6]}")
        )
        new_id = repo_edit.upsert_meal(
            session,
            meal_id=meal_id,
            key=key,
            name=meal.name,
            slots=",".join(meal.slots),
            cuisine=meal.cuisine,
            tags=",".join(meal.tags),
            description=meal.description,
            ingredients=[(known.by_id[s], g, n) for s, g, n in meal.ingredients],
        )
        repo_import.set_meal_is_user(session, new_id, meal.is_user)
        repo_recipes.set_recipe_details(
            session,
            new_id,
            RecipeDetails(
                join_method(meal.method),
                meal.prep_minutes,
                meal.cook_minutes,
                meal.servings,
                meal.source,
                meal.unmatched,
            ),
        )
        if meal_id is None:
            summary.meals_added += 1
        else:
            summary.meals_updated += 1
