"""Bring the bundled foods of an existing database up to the bundled seed.

A new version of the app may correct bundled values (a K2 value replaced by a better-supported
one, a range added). When the seed's digest differs from the one stored in ``meta``, every
bundled food that is still in the database gets the seed's nutrient values, K2 range and note,
in one transaction. Foods the user added or imported, and the user's own edits to them, are not
touched; bundled foods the user deleted stay deleted.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from k2planner.db.seed import SEED_FORMAT


def refresh_bundled_foods(engine: Engine, resources: Path) -> int:
    """Update bundled foods from the seed if it changed; returns how many foods were updated."""
    raw = (resources / "seed" / "foods.json.gz").read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    with engine.begin() as conn:
        stored = conn.execute(text("SELECT value FROM meta WHERE key = 'seed_sha256'")).scalar()
        if stored is None or stored == digest:
            return 0  # not seeded yet (seeding writes the digest), or already up to date
        seed = json.loads(gzip.decompress(raw))
        if seed.get("format") != SEED_FORMAT:
            return 0
        ids = {
            sid: fid
            for sid, fid in conn.exec_driver_sql("SELECT source_id, id FROM food WHERE NOT is_user")
        }
        index = {i: ids[row[0]] for i, row in enumerate(seed["foods"]) if row[0] in ids}
        sources, tiers = seed["sources"], seed["tiers"]
        conn.exec_driver_sql(
            "UPDATE food SET note = ?, k2_low_ug = ?, k2_high_ug = ? WHERE id = ?",
            [
                (row[8], *(row[9] or (None, None)), index[i])
                for i, row in enumerate(seed["foods"])
                if i in index
            ],
        )
        conn.exec_driver_sql(
            "DELETE FROM nutrientvalue WHERE food_id IN (SELECT id FROM food WHERE NOT is_user)"
        )
        conn.exec_driver_sql(
            "INSERT INTO nutrientvalue (food_id, nutrient, value, source, tier)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (index[f], n, v, sources[s], tiers[t])
                for f, n, v, s, t in seed["values"]
                if f in index
            ],
        )
        conn.execute(text("UPDATE meta SET value = :v WHERE key = 'seed_sha256'"), {"v": digest})
    return len(index)
