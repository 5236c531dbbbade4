"""``k2planner --self-test``: prove that an installation (or a frozen bundle) works, headless.

It creates and seeds a database in a temporary folder (or opens ``--db PATH``), plans a week,
builds its shopping list, prints it to a PDF with Qt and checks the PDF carries text, then
reads a recipe line (the ingredient parser and its data). The last
line is ``OK …`` with timings (exit 0) or ``FAILED: …`` (exit 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from k2planner import __version__
from k2planner.cli.common import open_db
from k2planner.domain.planner.types import SolveStatus
from k2planner.domain.preferences import Preferences

T = TypeVar("T")


class SelfTestFailure(Exception):
    """One step of the self-test failed; the message says which and why."""


def _timed(timings: dict[str, float], name: str, fn: Callable[[], T]) -> T:
    t0 = time.perf_counter()
    try:
        return fn()
    finally:
        timings[name] = time.perf_counter() - t0


def _pdf_has_text(path: Path) -> int:
    """The number of pages; raises SelfTestFailure when the PDF has no fonts (no text)."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        raise SelfTestFailure(f"{path.name} is not a PDF")
    if b"/FontDescriptor" not in data and b"/Font" not in data:
        raise SelfTestFailure("the printed PDF has no text (no fonts embedded)")
    counts = [int(m) for m in re.findall(rb"/Count (\d+)", data)]
    if not counts or max(counts) == 0:
        raise SelfTestFailure(f"{path.name} has no pages")
    return max(counts)


def _steps(args: argparse.Namespace, folder: Path, timings: dict[str, float]) -> str:
    from k2planner.services.catalog import CatalogService
    from k2planner.services.planning import PlanningService
    from k2planner.services.shopping import ShoppingService

    if not args.db:
        args.db = str(folder / "self-test.sqlite")
    db = _timed(timings, "database", lambda: open_db(args))
    counts = CatalogService(db.engine).counts()
    state = "created and seeded" if db.seeded else "opened"
    print(f"database: {db.path} ({state} in {timings['database']:.2f} s)")
    if db.backup:
        print(f"migrated from schema {db.migrated_from}; backup: {db.backup}")
    print(f"foods: {counts.foods:,} ({counts.user_foods} your own)")
    print(f"meals: {counts.meals}")
    print(f"nutrient values: {counts.nutrient_values:,}; portions: {counts.portions:,}")
    if counts.foods == 0 or counts.meals == 0:
        raise SelfTestFailure("the database holds no foods or meals")

    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    planning = PlanningService(db.engine)
    outcome = _timed(
        timings,
        "plan",
        lambda: planning.generate(Preferences(start_date=monday), seed=1, save=False),
    )
    result = outcome.result
    if result.status is SolveStatus.INFEASIBLE or len(result.assignments) == 0:
        raise SelfTestFailure(f"no week could be planned ({result.status.value})")
    k2 = outcome.details.average_k2_ug()
    print(
        f"plan: {len(result.assignments)} meals, {result.status.value}, "
        f"{k2:.0f} µg K2 a day on average"
    )
    view = _timed(timings, "list", lambda: ShoppingService(db.engine).build(outcome))
    if not view.items():
        raise SelfTestFailure("the shopping list is empty")
    pdf = folder / "self-test-list.pdf"
    pages, families = _timed(timings, "pdf", lambda: _print(view, pdf))
    print(
        f"shopping list: {len(view.items())} items; PDF {pages} page(s), {families} font families"
    )
    _timed(timings, "recipe", lambda: _recipe_line(db.engine, folder))
    db.engine.dispose()
    return str(db.path)


def _recipe_line(engine: object, folder: Path) -> None:
    """Read a one-recipe text file: the ingredient parser, its tagger data and the matcher."""
    from k2planner.services.recipe_import import RecipeImportService

    path = folder / "self-test-recipe.txt"
    path.write_text("Toast\n\n2 slices rye bread\n2 cups grated aged gouda\n", encoding="utf-8")
    service = RecipeImportService(engine)  # type: ignore[arg-type]
    preview = service.preview(path)
    lines = preview.recipes[0].lines if preview.recipes else ()
    if len(lines) != 2 or not all(ln.usable for ln in lines):
        raise SelfTestFailure("the recipe import could not read “2 cups grated aged gouda”")
    gouda = lines[1]
    print(f"recipe line: “{gouda.text}” → {gouda.food_name}, {gouda.grams:.0f} g")
    page = folder / "self-test-recipe.html"
    page.write_text(
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@type": "Recipe", "name": "Egg", "recipeIngredient": ["1 large egg"]}</script>'
        "</head><body></body></html>",
        encoding="utf-8",
    )
    found = service.preview(page).recipes
    if [r.name for r in found] != ["Egg"] or not found[0].lines[0].usable:
        raise SelfTestFailure("the recipe import could not read a schema.org recipe in a web page")
    print("web page recipe: read")


def _print(view: object, pdf: Path) -> tuple[int, int]:
    """Print the list to ``pdf`` with Qt, headless; (pages, font families)."""

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from k2planner.ui import printing

    printing.ensure_app()
    families = printing.font_family_count()
    if families == 0:
        raise SelfTestFailure(
            "Qt finds no fonts: printed lists would have no text (install fonts, e.g. "
            "fonts-dejavu-core)"
        )
    printing.write_pdf(printing.list_document(view), pdf)  # type: ignore[arg-type]
    return _pdf_has_text(pdf), families


def run(args: argparse.Namespace) -> int:
    """Run every step; print details, then one line ``OK …`` or ``FAILED: …``."""
    print(f"k2planner {__version__} self-test")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="k2planner-self-test-") as tmp:
            _steps(args, Path(tmp), timings)
    except SelfTestFailure as exc:
        print(f"FAILED: {exc}")
        return 1
    total = time.perf_counter() - t0
    parts = ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
    print(f"OK k2planner {__version__}: {parts}; total {total:.2f} s")
    return 0
