"""Which food a recipe line names: a synonym table in data first, then a fuzzy match.

Order of trust: an exact entry of ``resources/recipes/synonyms.toml`` or of the bundled meals'
aliases ("aged gouda" → Gouda, aged); the same after dropping leading or trailing words
("sharp white cheddar" → "cheddar"); a near spelling of an entry ("parmesean"); and last a
fuzzy match over every food's name (rapidfuzz), which is offered with a low confidence so the
review step asks the user to check it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from k2planner.domain.diet_rules import fold as fold_text
from k2planner.domain.recipes.lines import singular
from k2planner.paths import resources_dir

_SKIP_GROUPS = re.compile(r"^(babyfood|fast foods?|restaurant|usda commodity)", re.I)
_BRAND = re.compile(r"\b[A-Z][A-Z'&]{3,}\b")


@dataclass(frozen=True, slots=True)
class FoodName:
    """A food as the matcher sees it."""

    id: int
    source_id: str
    name: str


@dataclass(frozen=True, slots=True)
class Match:
    """The food a name was matched to (None: no food), how sure, and other candidates."""

    food_id: int | None
    confidence: float
    how: str
    alternatives: tuple[int, ...] = ()


def fold(text: str) -> str:
    """The diet rules' folding (case, accents, ligatures), punctuation removed, words
    singular."""
    words = re.sub(r"[^a-z0-9]+", " ", fold_text(text)).split()
    return " ".join(singular(w) for w in words)


@cache
def filler_pattern() -> re.Pattern[str]:
    """The filler words of ``resources/recipes/filler_words.txt`` as one pattern."""
    path = resources_dir() / "recipes" / "filler_words.txt"
    words = [fold(w) for w in path.read_text(encoding="utf-8").splitlines() if w and w[0] != "#"]
    alternatives = "|".join(re.escape(w) for w in sorted(set(words) - {""}, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b")


def clean(name: str) -> str:
    """A line's food name folded, filler words dropped ("2 ripe Tomatoes" → "2 tomato")."""
    folded = fold(name)
    return " ".join(filler_pattern().sub(" ", folded).split()) or folded


@cache
def droppable_trailing() -> frozenset[str]:
    """Words naming a form of a food, which may be dropped from the end of its name."""
    path = resources_dir() / "recipes" / "synonyms.toml"
    words = tomllib.loads(path.read_text(encoding="utf-8"))["forms"]["words"]
    return frozenset(fold(w) for w in words)


@cache
def bundled_synonyms() -> dict[str, str]:
    """Folded recipe word → food source id: the meals' aliases, then synonyms.toml over them."""
    folder = resources_dir()
    aliases = tomllib.loads((folder / "meals" / "meals.toml").read_text(encoding="utf-8"))
    out = {fold(k.replace("_", " ")): v for k, v in aliases.get("aliases", {}).items()}
    table = tomllib.loads((folder / "recipes" / "synonyms.toml").read_text(encoding="utf-8"))
    out.update({fold(k): v for k, v in table["foods"].items()})
    return out


class FoodMatcher:
    """Matches food names against one database's foods."""

    def __init__(self, foods: Iterable[FoodName], synonyms: Mapping[str, str]) -> None:
        self._foods = {f.id: f for f in foods}
        by_source = {f.source_id: f.id for f in self._foods.values()}
        self._synonyms = {k: by_source[v] for k, v in synonyms.items() if v in by_source}
        self._keys = list(self._synonyms)
        pool = [
            f
            for f in self._foods.values()
            if not _SKIP_GROUPS.match(f.name) and not _BRAND.search(f.name)
        ]
        self._pool_ids = [f.id for f in pool]
        self._pool_names = [fold(f.name) for f in pool]

    def name_of(self, food_id: int) -> str:
        """The food's name ("" when unknown)."""
        food = self._foods.get(food_id)
        return food.name if food else ""

    def _exact(self, words: list[str]) -> tuple[int, int] | None:
        """(food id, words dropped) for the longest run of ``words`` that is a synonym.

        Leading words may be dropped ("sharp cheddar" → "cheddar"); trailing ones only when
        they name a form of the food ("basil leaves", "chicken breast fillets"): "oat milk" is
        neither oats nor milk."""
        n = len(words)
        trailing = droppable_trailing()
        for dropped in range(n):
            for end in range(n, n - dropped - 1, -1):
                if any(w not in trailing for w in words[end:]):
                    break
                start = dropped - (n - end)
                if any(w in self._synonyms for w in words[:start]):
                    continue  # "oat milk" is not milk: a dropped word must not be a food
                key = " ".join(words[start:end])
                if key in self._synonyms:
                    return self._synonyms[key], dropped
        return None

    def candidates(self, name: str, limit: int = 8) -> tuple[int, ...]:
        """Foods whose names are close to ``name``, best first (for the review step)."""
        query = clean(name)
        if not query:
            return ()
        found = process.extract(
            query, self._pool_names, scorer=fuzz.token_set_ratio, limit=60, score_cutoff=60
        )
        ranked = sorted(found, key=lambda x: (-self._score(query, x[0], x[1]), len(x[0])))
        return tuple(self._pool_ids[i] for _n, _s, i in ranked[:limit])

    @staticmethod
    def _score(query: str, name: str, ratio: float) -> float:
        q, n = set(query.split()), set(name.split())
        bonus = 4.0 if "raw" in n else 0.0
        return ratio - 3.0 * len(n - q) - 25.0 * len(q - n) + bonus

    def match(self, name: str, preparation: str = "") -> Match:
        """The food ``name`` means, with a confidence from 0 to 1."""
        query = clean(name)
        if not query:
            return Match(None, 0.0, "no food named")
        words = query.split()
        if "cooked" in fold(preparation).split() and f"cooked {query}" in self._synonyms:
            return Match(self._synonyms[f"cooked {query}"], 0.95, "synonym")
        exact = self._exact(words)
        if exact is not None:
            food_id, dropped = exact
            conf = 0.97 if dropped == 0 else max(0.6, 0.9 - 0.08 * (dropped - 1))
            how = "synonym" if dropped == 0 else f"synonym, {dropped} word(s) ignored"
            return Match(food_id, conf, how)
        near = process.extractOne(query, self._keys, scorer=fuzz.ratio, score_cutoff=88)
        if near is not None:
            return Match(
                self._synonyms[near[0]], 0.8 * near[1] / 100, "near spelling", self.candidates(name)
            )
        alternatives = self.candidates(name)
        if alternatives:
            best = alternatives[0]
            i = self._pool_ids.index(best)
            ratio = fuzz.token_set_ratio(query, self._pool_names[i])
            score = self._score(query, self._pool_names[i], ratio)
            if score >= 80:
                return Match(
                    best, round(0.7 * min(score, 100) / 100, 2), "similar name", alternatives
                )
        return Match(None, 0.0, "no food matches", alternatives)
