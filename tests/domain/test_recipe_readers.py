"""Reading other apps' recipe files: every supported format, and hostile files."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest

from k2planner.domain.recipes.model import RecipeFileError
from k2planner.domain.recipes.reader import read_recipe_file
from k2planner.domain.recipes.texts import minutes, servings, steps_of

DATA = Path(__file__).resolve().parents[1] / "data" / "recipes"
SOURCE = json.loads((DATA / "recipes.json").read_text(encoding="utf-8"))
MORE = json.loads((DATA / "recipes_more.json").read_text(encoding="utf-8"))


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("file", "app", "names"),
    [
        ("mealie_v1_export.zip", "Mealie", [r["name"] for r in SOURCE[:4]]),
        ("mealie_v1_recipe.json", "Mealie", [SOURCE[4]["name"]]),
        ("mealie_v0_export.zip", "Mealie", [r["name"] for r in SOURCE[5:]]),
        ("mealie_backup.zip", "Mealie", [r["name"] for r in SOURCE[:2]]),
        ("tandoor_export.zip", "Tandoor", [r["name"] for r in MORE["tandoor"]]),
        ("paprika_export.paprikarecipes", "Paprika", [r["name"] for r in MORE["paprika"]]),
        ("schema_recipe.json", "schema.org", [MORE["schema"][0]["name"]]),
        ("saved_page.html", "schema.org", [MORE["schema"][1]["name"]]),
        ("microdata_page.html", "schema.org", [MORE["schema"][2]["name"]]),
        ("recipes.mmf", "MealMaster", [r["name"] for r in MORE["mealmaster"]]),
        ("kale_and_white_bean_soup.txt", "plain text", ["Kale and white bean soup"]),
    ],
)
def test_each_format_reads_its_recipes(file: str, app: str, names: list[str]) -> None:
    """Every recipe of each app's export, with its lines and method as the source wrote them."""
    result = read_recipe_file(DATA / file)
    assert result.problems == ()
    assert result.origin == app
    assert sorted(r.name for r in result.recipes) == sorted(names)
    by_name = {r["name"]: r for r in SOURCE + MORE["tandoor"] + MORE["paprika"] + MORE["schema"]}
    for recipe in result.recipes:
        assert recipe.lines and recipe.steps, recipe.name
        src = by_name.get(recipe.name)
        if src is not None and "parsed" not in src:
            wanted = [x for x in src["lines"] if not x.endswith(":")]
            assert list(recipe.lines) == wanted
            assert list(recipe.steps) == src["steps"]
            assert recipe.servings == servings(src["yield"])


def test_times_and_categories_survive() -> None:
    """Mealie's "15 minutes", Tandoor's minutes and ISO 8601 durations all become minutes."""
    mealie = {r.name: r for r in read_recipe_file(DATA / "mealie_v1_export.zip").recipes}
    carbonara = mealie["Spaghetti Carbonara"]
    assert (carbonara.prep_minutes, carbonara.cook_minutes) == (10, 15)
    assert carbonara.categories == ("Dinner", "Pasta")
    assert carbonara.url == "https://example.org/carbonara"
    schema = read_recipe_file(DATA / "schema_recipe.json").recipes[0]
    assert (schema.prep_minutes, schema.cook_minutes) == (20, 90)
    plain = read_recipe_file(DATA / "kale_and_white_bean_soup.txt").recipes[0]
    assert (plain.servings, plain.prep_minutes, plain.cook_minutes) == (4, 10, 30)
    assert len(plain.steps) == 3 and plain.steps[0].startswith("Soften the onion")


def test_mealmaster_units_and_paprika_headings() -> None:
    """MealMaster's unit codes are written out; a Paprika section heading is not a line."""
    mm = read_recipe_file(DATA / "recipes.mmf").recipes[0]
    assert mm.lines[0] == "1/4 cup Butter" and mm.lines[-1] == "1/4 teaspoon Pepper"
    assert mm.servings == 6 and mm.categories == ("Soups", "Cheese")
    hummus = next(
        r
        for r in read_recipe_file(DATA / "paprika_export.paprikarecipes").recipes
        if r.name == "Hummus"
    )
    assert "For the hummus:" not in hummus.lines and len(hummus.lines) == 8


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("PT1H30M", 90),
        ("P0DT0H20M", 20),
        ("15 minutes", 15),
        ("1 hour 20 mins", 80),
        ("45", 45),
        (30, 30),
        ("", None),
        ("soon", None),
        ("PT0M", None),
        ("999999 minutes", None),
    ],
)
def test_minutes(text: object, want: int | None) -> None:
    """Durations in the forms apps write them; absurd or empty ones are unknown."""
    assert minutes(text) == want


