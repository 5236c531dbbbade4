"""``k2planner import | export | backup | restore``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from k2planner.cli.common import CliError, open_db
from k2planner.domain.export_scope import Scope
from k2planner.domain.importing.choices import OnDuplicate, UnitFix
from k2planner.domain.importing.records import FileFormat

# The services are imported by the commands that use them: ``--help`` stays fast.


def register(sub: Any) -> None:
    """Add the import, export, backup and restore commands."""
    imp = sub.add_parser(
        "import", help="import foods (CSV/TSV, our JSON, FoodData Central, Open Food Facts)"
    )
    imp.add_argument("file", type=Path, help="a file, or a FoodData Central folder or zip")
    imp.add_argument(
        "--format",
        choices=[f.value for f in FileFormat],
        help="csv, json (our export), fdc or off (default: recognised)",
    )
    imp.add_argument("--mapping", help='CSV columns, e.g. "name=Food,mk7_ug=MK-7 (mg):mg"')
    imp.add_argument("--on-duplicate", choices=[d.value for d in OnDuplicate], default="skip")
    imp.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the good rows even if some rows have errors",
    )
    imp.add_argument(
        "--unit-fix",
        choices=[u.value for u in UnitFix],
        default="skip",
        help="values probably in the wrong unit: scale to the suggested value, "
        "keep as written, or skip the row (default)",
    )
    imp.add_argument("--dry-run", action="store_true", help="check everything, save nothing")
    imp.add_argument("--report", type=Path, help="write skipped and rejected rows to a CSV file")
    imp.set_defaults(handler=run_import)

    exp = sub.add_parser("export", help="export foods and meals (re-import losslessly)")
    exp.add_argument(
        "what",
        choices=["all", "foods", "meals"],
        help="all: JSON with foods and meals; foods/meals: CSV or JSON",
    )
    exp.add_argument("--format", choices=["json", "csv"], default="json")
    exp.add_argument(
        "--scope",
        choices=[s.value for s in Scope],
        default=Scope.USER.value,
        help="user: your foods and meals (default); all: everything",
    )
    exp.add_argument("--output", "-o", type=Path, help="file to write (default: print)")
    exp.set_defaults(handler=run_export)

    bk = sub.add_parser("backup", help="copy the database to a file (safe while running)")
    bk.add_argument("path", help="file, or folder (a name ending in / or without a suffix)")
    bk.set_defaults(handler=run_backup)
    rs = sub.add_parser("restore", help="replace the database with a backup (validated first)")
    rs.add_argument("path", type=Path)
    rs.set_defaults(handler=run_restore)


def _progress(done: int, total: int) -> None:
    print(f"progress {done}/{total}", file=sys.stderr, flush=True)


def run_import(args: argparse.Namespace) -> int:
    """Read, check and import a file."""
    from k2planner.domain.importing.mapping import parse_mapping_spec
    from k2planner.services.import_read import ImportFileError, headers_of, read_import
    from k2planner.services.importer import ImportOptions, ImportRejected, ImportService

    mapping = None
    if args.mapping:
        try:
            mapping = parse_mapping_spec(args.mapping, headers_of(args.file))
        except (ValueError, ImportFileError) as exc:
            raise CliError(str(exc)) from None
    try:
        parsed = read_import(args.file, FileFormat(args.format) if args.format else None, mapping)
    except ImportFileError as exc:
        raise CliError(str(exc)) from None
    for note in parsed.notes:
        print(f"{parsed.label}: {note}", file=sys.stderr)
    for issue in parsed.issues:
        print(f"[{issue.severity.value}] {issue.text()}", file=sys.stderr)
    db = open_db(args)
    options = ImportOptions(
        OnDuplicate(args.on_duplicate),
        skip_bad_rows=args.skip_bad_rows,
        unit_fix=UnitFix(args.unit_fix),
        dry_run=args.dry_run,
    )
    try:
        summary = ImportService(db.engine).commit(parsed, options, _progress)
    except ImportRejected as exc:
        if args.report:
            args.report.write_text(exc.summary.to_csv(), encoding="utf-8")
        raise CliError(str(exc)) from None
    if args.report:
        args.report.write_text(summary.to_csv(), encoding="utf-8")
    print(summary.text())
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write foods and/or meals."""
    from k2planner.services.exporter import ExportService

    if args.what == "all" and args.format == "csv":
        raise CliError(
            "foods and meals together are exported as JSON; for CSV export "
            "'foods' and 'meals' separately"
        )
    db = open_db(args)
    svc = ExportService(db.engine)
    scope = Scope(args.scope)
    if args.what == "all" or args.format == "json":
        text = svc.to_json(scope)
    elif args.what == "foods":
        text = svc.foods_csv(scope)
    else:
        text = svc.meals_csv(scope)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        partial = args.output.with_name(args.output.name + ".partial")
        try:
            partial.write_text(text, encoding="utf-8", newline="")
            partial.replace(args.output)  # a failed write never leaves a short file behind
        except OSError:
            partial.unlink(missing_ok=True)
            raise
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def run_backup(args: argparse.Namespace) -> int:
    """Copy the database."""
    from k2planner.services import backup as backup_service

    db = open_db(args)
    path = Path(args.path)
    if str(args.path).endswith(("/", os.sep)) or (not path.suffix and not path.exists()):
        path.mkdir(parents=True, exist_ok=True)  # "backup DIR/": a folder, made if missing
    target = backup_service.backup(db.engine, path)
    print(f"backup written to {target}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Replace the database with a validated backup."""
    from k2planner.paths import data_dir
    from k2planner.services import backup as backup_service

    try:
        backup_service.validate_backup(args.path)
    except backup_service.RestoreError as exc:
        raise CliError(f"{exc}. The current database was not changed.") from None
    db = open_db(args)
    keep = (db.path.parent if db.path else data_dir()) / "backups"
    try:
        report = backup_service.restore(db.engine, args.path, keep)
    except backup_service.RestoreError as exc:
        raise CliError(f"{exc}. The current database was not changed.") from None
    print(f"restored {report.restored_from}: {report.foods:,} foods, {report.meals} meals")
    print(f"the previous database was saved as {report.previous_saved_as}")
    if report.migrated_from:
        print(f"(upgraded from schema {report.migrated_from})")
    return 0
