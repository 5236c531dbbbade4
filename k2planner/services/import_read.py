"""Reading an import file (or a FoodData Central folder or zip) and recognising its format."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from k2planner.domain.importing import fdc, off, own, own_csv
from k2planner.domain.importing.csv_foods import MAX_ROWS, parse_csv, read_table
from k2planner.domain.importing.mapping import ColumnMap
from k2planner.domain.importing.records import FileFormat, ParsedFile
from k2planner.domain.importing.text import NotJson, TableError, decode, load_json

MAX_BYTES = 30 * 1024 * 1024  # a JSON document (decoded, it takes about ten times this)
MAX_TABLE_BYTES = 100 * 1024 * 1024  # one CSV/TSV table
CHUNK = 4 * 1024 * 1024
HEAD_BYTES = 256 * 1024  # enough for a header and the first rows (the mapping dialog)


class ImportFileError(Exception):
    """The file cannot be read at all; the message says why."""


def _read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if size > limit:
        raise ImportFileError(f"{path}: {size / 1e6:,.0f} MB is too large to import")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def _read_table_bytes(path: Path) -> bytes:
    """A CSV/TSV file's bytes, refused before it is loaded when it is larger than
    :data:`MAX_TABLE_BYTES` or has more lines than rows can be imported at once (counted in
    4 MB chunks, so a two-million-row file costs no memory to refuse)."""
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise ImportFileError(
                f"{path}: {size / 1e6:,.0f} MB is more than one import can take "
                f"({MAX_TABLE_BYTES / 1e6:,.0f} MB); split the file or keep only the columns "
                "you need"
            )
        lines = 0
        with path.open("rb") as f:
            while chunk := f.read(CHUNK):
                lines += chunk.count(b"\n")
                if lines > MAX_ROWS + 1:
                    raise ImportFileError(
                        f"{path}: has more than {MAX_ROWS:,} rows; at most {MAX_ROWS:,} foods "
                        "can be imported at once, so split the file"
                    )
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def _fdc_files(path: Path) -> dict[str, bytes]:
    wanted = {
        *fdc.REQUIRED,
        "food_portion.csv",
        "measure_unit.csv",
        "food_category.csv",
        "sr_legacy_food.csv",
    }
    if path.is_dir():
        return {
            p.name.lower(): _read_bytes(p, MAX_TABLE_BYTES)
            for p in path.iterdir()
            if p.name.lower() in wanted and p.is_file()
        }
    try:
        with zipfile.ZipFile(path) as zf:
            out = {}
            for info in zf.infolist():
                base = info.filename.rsplit("/", 1)[-1].lower()
                if base in wanted:
                    if info.file_size > MAX_TABLE_BYTES:  # zipfile reads no more than this
                        raise ImportFileError(
                            f"{path}: {base} unpacks to {info.file_size / 1e6:,.0f} MB, more "
                            f"than one import can take ({MAX_TABLE_BYTES / 1e6:,.0f} MB); use "
                            "the SR Legacy or Foundation Foods download, not the full one"
                        )
                    out[base] = zf.read(info)
            return out
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(f"{path}: not a readable zip file ({exc})") from exc


JSON_LINES = (".jsonl", ".ndjson")


def _json_bytes(path: Path) -> bytes:
    """A JSON document; JSON Lines (one product per line, as in Open Food Facts dumps) become
    a JSON array."""
    data = _read_bytes(path)
    if path.suffix.lower() not in JSON_LINES:
        return data
    items = []
    for n, line in enumerate(decode(data).text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"{path}, line {n}: not valid JSON ({exc.msg})") from None
        items.append(line)
    return ("[" + ",".join(items) + "]").encode("utf-8")


def _is_json(path: Path) -> bool:
    return path.suffix.lower() in (".json", *JSON_LINES)


def _json_format(doc: Any) -> FileFormat:
    """Which JSON format a decoded document is (our own export when nothing else fits)."""
    if isinstance(doc, dict) and doc.get("format") == own.FORMAT_NAME:
        return FileFormat.OWN_JSON
    if fdc.looks_like_fdc_json(doc):
        return FileFormat.FDC
    if off.looks_like_off_json(doc):
        return FileFormat.OFF
    return FileFormat.OWN_JSON


def _read_json(path: Path, fmt: FileFormat | None) -> ParsedFile:
    """Decode a JSON (or JSON Lines) file once, recognise it, and read its records."""
    label = path.name
    try:
        doc = load_json(_json_bytes(path))
    except NotJson as exc:
        return ParsedFile.failed(label, fmt or FileFormat.OWN_JSON, str(exc))
    fmt = fmt or _json_format(doc)
    if fmt is FileFormat.FDC:
        return fdc.parse_fdc_doc(doc, label)
    if fmt is FileFormat.OFF:
        return off.parse_off_doc(doc, label)
    if fmt is FileFormat.OWN_JSON:
        return own.parse_doc(doc, label)
    return ParsedFile.failed(label, fmt, "is a JSON file, not a CSV table")


def read_import(
    path: Path, fmt: FileFormat | None = None, mapping: Sequence[ColumnMap] | None = None
) -> ParsedFile:
    """Read and check every record of ``path``; nothing touches the database.

    Raises ImportFileError when the file cannot be read at all.
    """
    label = path.name
    if _is_json(path) or fmt is FileFormat.OWN_JSON:
        return _read_json(path, fmt)
    if path.is_dir() or path.suffix.lower() == ".zip":
        fmt = fmt or FileFormat.FDC
    fmt = fmt or FileFormat.CSV
    if fmt is FileFormat.FDC:
        if path.is_dir() or path.suffix.lower() == ".zip":
            return fdc.parse_fdc_csv(_fdc_files(path), label)
        raise ImportFileError(
            f"{path}: choose the FoodData Central folder, its zip, or a JSON "
            "export (a single CSV file of the download is not enough)"
        )
    data = _read_table_bytes(path)
    try:
        rows, notes = read_table(data)
    except TableError as exc:
        return ParsedFile.failed(label, fmt, str(exc))
    if not rows:
        return ParsedFile.failed(label, fmt, "is empty")
    header = rows[0]
    if mapping is None and own_csv.is_own_foods_csv(header):
        return own_csv.parse_foods_csv(rows, label)
    if mapping is None and own_csv.is_own_meals_csv(header):
        return own_csv.parse_meals_csv(rows, label)
    if mapping is None and (fmt is FileFormat.OFF or off.is_off_csv(header)):
        return off.parse_off_csv(data, rows, label, notes)
    if mapping is None and {"fdc_id", "description"} <= {h.strip() for h in header}:
        raise ImportFileError(
            f"{path}: looks like one file of a FoodData Central download; "
            "choose its folder or zip so nutrients can be read too"
        )
    return parse_csv(data, label, mapping, table=(rows, notes))


def table_head(path: Path) -> tuple[list[str], list[str]]:
    """The header row and the first data row of a CSV/TSV file (for the mapping dialog)."""
    try:
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(head) == HEAD_BYTES and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]  # whole lines only
    try:
        rows, _notes = read_table(head)
    except TableError as exc:
        raise ImportFileError(f"{path}: {exc}") from exc
    header = rows[0] if rows else []
    first = rows[1] if len(rows) > 1 else []
    return header, first


def headers_of(path: Path) -> list[str]:
    """The header row of a CSV/TSV file."""
    return table_head(path)[0]
