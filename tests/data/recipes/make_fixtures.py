"""Write the recipe-import fixtures in each app's documented export format.

The recipes are in ``recipes.json`` (ordinary recipes as recipe sites write them); this script
lays them out as Mealie v1 and v0 exports, a Mealie backup, a Tandoor export, a Paprika
export, schema.org JSON-LD (a .json file and saved web pages), MealMaster and plain text.
Run it from the repository root after changing recipes.json:
    python tests/data/recipes/make_fixtures.py
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_TIME = (2026, 12, 1, 12, 0, 0)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def minutes_text(iso: str | None) -> str | None:
    if not iso:
        return None
    m = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?", iso)
    assert m
    h, mi = int(m.group(1) or 0), int(m.group(2) or 0)
    return " ".join(p for p in (f"{h} hour" if h else "", f"{mi} minutes" if mi else "") if p)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(zipfile.ZipInfo(name, FIXED_TIME), data)
    return buf.getvalue()


def mealie_v1(r: dict) -> dict:
    parsed = []
    for i, line in enumerate(r["lines"]):
        if i % 3 == 0:  # a line Mealie's parser has split into quantity, unit and food
            parsed.append(
                {
                    "quantity": 0,
                    "unit": None,
                    "food": None,
                    "note": line,
                    "display": line,
                    "title": None,
                    "originalText": line,
                    "referenceId": f"ref-{i}",
                }
            )
        else:  # an unparsed line: Mealie keeps it as the note
            parsed.append(
                {
                    "quantity": 1,
                    "unit": None,
                    "food": None,
                    "note": line,
                    "display": line,
                    "title": None,
                    "originalText": None,
                    "referenceId": f"ref-{i}",
                }
            )
    return {
        "id": slug(r["name"]),
        "name": r["name"],
        "slug": slug(r["name"]),
        "recipeYield": r["yield"],
        "recipeServings": 0,
        "prepTime": minutes_text(r["prep"]),
        "performTime": minutes_text(r["cook"]),
        "totalTime": None,
        "description": "",
        "recipeCategory": [{"id": slug(c), "name": c, "slug": slug(c)} for c in r["category"]],
        "tags": [{"id": "t1", "name": "Family", "slug": "family"}],
        "recipeIngredient": parsed,
        "recipeInstructions": [
            {"id": f"s{i}", "title": "", "text": s, "ingredientReferences": []}
            for i, s in enumerate(r["steps"])
        ],
        "orgURL": r["url"] or None,
        "settings": {"public": True},
        "notes": [],
        "extras": {},
    }


def mealie_v0(r: dict) -> dict:
    return {
        "name": r["name"],
        "slug": slug(r["name"]),
        "description": "",
        "image": "no image",
        "recipeYield": r["yield"],
        "recipeCategory": r["category"],
        "tags": ["family"],
        "recipeIngredient": [
            {
                "title": None,
                "note": line,
                "unit": None,
                "food": None,
                "disable_amount": True,
                "quantity": 1,
            }
            for line in r["lines"]
        ],
        "recipeInstructions": [{"title": "", "text": s} for s in r["steps"]],
        "totalTime": None,
        "prepTime": minutes_text(r["prep"]),
        "performTime": minutes_text(r["cook"]),
        "orgURL": r["url"] or None,
        "dateAdded": "2021-03-01",
        "rating": None,
    }


def mealie_backup(recipes: list[dict]) -> dict:
    rows, ingredients, steps = [], [], []
    for n, r in enumerate(recipes, start=1):
        rows.append(
            {
                "id": f"id-{n}",
                "name": r["name"],
                "slug": slug(r["name"]),
                "recipe_yield": r["yield"],
                "prep_time": minutes_text(r["prep"]),
                "perform_time": minutes_text(r["cook"]),
                "org_url": r["url"],
                "description": "",
            }
        )
        for i, line in enumerate(r["lines"]):
            ingredients.append(
                {
                    "id": n * 100 + i,
                    "recipe_id": f"id-{n}",
                    "position": i,
                    "title": None,
                    "note": line,
                    "original_text": line,
                    "quantity": 0.0,
                    "unit_id": None,
                    "food_id": None,
                }
            )
        for i, s in enumerate(r["steps"]):
            steps.append(
                {"id": f"st-{n}-{i}", "recipe_id": f"id-{n}", "position": i, "title": "", "text": s}
            )
    return {
        "alembic_version": [{"version_num": "d7c6efd2de42"}],
        "recipes": rows,
        "recipes_ingredients": ingredients,
        "recipe_instructions": steps,
        "ingredient_units": [],
        "ingredient_foods": [],
        "categories": [],
        "recipes_to_categories": [],
    }


def tandoor(r: dict) -> dict:
    return {
        "name": r["name"],
        "description": "",
        "keywords": [{"name": c, "description": ""} for c in r["category"]],
        "working_time": int(re.sub(r"\D", "", r["prep"] or "0") or 0)
        if r["prep"] and "H" not in r["prep"]
        else 15,
        "waiting_time": 30 if r["cook"] else 0,
        "internal": True,
        "nutrition": None,
        "servings": int(re.search(r"\d+", r["yield"]).group(0)),
        "servings_text": "",
        "source_url": r["url"],
        "steps": [
            {
                "name": "",
                "instruction": "\n".join(r["steps"]),
                "order": 0,
                "time": 0,
                "show_as_header": False,
                "ingredients": [
                    {
                        "food": None,
                        "unit": None,
                        "amount": 0,
                        "note": "",
                        "order": i,
                        "is_header": False,
                        "no_amount": True,
                        "original_text": line,
                    }
                    for i, line in enumerate(r["lines"])
                ],
            },
        ],
    }


def tandoor_parsed(r: dict) -> dict:
    """A Tandoor recipe whose lines were split into amount, unit and food (no original text)."""
    doc = tandoor(r)
    doc["steps"][0]["ingredients"] = [
        {
            "food": {"name": food},
            "unit": {"name": unit} if unit else None,
            "amount": amount,
            "note": note,
            "order": i,
            "is_header": False,
            "no_amount": amount == 0,
        }
        for i, (amount, unit, food, note) in enumerate(r["parsed"])
    ]
    return doc


def paprika(r: dict) -> dict:
    return {
        "name": r["name"],
        "ingredients": "\n".join(r["lines"]),
        "directions": "\n\n".join(r["steps"]),
        "servings": r["yield"],
        "prep_time": minutes_text(r["prep"]) or "",
        "cook_time": minutes_text(r["cook"]) or "",
        "total_time": "",
        "categories": r["category"],
        "source": "Example",
        "source_url": r["url"],
        "notes": "",
        "nutritional_info": "",
        "difficulty": "",
        "rating": 0,
        "photo_data": None,
        "uid": slug(r["name"]).upper(),
        "hash": "0" * 64,
        "created": "2026-11-30 10:00:00",
    }


def schema(r: dict) -> dict:
    return {
        "@type": "Recipe",
        "name": r["name"],
        "recipeYield": [r["yield"].split()[0], r["yield"]],
        "prepTime": r["prep"],
        "cookTime": r["cook"],
        "recipeCategory": r["category"],
        "recipeIngredient": r["lines"],
        "url": r["url"],
        "recipeInstructions": [{"@type": "HowToStep", "text": s} for s in r["steps"]],
        "author": {"@type": "Person", "name": "A Cook"},
    }


def mealmaster(r: dict) -> str:
    out = [
        "MMMMM----- Recipe via Meal-Master (tm) v8.05",
        "",
        f"      Title: {r['name']}",
        f" Categories: {', '.join(r['category'])}",
        f"      Yield: {r['yield']}",
        "",
    ]
    for qty, unit, text in r["mm"]:
        out.append(f"{qty:>7} {unit:<2} {text}")
    out.append("")
    for s in r["steps"]:
        out.append(f"  {s}")
        out.append("")
    out.append("MMMMM")
    return "\n".join(out) + "\n"


def main() -> None:
    recipes = json.loads((HERE / "recipes.json").read_text(encoding="utf-8"))
    extra = json.loads((HERE / "recipes_more.json").read_text(encoding="utf-8"))
    mealie_a, mealie_b, tandoor_set, paprika_set, schema_set = (
        recipes[:4],
        recipes[4:],
        extra["tandoor"],
        extra["paprika"],
        extra["schema"],
    )
    files = {
        f"recipes/{slug(r['name'])}/{slug(r['name'])}.json": json.dumps(
            mealie_v1(r), indent=2
        ).encode()
        for r in mealie_a
    }
    files.update(
        {
            f"recipes/{slug(r['name'])}/images/original.webp": b"RIFF\x00\x00\x00\x00WEBP"
            for r in mealie_a
        }
    )
    (HERE / "mealie_v1_export.zip").write_bytes(zip_bytes(files))
    (HERE / "mealie_v1_recipe.json").write_text(
        json.dumps(mealie_v1(mealie_b[0]), indent=2), encoding="utf-8"
    )
    (HERE / "mealie_v0_export.zip").write_bytes(
        zip_bytes(
            {
                f"recipes/{slug(r['name'])}.json": json.dumps(mealie_v0(r), indent=2).encode()
                for r in mealie_b[1:]
            }
            | {"settings/site_settings.json": b'{"language": "en-US", "showRecent": true}'}
        )
    )
    (HERE / "mealie_backup.zip").write_bytes(
        zip_bytes({"database.json": json.dumps(mealie_backup(recipes[:2])).encode()})
    )
    nested = {}
    for n, r in enumerate(tandoor_set, start=1):
        doc = tandoor_parsed(r) if "parsed" in r else tandoor(r)
        nested[f"{n}.zip"] = zip_bytes(
            {"recipe.json": json.dumps(doc).encode(), "image.jpg": b"\xff\xd8\xff"}
        )
    (HERE / "tandoor_export.zip").write_bytes(zip_bytes(nested))
    (HERE / "paprika_export.paprikarecipes").write_bytes(
        zip_bytes(
            {
                f"{r['name']}.paprikarecipe": gzip.compress(
                    json.dumps(paprika(r)).encode(), mtime=0
                )
                for r in paprika_set
            }
        )
    )
    (HERE / "schema_recipe.json").write_text(
        json.dumps(
            {
                "@context": "https://schema.org",
                "@graph": [
                    {"@type": "WebPage", "name": "Recipes"},
                    *(schema(r) for r in schema_set[:1]),
                ],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    page = (
        "<!DOCTYPE html><html><head><title>{name}</title>"
        '<script type="application/ld+json">{ld}</script></head>'
        "<body><h1>{name}</h1><p>Our favourite.</p></body></html>"
    )
    r = schema_set[1]
    ld = json.dumps({"@context": "https://schema.org", **schema(r)})
    (HERE / "saved_page.html").write_text(page.format(name=r["name"], ld=ld), encoding="utf-8")
    r = schema_set[2]
    items = "".join(f'<li itemprop="recipeIngredient">{line}</li>' for line in r["lines"])
    steps = "".join(f'<li itemprop="recipeInstructions">{s}</li>' for s in r["steps"])
    (HERE / "microdata_page.html").write_text(
        '<html><body><div itemscope itemtype="https://schema.org/Recipe">'
        f'<h1 itemprop="name">{r["name"]}</h1>'
        f'<meta itemprop="recipeYield" content="{r["yield"]}">'
        f'<meta itemprop="prepTime" content="{r["prep"]}">'
        f"<ul>{items}</ul><ol>{steps}</ol></div></body></html>",
        encoding="utf-8",
    )
    (HERE / "recipes.mmf").write_text(
        "".join(mealmaster(r) for r in extra["mealmaster"]), encoding="utf-8"
    )
    (HERE / "kale_and_white_bean_soup.txt").write_text(extra["plain"], encoding="utf-8")


if __name__ == "__main__":
    main()
