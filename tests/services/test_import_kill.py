"""A killed import (SIGKILL in the middle of the transaction) leaves the database unchanged."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from k2planner.db.database import open_database

ROOT = Path(__file__).resolve().parents[2]


def _digest(db: Path) -> tuple[str, int]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        h = hashlib.sha256()
        for row in conn.execute("SELECT id, source_id, name FROM food ORDER BY id"):
            h.update(repr(row).encode())
        for row in conn.execute(
            "SELECT food_id, nutrient, value FROM nutrientvalue ORDER BY food_id, nutrient"
        ):
            h.update(repr(row).encode())
        n = conn.execute("SELECT COUNT(*) FROM food").fetchone()[0]
    return h.hexdigest(), n


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_during_import(tmp_path: Path, seeded_template: Path, resources: Path) -> None:
    """Kill -9 the importing process mid-transaction: same foods and values afterwards."""
    db = tmp_path / "k.sqlite"
    shutil.copy(seeded_template, db)
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as f:
        f.write("Food,kcal,K1 (µg)\n")
        for i in range(20000):
            f.write(f"Killed import food {i},{100 + i % 300},{i % 90}\n")
    before = _digest(db)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "k2planner", "--db", str(db), "import", str(big)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith("progress"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert any(x.startswith("progress") for x in seen), "".join(seen)
    assert proc.returncode == -signal.SIGKILL
    assert _digest(db) == before
    with sqlite3.connect(db) as conn:
        assert (
            conn.execute("SELECT COUNT(*) FROM food WHERE name LIKE 'Killed import%'").fetchone()[0]
            == 0
        )
    reopened = open_database(db, resources)
    reopened.engine.dispose()
