"""Allow ``python -m k2planner``."""

from __future__ import annotations

import sys

from k2planner.cli import main

if __name__ == "__main__":
    sys.exit(main())
