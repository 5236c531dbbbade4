"""Entry point of the frozen app: the same ``k2planner`` command as the installed one."""

from __future__ import annotations

import sys

from k2planner.cli import main

if __name__ == "__main__":
    sys.exit(main())
