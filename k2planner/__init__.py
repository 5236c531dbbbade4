"""k2planner: a desktop meal planner that reaches a daily vitamin K2 target."""

__version__ = "0.1.0"
APP_NAME = "k2planner"
APP_DISPLAY_NAME = "K2 Planner"
