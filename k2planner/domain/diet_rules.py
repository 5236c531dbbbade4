"""Derive a food's diet flags (contains / may contain / free, with reasons) from data files.

The rules are data: ``resources/rules/diet_rules.toml`` (keywords by flag, composite dishes,
look-alikes, labels such as "vegan" or "without milk", several languages) and the reviewed table
``resources/rules/reviewed_flags.csv``, which beats the rules for every food it lists. The file
headers explain the format; this module only evaluates them.

The rules are conservative: a vegan plan that wrongly skips a food is a small loss; one that
wrongly includes it is a broken promise. So a food of an unknown group (an import) is free of a
flag only when a rule, a label, a reviewed entry or the file says so.
"""

from __future__ import annotations

import csv
import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from k2planner.domain.diet import ALL_FLAGS, ALLERGENS, Contains, DietFlags
from k2planner.domain.rule_anchors import AnchorIndex
from k2planner.paths import resources_dir

_FOLD = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "‘": "'", "ø": "o", "ł": "l"})


def fold(text: str) -> str:
    """Lower-case, accents removed, ligatures spelt out: "Œufs brouillés" → "oeufs brouilles"."""
    text = text.lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def _words(fragments: Iterable[str]) -> re.Pattern[str] | None:
    items = [f for f in fragments if f]
    if not items:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(items) + r")(?!\w)")


def _flags(names: Iterable[str]) -> Contains:
    return Contains.from_names(names)


@dataclass(frozen=True)
class _Rule:
    id: str
    words: re.Pattern[str]
    unless: re.Pattern[str] | None
    groups: frozenset[str]
    contains: Contains
    may: Contains
    clears: Contains
    free: Contains
    reason: str

    def match(self, text: str, groups: tuple[str, ...]) -> str:
        """The matched words, or "" when the rule does not apply."""
        if self.groups and not self.groups.intersection(groups):
            return ""
        m = self.words.search(text)
        if m is None:
            return ""  # taking "unless" words out cannot make the rule's words appear
        if self.unless is not None:
            m = self.words.search(self.unless.sub(" ", text))
        return m.group(0).strip() if m else ""


@dataclass(frozen=True)
class _Reviewed:
    contains: Contains
    may: Contains
    note: str


@dataclass(frozen=True)
class RuleBook:
    """The parsed rule files."""

    group_base: Mapping[str, Contains]
    composite: frozenset[str]
    named: frozenset[str]
    rules: tuple[_Rule, ...]
    labels: tuple[_Rule, ...]
    plain_foods: re.Pattern[str]
    plain_rest: re.Pattern[str]
    texts: Mapping[str, str]
    reviewed: Mapping[str, _Reviewed]
    digest: str
    index: AnchorIndex | None = None  # which rules may match a text (an exact pre-filter)
    label_index: AnchorIndex | None = None

    def rules_for(self, text: str) -> list[_Rule]:
        """The rules whose words may occur in ``text``, in order (all when not indexed)."""
        if self.index is None:
            return list(self.rules)
        return [self.rules[i] for i in self.index.candidates(text)]

    def labels_for(self, text: str) -> list[_Rule]:
        """The label rules whose words may occur in ``text``, in order."""
        if self.label_index is None:
            return list(self.labels)
        return [self.labels[i] for i in self.label_index.candidates(text)]


def _rule(raw: Mapping[str, Any], where: str) -> _Rule:
    words = _words(raw.get("words", []))
    if words is None:
        raise ValueError(f"{where}: a rule needs words")
    return _Rule(
        str(raw["id"]),
        words,
        _words(raw.get("unless", [])),
        frozenset(fold(g) for g in raw.get("groups", [])),
        _flags(raw.get("contains", [])),
        _flags(raw.get("may", [])),
        _flags(raw.get("clears", [])),
        _flags(raw.get("free", [])),
        str(raw.get("reason", "")),
    )


def parse_rule_book(rules_text: str, reviewed_text: str) -> RuleBook:
    """Parse the rule file and the reviewed table; raises ValueError naming the bad entry."""
    data = tomllib.loads(rules_text)
    defaults = data["defaults"]
    rules: list[_Rule] = []
    labels: list[_Rule] = []
    fragments: list[list[str]] = []
    label_fragments: list[list[str]] = []
    for i, raw in enumerate(data.get("rule", []), start=1):
        try:
            rule = _rule(raw, f"rule {i} ({raw.get('id', '?')})")
        except (KeyError, re.error) as exc:
            raise ValueError(f"diet_rules.toml, rule {i}: {exc}") from exc
        (labels if rule.free else rules).append(rule)
        (label_fragments if rule.free else fragments).append([str(w) for w in raw.get("words", [])])
    reviewed = {}
    for n, row in enumerate(csv.DictReader(reviewed_text.splitlines()), start=2):
        try:
            reviewed[row["source_id"]] = _Reviewed(
                _flags(row["contains"].split()), _flags(row["may_contain"].split()), row["note"]
            )
        except (KeyError, ValueError) as exc:
            raise ValueError(f"reviewed_flags.csv, line {n}: {exc}") from exc
    plain = data["plain"]
    digest = rules_digest(rules_text, reviewed_text)
    return RuleBook(
        {fold(g): _flags(f) for g, f in data["groups"]["contains"].items()},
        frozenset(fold(g) for g in defaults["composite_groups"]),
        frozenset(fold(g) for g in defaults["named_groups"]),
        tuple(rules),
        tuple(labels),
        re.compile(r"(?<!\w)(?:" + "|".join(plain["foods"]) + r")(?!\w)"),
        re.compile(r"(?<!\w)(?:" + "|".join(plain["descriptors"]) + r")(?!\w)|[\s,;:()/.\-+&'%]+"),
        {k: str(v) for k, v in defaults.items() if k.endswith("_reason")},
        reviewed,
        digest,
        AnchorIndex(fragments),
        AnchorIndex(label_fragments),
    )


