"""Errors of opening a database, and the schema revisions this version knows.

Kept free of SQLAlchemy and Alembic, so the command line and the first window can name a
problem without loading them; ``tests/db/test_migrations.py`` checks the revisions against the
migration scripts.
"""

from __future__ import annotations

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")
HEAD_REVISION = REVISIONS[-1]


class DatabaseError(Exception):
    """A database file that the app must not open; the message is for the user."""


class NewerDatabaseError(DatabaseError):
    """The file was written by a newer version of the app."""
