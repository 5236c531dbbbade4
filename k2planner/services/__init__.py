"""Use cases over the database, free of Qt: catalog, preferences, planning, shopping, import."""
