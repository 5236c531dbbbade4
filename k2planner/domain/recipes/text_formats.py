"""Recipes as text: MealMaster (.mmf) and plain text (one ingredient a line)."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from k2planner.domain.recipes.model import RawRecipe
from k2planner.domain.recipes.texts import is_heading, minutes, names, servings
from k2planner.paths import resources_dir

_MM_START = re.compile(r"^(MMMMM|-----).{0,20}Meal-Master", re.I)
_MM_END = re.compile(r"^(MMMMM|-----)\s*$")
_MM_SECTION = re.compile(r"^(MMMMM|-----)-*\s*([^-].*?)\s*-*\s*$")
_MM_LINE = re.compile(r"^(?P<qty>[ \d/.\-]{7}) (?P<unit>[A-Za-z ]{2}) (?P<text>\S.*)$")
_FIELD = re.compile(r"^\s*(Title|Categories|Yield|Servings)\s*:\s*(.*)$", re.I)
_PLAIN_STEPS = re.compile(
    r"^\s*#*\s*(method|directions|instructions|preparation|steps)\s*:?\s*$", re.I
)
_PLAIN_INGREDIENTS = re.compile(r"^\s*#*\s*ingredients\s*:?\s*$", re.I)
_PLAIN_SERVES = re.compile(r"^\s*(serves|servings|yield|makes)\b\s*:?\s*(.+)$", re.I)
_PLAIN_TIME = re.compile(r"^\s*(prep|cook|total)(?:\s+time)?\s*:\s*(.+)$", re.I)


@cache
def mealmaster_units() -> dict[str, str]:
    """MealMaster's two-letter unit codes (``resources/recipes/mealmaster_units.toml``)."""
    path = resources_dir() / "recipes" / "mealmaster_units.toml"
    return dict(tomllib.loads(path.read_text(encoding="utf-8"))["units"])


def is_mealmaster(text: str) -> bool:
    """True when the text holds a MealMaster recipe header."""
    return any(_MM_START.match(line) for line in text.splitlines()[:400])


def _mm_ingredient(qty: str, unit: str, text: str) -> str:
    code = unit.strip()
    word = mealmaster_units().get(code, mealmaster_units().get(code.lower(), code))
    return " ".join(p for p in (qty.strip(), word, text.strip()) if p)


def _mm_columns(line: str) -> list[str]:
    """A MealMaster ingredient line may hold two ingredients side by side (at column 41)."""
    if len(line) > 41 and _MM_LINE.match(line[41:]) and line[39:41] == "  ":
        return [line[:39].rstrip(), line[41:]]
    return [line]


def mealmaster(text: str, where: str) -> list[RawRecipe]:
    """Every recipe in a MealMaster file."""
    recipes: list[RawRecipe] = []
    block: list[str] | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        if _MM_START.match(line):
            block = []
            continue
        if block is not None and _MM_END.match(line):
            recipes.append(_mm_recipe(block, f"{where} › recipe {len(recipes) + 1}"))
            block = None
            continue
        if block is not None:
            block.append(line.rstrip())
    if block:  # a last recipe without its end marker
        recipes.append(_mm_recipe(block, f"{where} › recipe {len(recipes) + 1}"))
    return recipes


def _mm_recipe(block: list[str], where: str) -> RawRecipe:
    fields: dict[str, str] = {}
    lines: list[str] = []
    steps: list[str] = []
    paragraph: list[str] = []
    in_steps = False
    for line in block:
        m = _FIELD.match(line)
        if m and not lines:
            fields[m.group(1).lower()] = m.group(2).strip()
            continue
        if _MM_SECTION.match(line):
            continue  # a section heading ("MMMMM-----SAUCE-----")
        if not in_steps:
            if not line.strip():
                if lines:
                    in_steps = True
                continue
            if line.lstrip().startswith("-") and lines:  # continues the previous ingredient
                lines[-1] += " " + line.strip().lstrip("-").strip()
                continue
            parts = _mm_columns(line)
            if all(_MM_LINE.match(p) for p in parts):
                for p in parts:
                    m2 = _MM_LINE.match(p)
                    assert m2 is not None
                    lines.append(_mm_ingredient(m2["qty"], m2["unit"], m2["text"]))
                continue
            in_steps = True
        if not line.strip():
            if paragraph:
                steps.append(" ".join(paragraph))
                paragraph = []
            continue
        paragraph.append(line.strip())
    if paragraph:
        steps.append(" ".join(paragraph))
    return RawRecipe(
        name=fields.get("title", ""),
        lines=tuple(lines),
        steps=tuple(steps),
        servings=servings(fields.get("yield") or fields.get("servings")),
        categories=names(fields.get("categories", "")),
        origin="MealMaster",
        where=where,
    )


def _is_title(line: str, rest: list[str]) -> bool:
    """The first line names the recipe when it is marked "# …", or has no digits and is
    followed by a blank line, a yield or time line, or an "Ingredients" heading."""
    if _PLAIN_STEPS.match(line) or _PLAIN_INGREDIENTS.match(line):
        return False
    if line.startswith("#"):
        return True
    if re.search(r"\d", line):
        return False
    following = next((x.strip() for x in rest if x.strip()), "")
    return (
        not rest
        or not rest[0].strip()
        or bool(_PLAIN_SERVES.match(following) or _PLAIN_TIME.match(following))
        or bool(_PLAIN_INGREDIENTS.match(following))
    )


def plain_text(text: str, where: str, title: str) -> RawRecipe:
    """A recipe written as text: one ingredient a line; "Method:" (or "Directions:") starts
    the steps; "Title: …" or a first "# …" line names it, else ``title`` (the file name)."""
    lines: list[str] = []
    steps: list[str] = []
    times: dict[str, int | None] = {}
    count = None
    in_steps = False
    raw = text.replace("\r\n", "\n").split("\n")
    first = next((i for i, line in enumerate(raw) if line.strip()), 0)
    for i, line in enumerate(raw):
        stripped = line.strip()
        if not stripped:
            continue
        if i == first and _is_title(stripped, raw[i + 1 :]):
            title = stripped.lstrip("#").strip() or title
            continue
        if stripped.startswith("#"):
            continue  # a comment
        if stripped.lower().startswith("title:"):
            title = stripped.split(":", 1)[1].strip() or title
            continue
        if _PLAIN_STEPS.match(stripped):
            in_steps = True
            continue
        if _PLAIN_INGREDIENTS.match(stripped):
            in_steps = False
            continue
        if (m := _PLAIN_SERVES.match(stripped)) and servings(m.group(2)) is not None:
            count = servings(m.group(2))
            continue
        if m := _PLAIN_TIME.match(stripped):
            times[m.group(1).lower()] = minutes(m.group(2))
            continue
        if in_steps:
            steps.append(re.sub(r"^\s*(\d+[.)]|[-*•])\s*", "", stripped))
        elif not is_heading(stripped):
            lines.append(re.sub(r"^\s*[-*•]\s*", "", stripped))
    return RawRecipe(
        name=title,
        lines=tuple(lines),
        steps=tuple(steps),
        servings=count,
        prep_minutes=times.get("prep"),
        cook_minutes=times.get("cook"),
        total_minutes=times.get("total"),
        origin="plain text",
        where=where,
    )
