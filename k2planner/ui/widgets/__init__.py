"""Widgets of the Qt user interface."""