def rules_digest(rules_text: str, reviewed_text: str) -> str:
    """The digest that identifies a version of the rules (stored with derived flags)."""
    return hashlib.sha256((rules_text + "\0" + reviewed_text).encode()).hexdigest()


def _texts() -> tuple[str, str]:
    folder: Path = resources_dir() / "rules"
    return (
        (folder / "diet_rules.toml").read_text(encoding="utf-8"),
        (folder / "reviewed_flags.csv").read_text(encoding="utf-8"),
    )


@lru_cache(maxsize=1)
def bundled_digest() -> str:
    """The digest of the bundled rules, without parsing them (cheap; checked at start-up)."""
    return rules_digest(*_texts())


@lru_cache(maxsize=1)
def rule_book() -> RuleBook:
    """The bundled rule book (``resources/rules``), parsed once."""
    return parse_rule_book(*_texts())


def _plain_word(book: RuleBook, text: str) -> str:
    """The food word when ``text`` names a plain single food ("carrots, raw"), else ""."""
    m = book.plain_foods.search(text)
    if m is None:
        return ""
    rest = book.plain_rest.sub("", book.plain_foods.sub("", text))
    return "" if rest else m.group(0)


def derive_flags(
    name: str, group: str = "", source_id: str = "", book: RuleBook | None = None
) -> DietFlags:
    """The flags of a food: its reviewed entry if it has one, else the rules over its name."""
    book = book or rule_book()
    entry = book.reviewed.get(source_id) if source_id else None
    ruled = _by_rules(name, group, book)
    return ruled if entry is None else _from_review(entry, ruled)


def _by_rules(name: str, group: str, book: RuleBook) -> DietFlags:
    text, g = fold(name), fold(group)
    groups = (g,)
    state: dict[Contains, tuple[str, str]] = {}
    for f in (book.group_base.get(g, Contains.NONE)).each():
        state[f] = ("contains", f"its food group is {group}")
    for rule in book.rules_for(text):
        word = rule.match(text, groups)
        if not word:
            continue
        why = f"{rule.reason} (“{word}”)"
        for f in rule.clears.each():
            state[f] = ("free", why)
        for f in rule.contains.each():
            if state.get(f, ("",))[0] != "contains":
                state[f] = ("contains", why)
        for f in rule.may.each():
            if state.get(f, ("",))[0] != "contains":
                state[f] = ("may", why)
    for rule in book.labels_for(text):
        word = rule.match(text, groups)
        for f in rule.free.each() if word else []:
            state[f] = ("free", f"{rule.reason} (“{word}”)")
    _defaults(book, text, g, group, state)
    return _to_flags(state)


def _defaults(
    book: RuleBook, text: str, g: str, group: str, state: dict[Contains, tuple[str, str]]
) -> None:
    undecided = [f for f in ALL_FLAGS.each() if f not in state]
    if not undecided:
        return
    if g in book.composite:
        for f in undecided:
            if f & ALLERGENS:
                state[f] = ("may", book.texts["composite_reason"].format(flag=f.label))
        return
    if g in book.named or g in book.group_base:
        return
    word = _plain_word(book, text)
    for f in undecided:
        if word:
            state[f] = ("free", book.texts["plain_reason"].format(word=word))
        else:
            state[f] = ("may", book.texts["unknown_reason"].format(flag=f.label))


def _to_flags(state: Mapping[Contains, tuple[str, str]]) -> DietFlags:
    contains = may = Contains.NONE
    reasons = []
    for f, (kind, why) in state.items():
        if kind == "contains":
            contains |= f
        elif kind == "may":
            may |= f
        reasons.append((f.name_text, why))
    return DietFlags(contains, may, tuple(sorted(reasons)))


def _from_review(entry: _Reviewed, ruled: DietFlags) -> DietFlags:
    """The reviewed flags; a flag the rules got right keeps their reason, marked reviewed."""
    flags = DietFlags(entry.contains, entry.may)
    note = f"reviewed: {entry.note}" if entry.note else "reviewed entry"
    reasons = []
    for f in (entry.contains | entry.may).each():
        same = flags.state(f) is ruled.state(f) and ruled.reason(f)
        reasons.append((f.names()[0], f"{ruled.reason(f)} (reviewed)" if same else note))
    return DietFlags(entry.contains, entry.may, tuple(sorted(reasons)))


def derive_contains(name: str, group: str = "") -> Contains:
    """Only the *contains* flags (compatibility helper for callers that need the bit set)."""
    return derive_flags(name, group).contains
