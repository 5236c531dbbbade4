"""A fast, exact pre-filter for word rules: which rules can possibly match a text.

Each rule is a regular expression of word fragments. Most fragments must contain some literal
text ("past(?:y|ies)" needs "past"); :func:`anchor_of` finds the longest such run. An index by
the first three letters of every anchor then tells, in one pass over the text, which anchors
occur, and so which rules need their (slower) regular expression at all. A rule with a
fragment that has no anchor is always a candidate, so the filter never changes a result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

_META = set("\\.^$*+?{}[]()|")
MIN_ANCHOR = 3


def anchor_of(fragment: str) -> str | None:
    """The longest literal run every match of ``fragment`` contains (≥ 3 characters), or
    None when there is none (an alternation at the top, a pattern of classes …)."""
    runs: list[str] = []
    run: list[str] = []
    depth = 0
    in_class = False
    i = 0
    while i < len(fragment):
        c = fragment[i]
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            run = _close(runs, run, depth)
        elif c == "(":
            depth += 1
            run = _close(runs, run, depth - 1)
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return None  # either side may match: no run is required
        elif c in "?*{":
            if run:
                run.pop()  # the character before is optional
            run = _close(runs, run, depth)
            if c == "{":
                i = fragment.find("}", i)
                if i < 0:
                    return None
        elif c == "+":
            run = _close(runs, run, depth)
        elif c == "\\":
            run = _close(runs, run, depth)
            i += 1  # skip the escaped character (\w, \b, \. …)
        elif c in _META:
            run = _close(runs, run, depth)
        elif depth == 0:
            run.append(c)
        i += 1
    _close(runs, run, depth)
    best = max(runs, key=len, default="")
    return best if len(best) >= MIN_ANCHOR else None


def _close(runs: list[str], run: list[str], depth: int) -> list[str]:
    if run and depth == 0:
        runs.append("".join(run))
    return []


class AnchorIndex:
    """Which of a list of rules (each a list of fragments) may match a text."""

    def __init__(self, rules: Sequence[Iterable[str]]) -> None:
        self._always: list[int] = []
        self._by_head: dict[str, list[tuple[str, int]]] = {}
        for n, fragments in enumerate(rules):
            anchors = [anchor_of(f) for f in fragments]
            if any(a is None for a in anchors):
                self._always.append(n)
                continue
            for a in {a for a in anchors if a is not None}:
                self._by_head.setdefault(a[:MIN_ANCHOR], []).append((a, n))

    def candidates(self, text: str) -> list[int]:
        """The indexes of the rules that may match ``text``, in order."""
        found = set(self._always)
        for i in range(len(text) - MIN_ANCHOR + 1):
            for anchor, n in self._by_head.get(text[i : i + MIN_ANCHOR], ()):
                if n not in found and text.startswith(anchor, i):
                    found.add(n)
        return sorted(found)
