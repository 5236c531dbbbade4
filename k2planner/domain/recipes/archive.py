"""Reading archives safely: nothing is written to disk, and sizes are bounded.

Members are read into memory only (so a member named ``../../.bashrc`` can never be written
anywhere); such names are still refused, so a crafted archive is reported rather than half
read. A member that would unpack past its limit, too many members, or nesting deeper than one
archive inside another are errors that name the member.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from k2planner.domain.recipes.model import RecipeFileError

MAX_MEMBER_BYTES = 50 * 1024 * 1024  # one recipe document unpacked (with its photo)
MAX_NESTED_BYTES = 60 * 1024 * 1024  # an archive inside an archive (Tandoor: one per recipe)
MAX_TOTAL_BYTES = 3 * 1024**3  # everything unpacked from one file, read one at a time
MAX_MEMBERS = 20_000


@dataclass
class Budget:
    """Bytes still allowed to be unpacked from one file."""

    left: int = MAX_TOTAL_BYTES

    def take(self, n: int, where: str) -> None:
        """Spend ``n`` bytes, or refuse the file."""
        self.left -= n
        if self.left < 0:
            raise RecipeFileError(
                f"{where}: unpacks to more than {MAX_TOTAL_BYTES // 2**30} GB; not read"
            )


def safe_name(name: str) -> bool:
    """False for absolute names, names with "..", drive letters or backslashes."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or ":" in name.split("/")[0]:
        return False
    return ".." not in PurePosixPath(name).parts


def open_zip(data: bytes | Path, where: str) -> zipfile.ZipFile:
    """A zip archive from bytes or a file (read lazily), or a clear error."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise RecipeFileError(f"{where}: not a readable zip archive ({exc})") from None
    if len(zf.infolist()) > MAX_MEMBERS:
        raise RecipeFileError(f"{where}: more than {MAX_MEMBERS:,} files in the archive; not read")
    return zf


def members(
    zf: zipfile.ZipFile, where: str, budget: Budget, suffixes: tuple[str, ...]
) -> Iterator[tuple[str, bytes | RecipeFileError]]:
    """(name, bytes) of the members whose name ends with one of ``suffixes``, in order; a
    member too large to read comes with its error instead (the others are still read)."""
    for info in zf.infolist():
        if info.is_dir():
            continue
        name = info.filename
        if not safe_name(name):
            raise RecipeFileError(
                f"{where}: the archive holds a file named {name!r} that points outside it; "
                "the archive was not read"
            )
        if not name.lower().endswith(suffixes):
            continue
        limit = MAX_NESTED_BYTES if name.lower().endswith(".zip") else MAX_MEMBER_BYTES
        try:
            yield name, read_member(zf, info, f"{where} › {name}", budget, limit)
        except RecipeFileError as exc:
            if budget.left < 0:
                raise  # the whole file unpacks past its limit: stop reading it
            yield name, exc


def read_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, budget: Budget, limit: int
) -> bytes:
    """A member's bytes, reading no more than ``limit`` (the stated size may lie)."""
    if info.file_size > limit:
        raise RecipeFileError(f"{where}: {info.file_size:,} bytes unpacked is too large; not read")
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, zlib.error) as exc:
        raise RecipeFileError(f"{where}: cannot be unpacked ({exc})") from None
    if len(data) > limit:
        raise RecipeFileError(f"{where}: unpacks past {limit // 2**20} MB; not read")
    budget.take(len(data), where)
    return data


def gunzip(data: bytes, where: str, budget: Budget) -> bytes:
    """Gzip-compressed bytes unpacked, to at most MAX_MEMBER_BYTES."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(MAX_MEMBER_BYTES + 1)
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        raise RecipeFileError(f"{where}: not readable gzip data ({exc})") from None
    if len(out) > MAX_MEMBER_BYTES:
        raise RecipeFileError(f"{where}: unpacks past {MAX_MEMBER_BYTES // 2**20} MB; not read")
    budget.take(len(out), where)
    return out