def test_servings_and_steps() -> None:
    """Yields and steps in the shapes apps use."""
    assert servings("Serves 4-6") == 4 and servings(["4", "4 portions"]) == 4
    assert servings("a loaf") is None and servings(0) is None
    how_to = [
        {"@type": "HowToSection", "itemListElement": [{"@type": "HowToStep", "text": "A."}]},
        {"text": "<p>B &amp; C</p>"},
        "D",
    ]
    assert steps_of(how_to) == ("A.", "B & C", "D")


def test_one_bad_member_does_not_stop_the_others(tmp_path: Path) -> None:
    """A Mealie export with one broken recipe JSON: the rest are read, the broken one named."""
    good = (DATA / "mealie_v1_recipe.json").read_bytes()
    path = tmp_path / "export.zip"
    path.write_bytes(_zip({"recipes/a/a.json": good, "recipes/b/b.json": b'{"name": "Broken", '}))
    result = read_recipe_file(path)
    assert [r.name for r in result.recipes] == ["Overnight Oats"]
    assert len(result.problems) == 1
    assert "recipes/b/b.json" in result.problems[0].where
    assert "not valid JSON" in result.problems[0].why


def test_archive_pointing_outside_itself_is_refused(tmp_path: Path) -> None:
    """A member named ../../x is refused and nothing is read (nothing is ever extracted)."""
    path = tmp_path / "slip.zip"
    good = (DATA / "mealie_v1_recipe.json").read_bytes()
    path.write_bytes(_zip({"recipes/a.json": good, "../../evil.json": good}))
    with pytest.raises(RecipeFileError, match="points outside"):
        read_recipe_file(path)
    assert not (tmp_path.parent / "evil.json").exists()


def test_zip_bomb_is_refused_without_unpacking_it(tmp_path: Path) -> None:
    """A member that unpacks past the limit is refused by its size, and named."""
    path = tmp_path / "bomb.zip"
    path.write_bytes(_zip({"recipes/bomb.json": b" " * (60 * 1024 * 1024)}))
    assert path.stat().st_size < 200_000
    result = read_recipe_file(path)
    assert not result.recipes
    assert "too large" in result.problems[0].why and "bomb.json" in result.problems[0].where


def test_nested_archives_stop_at_one_level(tmp_path: Path) -> None:
    """Tandoor nests one zip per recipe; a zip inside that is not read."""
    inner = _zip({"deeper.zip": _zip({"recipe.json": b"{}"})})
    path = tmp_path / "nest.zip"
    path.write_bytes(_zip({"1.zip": inner}))
    result = read_recipe_file(path)
    assert not result.recipes and "nested too deep" in result.problems[0].why


@pytest.mark.parametrize(
    ("name", "data", "match"),
    [
        ("empty.json", b"", "not valid JSON"),
        ("notes.json", b'{"title": "my notes"}', "no recipe found"),
        ("bad.paprikarecipes", b"PK\x03\x04 not really a zip", "not a readable zip"),
        ("bad.paprikarecipe", b"\x1f\x8b\x08 broken gzip", "not readable gzip"),
        ("latin.json", '{"name": "Crème"'.encode("latin-1"), "not UTF-8"),
    ],
)
def test_malformed_files_name_the_problem(
    tmp_path: Path, name: str, data: bytes, match: str
) -> None:
    """A file that is not what it claims gets one clear sentence, naming the file."""
    path = tmp_path / name
    path.write_bytes(data)
    try:
        result = read_recipe_file(path)
    except RecipeFileError as exc:
        assert match in str(exc) and name in str(exc)
        return
    assert not result.recipes
    assert any(match in p.why for p in result.problems) and result.problems[0].where == name


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    """A path that does not exist says so."""
    with pytest.raises(RecipeFileError, match="cannot be read"):
        read_recipe_file(tmp_path / "nope.json")


def test_paprika_single_recipe_file(tmp_path: Path) -> None:
    """One .paprikarecipe (gzip-compressed JSON) on its own."""
    doc = {
        "name": "Toast",
        "ingredients": "2 slices bread\n1 tbsp butter",
        "directions": "Toast. Butter.",
        "servings": "1",
    }
    path = tmp_path / "Toast.paprikarecipe"
    path.write_bytes(gzip.compress(json.dumps(doc).encode()))
    r = read_recipe_file(path).recipes[0]
    assert (r.name, r.lines, r.servings, r.origin) == (
        "Toast",
        ("2 slices bread", "1 tbsp butter"),
        1,
        "Paprika",
    )
