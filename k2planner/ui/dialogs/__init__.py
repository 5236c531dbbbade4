"""Dialogs of the Qt user interface."""
