"""Views of the Qt user interface."""
