"""Importing foods: CSV variants, FoodData Central, Open Food Facts, duplicates, atomicity."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from k2planner.domain.diet import Contains, DietFlags
from k2planner.domain.food_input import Severity
from k2planner.domain.importing.mapping import guess_field, parse_mapping_spec
from k2planner.domain.importing.records import FileFormat
from k2planner.domain.nutrients import Nutrient, Tier
from k2planner.services.catalog import CatalogService
from k2planner.services.import_read import ImportFileError, headers_of, read_import
from k2planner.services.importer import (
    ImportCancelled,
    ImportOptions,
    ImportRejected,
    ImportService,
    OnDuplicate,
    UnitFix,
)

DATA = Path(__file__).resolve().parent.parent / "data"


def _food(engine: Engine, name: str):  # type: ignore[no-untyped-def]
    hits = [f for f in CatalogService(engine).search_foods(name, 20) if f.name == name]
    assert hits, f"{name} not found"
    return hits[0]


def _count(engine: Engine) -> int:
    with engine.connect() as c:
        return int(c.exec_driver_sql("SELECT COUNT(*) FROM food").scalar_one())


def write(tmp: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp / name
    p.write_bytes(text.encode(encoding))
    return p


DIETITIAN = (
    "Food;Vitamin K1 (µg);MK-7 (µg);Vitamin K2 (µg);kcal;Protein (g)\n"
    "Farm Gouda 18 months;2,4;1,6;75,0;370;25,1\n"
    'Kefir "Bio";0,3;;8,4;61;3,2\n'
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1", "cp1252"])
def test_csv_encodings_and_decimal_comma(tmp_path: Path, encoding: str) -> None:
    """Semicolons, decimal commas and common encodings all read the same numbers."""
    parsed = read_import(write(tmp_path, "d.csv", DIETITIAN, encoding))
    assert not parsed.issues
    gouda = parsed.foods[0]
    assert gouda.name == "Farm Gouda 18 months"
    assert gouda.values[Nutrient.K1] == pytest.approx(2.4)
    assert gouda.values[Nutrient.MK7] == pytest.approx(1.6)
    assert gouda.values[Nutrient.K2_REPORTED] == pytest.approx(75.0)
    assert Nutrient.MK7 not in parsed.foods[1].values  # empty cell: unknown, not zero


def test_tsv_any_column_order_and_units(tmp_path: Path) -> None:
    """Columns in any order; mg and kJ in headers are converted."""
    text = "Energy (kJ)\tMenaquinone-7 [mg]\tDescription\tProtein\n1490\t0.0016\tSome cheese\t25\n"
    f = read_import(write(tmp_path, "x.tsv", text)).foods[0]
    assert f.name == "Some cheese"
    assert f.values[Nutrient.ENERGY] == pytest.approx(1490 / 4.184)
    assert f.values[Nutrient.MK7] == pytest.approx(1.6)


def test_k2_in_mg_that_is_surely_ug_is_a_question(tmp_path: Path, seeded_engine: Engine) -> None:
    """850 "mg" MK-7 per 100 g: asked, with the value read as µg; scale fixes it."""
    text = "name,MK-7 (mg),kcal\nNatto from the market,850,200\n"
    parsed = read_import(write(tmp_path, "n.csv", text))
    q = [i for i in parsed.issues if i.severity is Severity.QUESTION]
    assert len(q) == 1 and q[0].suggestion == pytest.approx(850)
    assert "850" in q[0].message
    svc = ImportService(seeded_engine)
    skipped = svc.commit(parsed)  # default: skip unconfirmed values
    assert skipped.added == 0 and skipped.skipped
    svc.commit(parsed, ImportOptions(unit_fix=UnitFix.SCALE))
    assert _food(seeded_engine, "Natto from the market").value(Nutrient.MK7) == pytest.approx(850)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("abc", "not a number"),
        ("-3", "negative"),
        ("NaN", "not a number"),
        ("150", "more grams than 100 g"),
        ("9e9", "far above"),
    ],
)
def test_bad_values_are_reported_with_row_and_column(
    tmp_path: Path, cell: str, message: str
) -> None:
    """Every bad cell is reported with file, row, column, value and why."""
    column = "Protein (g)" if cell == "150" else "K1 (µg)"
    text = f"name,{column}\nGood food,1\nBad food,{cell}\n"
    parsed = read_import(write(tmp_path, "b.csv", text))
    assert [f.name for f in parsed.foods] == ["Good food"]
    issue = next(i for i in parsed.issues if i.row == 3)
    assert message in issue.message and issue.column == column and issue.value == cell
    assert issue.text().startswith("b.csv, row 3, column")


def test_error_in_last_row_imports_nothing_unless_skipped(
    tmp_path: Path, seeded_engine: Engine
) -> None:
    """All or nothing: one bad row blocks the import until the user skips bad rows."""
    text = "name,kcal\n" + "".join(f"Food {i},{i}\n" for i in range(50)) + "Broken,xyz\n"
    parsed = read_import(write(tmp_path, "f.csv", text))
    before = _count(seeded_engine)
    with pytest.raises(ImportRejected, match="nothing was imported"):
        ImportService(seeded_engine).commit(parsed)
    assert _count(seeded_engine) == before
    summary = ImportService(seeded_engine).commit(parsed, ImportOptions(skip_bad_rows=True))
    assert summary.added == 50 and len(summary.rejected) == 1
    assert _count(seeded_engine) == before + 50
    assert "xyz" in summary.to_csv()


def test_duplicates_update_skip_add(tmp_path: Path, seeded_engine: Engine) -> None:
    """A food matching by name can be updated, skipped or added as new."""
    text = "name,K1 (µg)\nFarm cheese,1\n"
    svc = ImportService(seeded_engine)
    svc.commit(read_import(write(tmp_path, "a.csv", text)))
    again = read_import(write(tmp_path, "a2.csv", "name,K1 (µg)\nfarm cheese,7\n"))
    dups = svc.duplicates(again)
    assert dups[2].by == "name"
    assert svc.commit(again).skipped
    svc.commit(again, ImportOptions(OnDuplicate.UPDATE))
    assert _food(seeded_engine, "farm cheese").value(Nutrient.K1) == 7
    svc.commit(again, ImportOptions(OnDuplicate.ADD))
    assert (
        len(
            [
                f
                for f in CatalogService(seeded_engine).search_foods("farm cheese")
                if f.name.lower() == "farm cheese"
            ]
        )
        == 2
    )


def test_imported_values_carry_user_provenance(tmp_path: Path, seeded_engine: Engine) -> None:
    """Values say "user import: FILE" with tier user; flags are derived like bundled foods."""
    ImportService(seeded_engine).commit(read_import(write(tmp_path, "mine.csv", DIETITIAN)))
    f = _food(seeded_engine, "Farm Gouda 18 months")
    v = f.values[Nutrient.K1]
    assert v.source == "user import: mine.csv" and v.tier is Tier.USER
    assert "dairy" in f.contains.names() and f.is_user


def test_fdc_csv_folder_zip_and_json(tmp_path: Path, seeded_engine: Engine) -> None:
    """FoodData Central downloads: K1, dihydro-K1 and MK-4 in µg; SR Legacy matched by NDB."""
    folder = DATA / "fdc_csv"
    parsed = read_import(folder)
    assert parsed.format is FileFormat.FDC and not parsed.issues
    eggs = next(f for f in parsed.foods if f.source_id == "fdc:746782")
    assert eggs.values[Nutrient.MK4] == pytest.approx(0.2)
    assert eggs.values[Nutrient.DK1] == 0.0
    assert eggs.values[Nutrient.ENERGY] == pytest.approx(148)  # Atwater energy of Foundation foods
    assert eggs.portions[0].grams == pytest.approx(50.3)
    gouda = next(f for f in parsed.foods if f.source_id == "fdc:171241")
    assert gouda.also_known_as == ("usda:01022",) and gouda.group == "Dairy and Egg Products"
    zipped = tmp_path / "fdc.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        for p in folder.iterdir():
            z.write(p, f"FoodData_Central_csv/{p.name}")
    assert read_import(zipped).foods == parsed.foods
    svc = ImportService(seeded_engine)
    assert svc.duplicates(parsed)[2].by == "id"  # Cheese, gouda is already there (usda:01022)
    summary = svc.commit(parsed)
    assert summary.added == 1 and len(summary.skipped) == 2
    js = read_import(DATA / "fdc_sr_legacy.json")
    edam = js.foods[0]
    assert js.format is FileFormat.FDC
    assert edam.values[Nutrient.MK4] == pytest.approx(9.4)
    assert edam.values[Nutrient.K1] == pytest.approx(2.3)


def test_open_food_facts_json_and_csv(seeded_engine: Engine) -> None:
    """OFF stores vitamin K in grams: 0.000065 g → 65 µg, as "form not stated"."""
    js = read_import(DATA / "off" / "product.json")
    assert js.format is FileFormat.OFF and not js.issues
    cheese = js.foods[0]
    assert cheese.source_id == "off:8712345678906"
    assert cheese.values[Nutrient.VK_TOTAL] == pytest.approx(65)
    assert cheese.values[Nutrient.CALCIUM] == pytest.approx(800)
    assert Nutrient.K1 not in cheese.values and Nutrient.K2_REPORTED not in cheese.values
    assert "Kaasboerderij" in cheese.name and "form" in cheese.note
    tsv = read_import(DATA / "off" / "products.tsv")
    assert tsv.format is FileFormat.OFF
    kefir, natto = tsv.foods
    assert kefir.values[Nutrient.VK_TOTAL] == pytest.approx(2.1)
    assert kefir.values[Nutrient.CALCIUM] == pytest.approx(120)
    assert natto.values[Nutrient.VK_TOTAL] == pytest.approx(870)
    assert kefir.group == "Kefirs" and kefir.source_id == "off:4001234567890"
    summary = ImportService(seeded_engine).commit(tsv)
    assert summary.added == 2


def test_off_impossible_gram_value_asks(tmp_path: Path) -> None:
    """65 in the gram field (a label's µg) is a question suggesting 65 µg."""
    p = write(
        tmp_path,
        "p.json",
        '{"product": {"code": "1", "product_name": "X", "nutriments": {"vitamin-k_100g": 65}}}',
    )
    q = read_import(p).issues[0]
    assert q.severity is Severity.QUESTION and q.suggestion == pytest.approx(65)


def test_mapping_spec_overrides_guesses(tmp_path: Path) -> None:
    """--mapping picks columns and units by header or number."""
    p = write(tmp_path, "m.csv", "Produkt,Vit K (mg),Zusatz\nKäse,0.002,x\n")
    cols = parse_mapping_spec("name=Produkt, k1_ug=2:mg", headers_of(p))
    f = read_import(p, mapping=cols).foods[0]
    assert f.name == "Käse" and f.values[Nutrient.K1] == pytest.approx(2.0)
    with pytest.raises(ValueError, match="no column"):
        parse_mapping_spec("name=Nope", headers_of(p))


def test_unreadable_inputs_are_clear(tmp_path: Path) -> None:
    """A missing file, an FDC file alone, a bad zip: clear errors, nothing raised raw."""
    with pytest.raises(ImportFileError, match="cannot be read"):
        read_import(tmp_path / "missing.csv")
    lone = tmp_path / "food.csv"
    shutil.copy(DATA / "fdc_csv" / "food.csv", lone)
    with pytest.raises(ImportFileError, match="FoodData Central"):
        read_import(lone)
    bad = write(tmp_path, "x.zip", "not a zip")
    with pytest.raises(ImportFileError, match="zip"):
        read_import(bad)
    empty = read_import(write(tmp_path, "e.csv", ""))
    assert empty.file_errors()


def test_cancel_leaves_database_unchanged(tmp_path: Path, seeded_engine: Engine) -> None:
    """Cancelling mid-way rolls everything back."""
    text = "name,kcal\n" + "".join(f"Cancelled food {i},{i % 500}\n" for i in range(1200))
    parsed = read_import(write(tmp_path, "c.csv", text))
    before = _count(seeded_engine)
    calls = []
    with pytest.raises(ImportCancelled):
        ImportService(seeded_engine).commit(
            parsed, progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) >= 2
        )
    assert _count(seeded_engine) == before
    assert calls and calls[0] < 1200  # the progress moved before the cancel


