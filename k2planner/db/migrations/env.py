"""Alembic environment: runs on the connection handed over by k2planner.db.migrate."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import k2planner.db.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    """Run migrations on the connection passed in ``config.attributes['connection']``."""
    connection = config.attributes.get("connection")
    if connection is None:  # alembic CLI (development only): use the configured URL
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
        with engine.begin() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
