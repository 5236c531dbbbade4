"""Recipes from other apps: reading their files, parsing ingredient lines, matching foods."""
