"""Read a recipe file of any supported app, recognised by its content as much as its name.

Mealie (v0 and v1 exports: a zip of recipe JSON, a recipe JSON, or a backup's database.json),
Tandoor (a zip of per-recipe zips holding recipe.json, or recipe.json itself), Paprika
(.paprikarecipes: a zip of gzip-compressed JSON), schema.org Recipe JSON-LD (a .json file or a
saved web page), MealMaster (.mmf) and plain text. A member or recipe that cannot be read is a
problem of its own; the others are still read.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from k2planner.domain.recipes import apps
from k2planner.domain.recipes.archive import Budget, gunzip, members, open_zip
from k2planner.domain.recipes.model import RawRecipe, ReadResult, RecipeFileError, RecipeProblem
from k2planner.domain.recipes.schema_org import (
    find_recipes,
    load_json,
    recipe_from_schema,
    recipes_from_html,
)
from k2planner.domain.recipes.text_formats import is_mealmaster, mealmaster, plain_text

MAX_FILE_BYTES = 4 * 1024**3  # an archive (Paprika keeps each photo inside its recipe)
MAX_TEXT_BYTES = 30 * 1024 * 1024  # a JSON, web page or text file

Found = list[RawRecipe]


class _Collector:
    def __init__(self) -> None:
        self.recipes: Found = []
        self.problems: list[RecipeProblem] = []
        self.origins: list[str] = []

    def failed(self, where: str, exc: RecipeFileError) -> None:
        """A document that could not be read at all."""
        self.problems.append(RecipeProblem(where, "", str(exc).removeprefix(f"{where}: ")))

    def run(self, where: str, read: Callable[[], Found]) -> None:
        """Read one document; a failure becomes a problem naming it, and reading goes on."""
        try:
            got = read()
        except RecipeFileError as exc:
            self.failed(where, exc)
            return
        self.recipes.extend(got)
        self.origins.extend(r.origin for r in got)


def _from_json_doc(doc: Any, where: str) -> Found:
    if apps.is_mealie_backup(doc):
        return apps.mealie_backup(doc, where)
    found = list(find_recipes(doc))
    if found:
        return [
            recipe_from_schema(
                r, where if len(found) == 1 else f"{where} › recipe {i}", "schema.org"
            )
            for i, r in enumerate(found, start=1)
        ]
    items = doc if isinstance(doc, list) else [doc]
    out = []
    for i, item in enumerate(items, start=1):
        at = where if len(items) == 1 else f"{where} › recipe {i}"
        if apps.is_tandoor(item):
            out.append(apps.tandoor(item, at))
        elif apps.is_paprika(item):
            out.append(apps.paprika(item, at))
        elif isinstance(item, dict) and ("recipeIngredient" in item or "recipe_ingredient" in item):
            out.append(recipe_from_schema(item, at, "Mealie"))
    if not out:
        raise RecipeFileError(f"{where}: no recipe found in this JSON")
    return out


def _text(data: bytes, where: str) -> str:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RecipeFileError(f"{where}: not a text file")  # pragma: no cover - latin-1 decodes all


def _zip(data: bytes | Path, where: str, col: _Collector, budget: Budget, nested: bool) -> None:
    zf = open_zip(data, where)
    names = [i.filename.lower() for i in zf.infolist()]
    if any(n.endswith(".paprikarecipe") for n in names):
        for name, raw in members(zf, where, budget, (".paprikarecipe",)):
            at = f"{where} › {name}"
            if isinstance(raw, RecipeFileError):
                col.failed(at, raw)
                continue
            col.run(at, partial(_paprika_recipe, raw, at, budget))
        return
    for name, raw in members(zf, where, budget, (".json", ".zip", ".html", ".htm", ".mmf")):
        at = f"{where} › {name}"
        lower = name.lower()
        if isinstance(raw, RecipeFileError):
            col.failed(at, raw)
            continue
        if lower.endswith(".zip"):
            if nested:
                col.problems.append(RecipeProblem(at, "", "an archive nested too deep; not read"))
                continue
            try:
                _zip(raw, at, col, budget, nested=True)
            except RecipeFileError as exc:
                col.failed(at, exc)
        elif lower.endswith((".html", ".htm")):
            col.run(at, partial(_from_html, raw, at))
        elif lower.endswith(".mmf"):
            col.run(at, partial(_mealmaster, raw, at))
        else:
            col.run(at, partial(_json_member, raw, at))


def _json_member(raw: bytes, at: str) -> Found:
    doc = load_json(raw, at)
    try:
        return _from_json_doc(doc, at)
    except RecipeFileError:
        if isinstance(doc, dict) and not ({"name", "recipeIngredient", "steps"} & set(doc)):
            return []  # another file of the export (settings, a shopping list): not a recipe
        raise


def _paprika_doc(raw: bytes, where: str, budget: Budget) -> dict[str, Any]:
    doc = load_json(gunzip(raw, where, budget) if raw[:2] == b"\x1f\x8b" else raw, where)
    if not apps.is_paprika(doc):
        raise RecipeFileError(f"{where}: not a Paprika recipe (no ingredients and directions)")
    return doc


def _paprika_recipe(raw: bytes, where: str, budget: Budget) -> Found:
    return [apps.paprika(_paprika_doc(raw, where, budget), where)]


def _mealmaster(raw: bytes, where: str) -> Found:
    return mealmaster(_text(raw, where), where)


def _from_html(raw: bytes, where: str) -> Found:
    found = recipes_from_html(_text(raw, where), where)
    if not found:
        raise RecipeFileError(f"{where}: the page holds no schema.org Recipe")
    return [
        recipe_from_schema(r, where if len(found) == 1 else f"{where} › recipe {i}", "schema.org")
        for i, r in enumerate(found, start=1)
    ]


def _head(path: Path) -> tuple[int, bytes]:
    """The file's size and first bytes (to recognise an archive without reading it)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            return size, fh.read(4)
    except OSError as exc:
        raise RecipeFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_recipe_file(path: Path) -> ReadResult:
    """Every recipe in ``path`` and the problems met; RecipeFileError when the file as a
    whole cannot be read (not found, too large, not an archive it claims to be, unsafe).

    An archive is read member by member from the file (never loaded whole, never extracted);
    a text document is read whole, up to 30 MB."""
    size, magic = _head(path)
    where = path.name
    col = _Collector()
    budget = Budget()
    suffix = path.suffix.lower()
    if magic == b"PK\x03\x04" or suffix in (".zip", ".paprikarecipes"):
        if size > MAX_FILE_BYTES:
            raise RecipeFileError(f"{where}: {size / 2**30:,.1f} GB is too large to read")
        _zip(path, where, col, budget, nested=False)
    else:
        if size > MAX_TEXT_BYTES:
            raise RecipeFileError(f"{where}: more than {MAX_TEXT_BYTES // 2**20} MB of text")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RecipeFileError(f"{where}: cannot be read ({exc.strerror or exc})") from None
        if data[:2] == b"\x1f\x8b" or suffix == ".paprikarecipe":
            col.run(where, partial(_paprika_recipe, data, where, budget))
        else:
            text = _text(data, where)
            head = text.lstrip()[:1]
            if suffix == ".json" or head in ("{", "["):
                col.run(where, lambda: _from_json_doc(load_json(data, where), where))
            elif suffix in (".html", ".htm") or head == "<":
                col.run(where, lambda: _from_html(data, where))
            elif is_mealmaster(text):
                col.run(where, lambda: mealmaster(text, where))
            else:
                title = path.stem.replace("_", " ").replace("-", " ").strip().capitalize()
                col.run(where, lambda: [plain_text(text, where, title)])
    if not col.recipes and not col.problems:
        raise RecipeFileError(f"{where}: no recipe found in this file")
    origin = ", ".join(dict.fromkeys(col.origins))
    return ReadResult(tuple(col.recipes), tuple(col.problems), origin)
