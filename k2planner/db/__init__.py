"""Database layer: sqlmodel tables, engine and migrations, repositories, seeding."""
