"""Keep stored diet flags in step with the bundled rules.

When the rules or the reviewed table change (a new version of the app), every food whose flags
the user (or an imported file) did not set is derived again, in one transaction, and the digest
of the rules is stored in ``meta``. A database opened with unchanged rules costs one query.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine

from k2planner.db.seed import DIET_RULES_KEY
from k2planner.domain.diet_rules import RuleBook, bundled_digest, derive_flags, rule_book

_FOODS = """
SELECT f.id, f.source_id, f.name, g.name, f.contains, f.may_contain, f.flag_reasons
FROM food f JOIN foodgroup g ON g.id = f.group_id WHERE NOT f.flags_user_set
"""


def refresh_diet_flags(engine: Engine, book: RuleBook | None = None) -> int:
    """Re-derive the flags of foods without user-set flags if the rules changed; returns how
    many foods changed (0 when the stored digest already matches)."""
    with engine.begin() as conn:
        stored = conn.execute(
            text("SELECT value FROM meta WHERE key = :k"), {"k": DIET_RULES_KEY}
        ).scalar()
        if stored == (book.digest if book else bundled_digest()):
            return 0
        book = book or rule_book()
        updates = []
        for fid, sid, name, group, contains, may, why in conn.exec_driver_sql(_FOODS):
            flags = derive_flags(name, group, sid, book)
            row = (flags.contains.value, flags.may_contain.value, flags.stored_reasons())
            if row != (contains, may, why):
                updates.append((*row, fid))
        if updates:
            conn.exec_driver_sql(
                "UPDATE food SET contains = ?, may_contain = ?, flag_reasons = ? WHERE id = ?",
                updates,
            )
        conn.execute(
            text("INSERT OR REPLACE INTO meta (key, value) VALUES (:k, :v)"),
            {"k": DIET_RULES_KEY, "v": book.digest},
        )
    return len(updates)
