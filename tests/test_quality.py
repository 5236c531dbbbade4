"""Static checks run as part of the test suite: ruff, mypy (strict on the core), import-linter."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.quality


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint() -> None:
    """ruff finds nothing to complain about."""
    result = _run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    """The code is formatted with ruff format."""
    result = _run(sys.executable, "-m", "ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    """mypy passes (strict on domain, db and services)."""
    result = _run(sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / ".mypy_cache"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_layers() -> None:
    """import-linter's layer contracts hold (domain ← db ← services ← ui)."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "lint-imports is not installed (pip install -e '.[test]')"
    result = _run(exe)
    assert result.returncode == 0, result.stdout + result.stderr


def test_sql_lives_in_the_db_layer() -> None:
    """No SQL outside k2planner/db: services, UI, CLI and domain go through repositories."""
    pattern = re.compile(
        r"exec_driver_sql|\.execute\(|\btext\(\s*[\"']|\b(?:SELECT|INSERT INTO|UPDATE \w+ SET|"
        r"DELETE FROM)\b"
    )
    offending = []
    for path in sorted((ROOT / "k2planner").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("k2planner/db/"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                offending.append(f"{rel}:{n}: {line.strip()}")
    assert not offending, "\n".join(offending)


def test_word_lists_and_mappings_are_data() -> None:
    """The diet rules and the aisle mapping are read from resources/, not Python lists."""
    for name in ("diet_rules.toml", "reviewed_flags.csv", "allergen_words.toml", "aisles.toml"):
        assert (ROOT / "resources" / "rules" / name).is_file(), name
    for module in ("diet_rules.py", "aisles.py"):
        tree = ast.parse((ROOT / "k2planner" / "domain" / module).read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        strings = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
        ]
        assert len(strings) < 150, f"{module} holds {len(strings)} string literals: word lists?"
