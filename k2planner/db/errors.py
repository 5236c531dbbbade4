"""Errors of opening a database, and the schema revisions this version knows.

Kept free of SQLAlchemy and Alembic, so the command line and the first window can name a
problem without loading them; ``tests/db/test_migrations.py`` checks the revisions against the
migration scripts.
"""

from __future__ import annotations

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006")
HEAD_REVISION = REVISIONS[-1]


class DatabaseError(Exception):
    """A database file that the app must not open; the message is for the user."""


class NewerDatabaseError(DatabaseError):
    """The file was written by a newer version of the app."""


def storage_problem(exc: BaseException) -> str | None:
    """A sentence for a failure of the database file itself (busy, read-only, full, damaged),
    or None when ``exc`` is not one. Takes SQLAlchemy's wrapper or sqlite3's error alike."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "locked" in text or "busy" in text:
        return (
            "the database is busy: another K2 Planner window or command is writing to it. "
            "Wait for it to finish and try again"
        )
    if "unable to open database file" in text:
        return (
            "the database could not be opened for writing: its folder may be read-only or "
            "missing. Make the folder writable, or open a copy elsewhere with --db PATH"
        )
    if "readonly" in text or "read-only" in text:
        return (
            "the database file or its folder is read-only. Make it writable, or open a copy "
            "with --db PATH"
        )
    if "disk is full" in text or "disk i/o" in text:
        return "the disk is full (or failed while writing). Free some space and try again"
    if "malformed" in text or "not a database" in text:
        return (
            "the database file is damaged. Restore a backup (File → Restore backup…), or "
            "start with another database: --db PATH"
        )
    return None
