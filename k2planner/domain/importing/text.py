"""Text files as they come: encodings, delimiters, decimal commas, odd cells."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from typing import Any

UNKNOWN_MARKERS = frozenset(
    {
        "",
        "-",
        "–",
        "—",
        "n/a",
        "na",
        "nd",
        "n.d.",
        "nr",
        "none",
        "null",
        "?",
        "traces",
        "trace",
        "tr",
        "unknown",
        "not measured",
        "not determined",
        "x",
    }
)
_LOQ = re.compile(r"^\s*[<≤]\s*\d")
_NUMBER = re.compile(
    r"^[+-]?(?:[0-9][0-9\s\u00a0\u202f'.,]*)?(?:[0-9]|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?$"
)


class NotJson(ValueError):
    """Bytes that do not hold a JSON document; the message says why."""


def load_json(data: bytes) -> Any:
    """The JSON document in ``data`` (in any encoding ``decode`` reads); NotJson if none."""
    try:
        return json.loads(decode(data).text)
    except json.JSONDecodeError as exc:
        raise NotJson(f"is not valid JSON ({exc})") from None
    except RecursionError:
        raise NotJson("is not valid JSON (nested too deeply)") from None


class NotANumber(ValueError):
    """A cell that should hold a number but does not."""


@dataclass(frozen=True)
class DecodedText:
    """A file's text and how it was read."""

    text: str
    encoding: str


def decode(data: bytes) -> DecodedText:
    """UTF-8 (with or without BOM), then Windows-1252, then Latin-1 (which never fails)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return DecodedText(data[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return DecodedText(data.decode("utf-16", errors="replace"), "UTF-16")
    try:
        return DecodedText(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        return DecodedText(data.decode("cp1252"), "Windows-1252")
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "Latin-1")


def sniff_delimiter(text: str) -> str:
    """The field delimiter of a CSV/TSV text: ",", ";", tab or "|".

    The delimiter that splits the header into the most columns, with the following rows
    agreeing on that count, wins (csv.Sniffer is fooled by quotes and bars inside names).
    """
    lines = [ln for ln in normalise_newlines(text).split("\n")[:30] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", (-1.0, 0)
    for d in ("\t", ";", ",", "|"):
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=d))
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        agree = sum(1 for r in rows[1:] if len(r) == width) / max(1, len(rows) - 1)
        score = (round(agree, 1), width)
        if score > best_score:
            best, best_score = d, score
    return best


class TableError(ValueError):
    """The text cannot be split into rows and columns."""


def normalise_newlines(text: str) -> str:
    """One kind of line end, and no NUL characters (which the csv module refuses)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def looks_binary(text: str) -> bool:
    """True when the text is mostly not text (a spreadsheet file, an image, random bytes)."""
    sample = text[:65536]
    if not sample:
        return False
    control = sum(
        1
        for ch in sample
        if (ord(ch) < 32 and ch not in "\t\r\n") or 0x7F <= ord(ch) < 0xA0 or ch == "\ufffd"
    )
    return control / len(sample) > 0.02


def read_rows(text: str, delimiter: str) -> list[list[str]]:
    """All rows (the header first); blank lines are dropped. Raises TableError."""
    if looks_binary(text):
        raise TableError(
            "is not a text table (it looks like binary data; a spreadsheet must be saved as "
            "CSV first)"
        )
    reader = csv.reader(io.StringIO(normalise_newlines(text)), delimiter=delimiter)
    try:
        return [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise TableError(f"cannot be read as a table (line {reader.line_num}: {exc})") from exc


def detect_decimal_comma(rows: list[list[str]], delimiter: str) -> bool:
    """True when numbers in the file use a decimal comma ("0,7")."""
    if delimiter == ",":
        return False
    comma = point = 0
    for row in rows[1:200]:
        for cell in row:
            c = cell.strip()
            if re.fullmatch(r"-?\d+,\d+", c):
                comma += 1
            elif re.fullmatch(r"-?\d+\.\d+", c):
                point += 1
    return comma > point


def parse_number(cell: str, decimal_comma: bool = False) -> float | None:
    """A number from a cell; None for unknown markers ("", "-", "traces", "< 0.5").

    Raises NotANumber for text that is neither a number nor a known marker.
    """
    raw = cell.strip().replace("\u2212", "-")
    low = raw.lower()
    if low in UNKNOWN_MARKERS or _LOQ.match(raw):
        return None
    if low in ("nan", "inf", "-inf", "infinity"):
        raise NotANumber("is not a number")
    text = raw.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    if not _NUMBER.match(text):
        raise NotANumber("is not a number")
    groups_of_three = r"-?[0-9]{1,3}(?:[,.][0-9]{3})+"
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _sep, frac = text.rpartition(decimal)
        if not re.fullmatch(r"-?[0-9]{1,3}(?:" + re.escape(thousands) + r"[0-9]{3})+", whole):
            raise NotANumber("is not a number")
        text = whole.replace(thousands, "") + "." + frac
    elif text.count(",") + text.count(".") > 1:
        if not re.fullmatch(groups_of_three, text) or ("," in text and "." in text):
            raise NotANumber("is not a number")
        text = text.replace(",", "").replace(".", "")
    elif "," in text:
        grouped = re.fullmatch(r"-?[1-9][0-9]{0,2},[0-9]{3}", text) is not None
        text = text.replace(",", "" if grouped and not decimal_comma else ".")
    try:
        value = float(text)
    except ValueError:
        raise NotANumber("is not a number") from None
    if math.isnan(value) or math.isinf(value):
        raise NotANumber("is not a number")
    return value