def test_dry_run_saves_nothing(tmp_path: Path, seeded_engine: Engine) -> None:
    """A dry run reports what would happen and keeps the database as it was."""
    before = _count(seeded_engine)
    s = ImportService(seeded_engine).commit(
        read_import(write(tmp_path, "d.csv", DIETITIAN)), ImportOptions(dry_run=True)
    )
    assert s.added == 2 and s.dry_run and "would be" in s.text()
    assert _count(seeded_engine) == before


def test_binary_and_header_only_files_are_explained(tmp_path: Path) -> None:
    """An xlsx (zip bytes), random bytes and a header without rows each get one clear error."""
    import random

    rnd = random.Random(7)
    xlsx = tmp_path / "foods.csv"
    xlsx.write_bytes(b"PK\x03\x04" + bytes(rnd.randrange(256) for _ in range(4000)))
    [issue] = read_import(xlsx).issues
    assert issue.row == 0 and "binary" in issue.message and not read_import(xlsx).foods
    header_only = write(tmp_path, "h.csv", "Name;MK-7 (µg)\n")
    [issue] = read_import(header_only).issues
    assert "no rows" in issue.message


def test_amount_column_converts_to_per_100g(tmp_path: Path) -> None:
    """Values given for "150 g" are scaled to 100 g; "2 cups" is refused for that row."""
    p = write(
        tmp_path,
        "a.csv",
        "Food,Amount,Vitamin K (µg),MK-7 (µg)\nCheese,150.00 g,3,30\nSpinach,2.00 cup,290,\n",
    )
    parsed = read_import(p)
    [cheese] = parsed.foods
    assert cheese.values[Nutrient.MK7] == pytest.approx(20.0)
    assert cheese.values[Nutrient.VK_TOTAL] == pytest.approx(2.0)
    [issue] = parsed.issues
    assert (issue.row, issue.column, issue.value) == (3, "Amount", "2.00 cup")
    assert parsed.row_names == {3: "Spinach"}


