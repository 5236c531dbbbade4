"""Reading food files from other apps and databases into checked records (no database)."""
