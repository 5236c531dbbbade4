"""Small texts of recipe files: durations, yields, lists of names, steps."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

_ISO = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.I,
)
_PART = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b", re.I
)
_TAG = re.compile(r"<[^>]{0,2000}>")
MAX_MINUTES = 7 * 24 * 60


def minutes(value: Any) -> int | None:
    """Minutes from "PT1H30M", "1 hour 20 mins", "45", 45 (None when unknown or absurd)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        total = float(value)
    else:
        text = str(value).strip()
        if not text:
            return None
        m = _ISO.match(text)
        if m and any(m.groupdict().values()):
            g = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
            total = g["d"] * 1440 + g["h"] * 60 + g["m"] + g["s"] / 60
        elif re.fullmatch(r"\d+(?:\.\d+)?", text):
            total = float(text)
        else:
            parts = _PART.findall(text)
            if not parts:
                return None
            total = 0.0
            for number, unit in parts:
                n = float(number.replace(",", "."))
                u = unit[0].lower()
                total += n * {"d": 1440, "h": 60, "m": 1}.get(u, 1 / 60)
    if not 0 < total <= MAX_MINUTES:
        return None
    return round(total)


def servings(value: Any) -> int | None:
    """The first whole number of a yield ("4 servings", "Serves 4-6", ["4", "4 portions"])."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, list | tuple):
        for item in value:
            got = servings(item)
            if got is not None:
                return got
        return None
    if isinstance(value, int | float):
        n = float(value)
    else:
        m = re.search(r"\d+(?:[.,]\d+)?", str(value))
        if m is None:
            return None
        n = float(m.group(0).replace(",", "."))
    return round(n) if n >= 0.5 else None


def plain(text: Any) -> str:
    """Text with markup removed and whitespace folded ("<p>Mix &amp; stir</p>" → "Mix & stir")."""
    if text is None:
        return ""
    return " ".join(html.unescape(_TAG.sub(" ", str(text))).split())


def names(value: Any) -> tuple[str, ...]:
    """Names from "a, b", ["a", "b"] or [{"name": "a"}, …] (empty ones dropped)."""
    if value is None:
        return ()
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, dict):
        items = [value]
    elif isinstance(value, list | tuple):
        items = value
    else:
        return ()
    out = []
    for item in items:
        name = item.get("name", "") if isinstance(item, dict) else item
        text = plain(name)
        if text:
            out.append(text)
    return tuple(dict.fromkeys(out))


def steps_of(value: Any) -> tuple[str, ...]:
    """Steps from a text (paragraphs or lines), a list of texts, or schema.org HowToStep and
    HowToSection objects (Mealie's {"text": …} too)."""
    if value is None:
        return ()
    if isinstance(value, str):
        raw = value.replace("\r\n", "\n")
        chunks = re.split(r"\n\s*\n", raw) if "\n\n" in raw.strip() else raw.split("\n")
        return tuple(s for s in (plain(c) for c in chunks) if s)
    if isinstance(value, dict):
        if "itemListElement" in value:
            return steps_of(value["itemListElement"])
        for key in ("text", "instruction", "description", "name"):
            if value.get(key):
                return steps_of(str(value[key]))
        return ()
    if isinstance(value, list | tuple):
        return tuple(s for item in value for s in steps_of(item))
    return ()


def is_heading(line: str) -> bool:
    """A section heading among ingredient lines ("For the sauce:", "DOUGH")."""
    text = line.strip()
    if not text:
        return True
    if text.endswith(":") and not re.search(r"\d", text):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 2 and text.isupper() and not re.search(r"\d", text)
