"""Print the false positives of the diet rules on the labelled list (they should fall over time).

Run: ``python scripts/diet_false_positives.py`` (``--all`` also lists the "may contain" ones).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.domain.labelled_names import derive, false_negatives, false_positives, labelled


def main(argv: list[str]) -> int:
    """Print counts, then each name with a false positive."""
    items = labelled()
    hard = may = misses = 0
    for item in items:
        got = derive(item)
        extra, extra_may = false_positives(item, got)
        missed = false_negatives(item, got)
        hard += bool(extra)
        may += bool(extra_may)
        misses += bool(missed)
        if extra or ("--all" in argv and extra_may):
            print(f"{item.name}: contains {extra.names()} may {extra_may.names()}")
    print(
        f"{len(items)} names: {misses} with a false negative, {hard} with a false 'contains', "
        f"{may} with a 'may contain' not labelled"
    )
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