def test_off_json_lines_and_fdc_search_results(tmp_path: Path) -> None:
    """An Open Food Facts JSONL dump and an FDC API search result read like their JSON forms."""
    lines = tmp_path / "dump.jsonl"
    lines.write_text(
        '{"code": "1", "product_name": "Natto", "nutriments": {"vitamin-k_100g": 0.00087}}\n'
        "\n"
        '{"code": "2", "product_name": "Kefir", "nutriments": {"energy-kcal_100g": 61}}\n',
        encoding="utf-8",
    )
    parsed = read_import(lines)
    assert parsed.format is FileFormat.OFF and [f.name for f in parsed.foods] == ["Natto", "Kefir"]
    assert parsed.foods[0].values[Nutrient.VK_TOTAL] == pytest.approx(870)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"code": "1"}\n{"code": \n', encoding="utf-8")
    with pytest.raises(ImportFileError, match="line 2"):
        read_import(broken)
    search = tmp_path / "search.json"
    search.write_text(
        '{"totalHits": 1, "foods": [{"fdcId": 9, "description": "Cheese, gouda", '
        '"foodNutrients": [{"nutrientNumber": "428", "unitName": "UG", "value": 10.1}]}]}',
        encoding="utf-8",
    )
    parsed = read_import(search)
    assert parsed.format is FileFormat.FDC
    assert parsed.foods[0].values[Nutrient.MK4] == pytest.approx(10.1)


def test_hostile_json_is_a_clear_error(tmp_path: Path) -> None:
    """Nesting deep enough to exhaust the parser, and a bad version field, are reported."""
    deep = write(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)
    [issue] = read_import(deep).issues
    assert issue.row == 0 and "nested too deeply" in issue.message
    bad_version = write(tmp_path, "v.json", '{"format": "k2planner-export", "version": "x"}')
    [issue] = read_import(bad_version).issues
    assert "version" in issue.message


def test_allergen_columns_decide_the_flags_they_cover(
    tmp_path: Path, seeded_engine: Engine
) -> None:
    """A "contains" column states the allergens (the others are free); "may contain" gives
    traces; meat and fish still come from the rules; nothing unknown becomes free."""
    text = (
        "Food,Allergens,May contain,K2 (µg)\n"
        'Seeded spelt crackers,"wheat, sesame",milk,1\n'
        "Quorn mince,,,\n"
        "Mystery bar,none,,\n"
        "Odd snack,kryptonite,,\n"
    )
    parsed = read_import(write(tmp_path, "labels.csv", text))
    fields = {guess_field(h) for h in headers_of(write(tmp_path, "labels.csv", text))}
    assert {"contains", "may_contain"} <= fields
    ImportService(seeded_engine).commit(parsed)
    crackers = _food(seeded_engine, "Seeded spelt crackers")
    assert crackers.contains == Contains.GLUTEN and crackers.may_contain & Contains.DAIRY
    assert not crackers.may_contain & (Contains.EGG | Contains.NUTS | Contains.SOY)
    assert "column 'Allergens'" in crackers.diet.reason(Contains.GLUTEN)
    quorn = _food(seeded_engine, "Quorn mince")
    assert quorn.contains & Contains.EGG and not quorn.contains & Contains.MEAT
    mystery = _food(seeded_engine, "Mystery bar")
    assert not mystery.may_contain & Contains.NUTS  # the file said: no allergens
    assert mystery.may_contain & Contains.MEAT  # but it said nothing about meat
    odd = _food(seeded_engine, "Odd snack")
    assert odd.may_contain & Contains.NUTS  # an unknown word frees nothing


def test_open_food_facts_allergens_traces_and_analysis(
    tmp_path: Path, seeded_engine: Engine
) -> None:
    """OFF allergens cover the allergens when there is an ingredient list; traces are "may
    contain"; "en:vegan" frees the animal flags; a conflict with the name stays "may"."""
    doc = {
        "products": [
            {
                "code": "1",
                "product_name": "Parmigiano Reggiano",
                "ingredients_text": "milk, salt, rennet",
                "allergens_tags": [],
                "nutriments": {},
            },
            {
                "code": "2",
                "product_name": "Dark chocolate 85%",
                "ingredients_text": "cocoa mass, sugar",
                "allergens_tags": [],
                "traces_tags": ["en:milk", "en:nuts"],
                "ingredients_analysis_tags": ["en:vegan"],
                "nutriments": {},
            },
        ]
    }
    path = write(tmp_path, "products.json", json.dumps(doc))
    ImportService(seeded_engine).commit(read_import(path))
    parm = _food(seeded_engine, "Parmigiano Reggiano")
    assert parm.contains & Contains.ANIMAL_ADDITIVE and parm.may_contain & Contains.DAIRY
    assert "but" in parm.diet.reason(Contains.DAIRY)
    dark = _food(seeded_engine, "Dark chocolate 85%")
    assert dark.may_contain & Contains.DAIRY and dark.may_contain & Contains.NUTS
    assert not (dark.contains | dark.may_contain) & (Contains.MEAT | Contains.EGG)
    assert "traces" in dark.diet.reason(Contains.DAIRY)


def test_flags_set_in_the_preview_are_kept(tmp_path: Path, seeded_engine: Engine) -> None:
    """ImportOptions.flags_per_row (the preview's choice) wins and is never re-derived."""
    parsed = read_import(write(tmp_path, "one.csv", "Food,K2 (µg)\nHouse cheese,5\n"))
    row = parsed.foods[0].row
    chosen = DietFlags(Contains.DAIRY, Contains.NONE, (("dairy", "you set this"),))
    ImportService(seeded_engine).commit(parsed, ImportOptions(flags_per_row={row: chosen}))
    food = _food(seeded_engine, "House cheese")
    assert food.contains == Contains.DAIRY and food.may_contain == Contains.NONE


@pytest.mark.parametrize("bad", ["Infinity", "NaN", 1e309, 1e300, -1])
def test_own_exports_get_the_same_value_checks(
    tmp_path: Path, seeded_engine: Engine, bad: object
) -> None:
    """Our own JSON export with an impossible value (infinite, 1e300 µg, 5,000 g of fat per
    100 g, negative) is reported by row and nothing is imported; an unusual but possible value
    (dried basil's 1,700 µg K1) is kept."""
    doc = {
        "format": "k2planner-export",
        "version": 2,
        "foods": [
            {"name": "Odd", "values": {"mk7_ug": {"value": bad}}},
            {"name": "Fatty", "values": {"fat_g": {"value": 5000}}},
            {"name": "Basil, dried", "values": {"k1_ug": {"value": 1700}}},
        ],
    }
    path = write(tmp_path, "mine.json", json.dumps(doc, allow_nan=True))
    parsed = read_import(path)
    assert [f.name for f in parsed.foods] == ["Basil, dried"]
    assert {i.row for i in parsed.issues} == {1, 2}
    before = _count(seeded_engine)
    with pytest.raises(ImportRejected):
        ImportService(seeded_engine).commit(parsed)
    assert _count(seeded_engine) == before


def test_two_imports_and_a_plan_at_once_all_succeed(seeded_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two windows (or the CLI beside the GUI) importing into one database at once, while a
    third saves a plan: every import lands, the plan is saved, nothing is locked out."""
    import threading

    from k2planner.db.engine import close_engine, make_file_engine
    from k2planner.domain.preferences import Preferences
    from k2planner.services.planning import PlanningService

    files = []
    for n in range(2):
        rows = "".join(f"Racer {n}-{i};{i % 7}\n" for i in range(1500))
        files.append(write(tmp_path, f"race{n}.csv", f"Food;Vitamin K1 (µg)\n{rows}"))
    errors: list[BaseException] = []
    engines = [make_file_engine(seeded_db.path) for _ in range(3)]

    def run(job) -> None:  # type: ignore[no-untyped-def]
        try:
            job()
        except BaseException as exc:
            errors.append(exc)

    jobs = [
        lambda: ImportService(engines[0]).commit(read_import(files[0])),
        lambda: ImportService(engines[1]).commit(read_import(files[1])),
        lambda: PlanningService(engines[2]).generate(Preferences(), seed=3, save=True),
    ]
    threads = [threading.Thread(target=run, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for e in engines:
        close_engine(e)
    assert not errors, errors
    with seeded_db.engine.connect() as c:
        racers = c.exec_driver_sql(
            "SELECT COUNT(*) FROM food WHERE name LIKE 'Racer %'"
        ).scalar_one()
        plans = c.exec_driver_sql("SELECT COUNT(*) FROM savedplan").scalar_one()
        groups = c.exec_driver_sql(
            "SELECT COUNT(*) FROM foodgroup WHERE name = 'Imported foods'"
        ).scalar_one()
    assert racers == 3000 and plans >= 1 and groups == 1


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "Date,Calories,Protein (g)\n2026-11-01,1800,70\n2026-11-02,2100,80\n"
            "2026-11-03,1900,75\n",
            "diary",
        ),
        (
            "Nutrient,kcal\nEnergy,1\nProtein,2\nTotal lipid (fat),3\nVitamin K1,4\nFiber,5\n",
            "list of nutrients",
        ),
        ("Food,Farbe,Gewicht\nNatto,braun,50\nKale,grün,30\n", "no column the app reads"),
        (
            "Food,Vitamin K2 (µg)\n" + "".join(f"Item {i},\n" for i in range(20)) + "Natto,900\n",
            "no value in",
        ),
    ],
)
def test_junk_tables_are_refused_with_what_they_look_like(
    tmp_path: Path, seeded_engine: Engine, text: str, says: str
) -> None:
    """A diary, a nutrient list, a table without nutrient columns or with almost no values is
    refused with a sentence saying what it looks like; nothing is imported."""
    parsed = read_import(write(tmp_path, "junk.csv", text))
    assert not parsed.foods
    assert any(says in i.message for i in parsed.file_errors()), [i.message for i in parsed.issues]
    before = _count(seeded_engine)
    with pytest.raises(ImportRejected):
        ImportService(seeded_engine).commit(parsed)
    assert _count(seeded_engine) == before


def test_fdc_abridged_json_keeps_its_vitamin_k(tmp_path: Path) -> None:
    """FoodData Central's abridged format keys nutrients by "number": cheddar keeps MK-4 9.3 µg
    and K1 2.4 µg."""
    doc = [
        {
            "fdcId": 328637,
            "description": "Cheese, cheddar",
            "dataType": "Foundation",
            "foodNutrients": [
                {"number": "428", "name": "Menaquinone-4", "amount": 9.3, "unitName": "UG"},
                {
                    "number": "430",
                    "name": "Vitamin K (phylloquinone)",
                    "amount": 2.4,
                    "unitName": "UG",
                },
                {"number": "208", "name": "Energy", "amount": 408, "unitName": "KCAL"},
            ],
        }
    ]
    parsed = read_import(write(tmp_path, "abridged.json", json.dumps(doc)))
    (food,) = parsed.foods
    assert food.values[Nutrient.MK4] == pytest.approx(9.3)
    assert food.values[Nutrient.K1] == pytest.approx(2.4)


def test_too_many_rows_are_refused_before_the_file_is_loaded(tmp_path: Path) -> None:
    """A CSV over the row limit is refused while counting its lines, with what to do."""
    from k2planner.domain.importing.csv_foods import MAX_ROWS

    big = tmp_path / "big.csv"
    with big.open("wb") as f:
        f.write(b"Food;K1 (\xc2\xb5g)\n")
        f.write(b"x;1\n" * (MAX_ROWS + 5))
    with pytest.raises(ImportFileError, match="split the file"):
        read_import(big)


def test_oversized_tables_and_zip_members_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table or a zip member larger than one import can take is refused, naming its size."""
    import k2planner.services.import_read as import_read

    monkeypatch.setattr(import_read, "MAX_TABLE_BYTES", 1000)
    csv_file = tmp_path / "wide.csv"
    csv_file.write_text("Food;K1 (µg)\n" + "cheese;1\n" * 300, encoding="utf-8")
    with pytest.raises(ImportFileError, match="more than one import can take"):
        read_import(csv_file)
    bomb = tmp_path / "fdc.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("FoodData/food.csv", "0" * 50_000)  # compresses to almost nothing
        zf.writestr("FoodData/nutrient.csv", "id,name\n")
        zf.writestr("FoodData/food_nutrient.csv", "id\n")
    with pytest.raises(ImportFileError, match="unpacks to"):
        read_import(bomb)


def test_dry_run_counts_like_the_real_import(tmp_path: Path, seeded_engine: Engine) -> None:
    """A dry run (which writes and derives nothing) reports what the import then does."""
    src = tmp_path / "foods.csv"
    src.write_text(
        "Food;K1 (µg);MK-7 (µg)\nFarm kefir;0.4;1.2\nHouse natto;23;880\nFarm kefir;0.4;1.2\n",
        encoding="utf-8",
    )
    svc = ImportService(seeded_engine)
    dry = svc.commit(read_import(src), ImportOptions(dry_run=True))
    real = svc.commit(read_import(src))
    assert (dry.added, dry.updated, len(dry.skipped)) == (
        real.added,
        real.updated,
        len(real.skipped),
    )
    again = svc.commit(
        read_import(src), ImportOptions(dry_run=True, on_duplicate=OnDuplicate.UPDATE)
    )
    assert again.updated == 3 and again.added == 0


def test_fdc_sampling_records_are_left_out(tmp_path: Path) -> None:
    """A Foundation download's lab samples and acquisitions are not imported as empty foods."""
    folder = tmp_path / "fdc"
    shutil.copytree(DATA / "fdc_csv", folder)
    food = folder / "food.csv"
    extra = "".join(
        f'"{900000 + i}","{kind}","Eggs, Grade A, sample {i}","1","2019-04-01"\n'
        for i, kind in enumerate(["sample_food", "sub_sample_food", "market_acquisition"] * 4)
    )
    food.write_text(food.read_text(encoding="utf-8") + extra, encoding="utf-8")
    parsed = read_import(folder)
    assert not any("sample" in f.name for f in parsed.foods)
    assert any("12 sampling records" in n for n in parsed.notes)
    assert len(parsed.foods) == len(read_import(DATA / "fdc_csv").foods)


def test_a_food_twice_in_one_file_keeps_the_later_values(
    tmp_path: Path, seeded_engine: Engine
) -> None:
    """Values are written in batches: an update later in the same file still replaces them."""
    from k2planner.domain.importing.own import to_json
    from k2planner.domain.importing.records import FoodRecord

    first = FoodRecord(row=1, name="House natto", source_id="user:n1", values={Nutrient.MK7: 800})
    second = FoodRecord(row=2, name="House natto", source_id="user:n1", values={Nutrient.MK7: 900})
    src = tmp_path / "twice.json"
    src.write_text(to_json([first, second], []), encoding="utf-8")
    summary = ImportService(seeded_engine).commit(
        read_import(src), ImportOptions(OnDuplicate.UPDATE)
    )
    assert (summary.added, summary.updated) == (1, 1)
    with seeded_engine.connect() as c:
        rows = c.exec_driver_sql(
            "SELECT v.value FROM nutrientvalue v JOIN food f ON f.id = v.food_id "
            "WHERE f.source_id = 'user:n1' AND v.nutrient = 'mk7_ug'"
        ).fetchall()
    assert [r[0] for r in rows] == [900]
