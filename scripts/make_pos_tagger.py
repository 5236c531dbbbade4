"""Write the small part-of-speech tagger that ingredient-parser-nlp runs on.

ingredient-parser-nlp tags each word of a line with NLTK's English perceptron tagger before
its own model labels quantity, unit and food. NLTK does not ship that tagger: it downloads it
from the internet the first time, which a desktop app used offline cannot do (and should not
do behind the user's back). This script writes a stand-in in NLTK's own format: the tag of
every word ingredient-parser-nlp lists (its ingredient tag dictionary, loaded by the parser on
top of this one anyway), function words, punctuation, and a few spelling rules for the rest
(numbers, -ed, -ing, -ly, plural -s). Nothing is trained or downloaded.

Run it after upgrading ingredient-parser-nlp or NLTK:
    python scripts/make_pos_tagger.py
The recipe import's line-match figure (scripts/recipe_match_rate.py) is the check that it
still does its job.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

NAME = "averaged_perceptron_tagger_eng"
OUT = Path(__file__).resolve().parents[1] / "resources" / "nlp" / "taggers" / NAME

FUNCTION_WORDS = {
    "a": "DT",
    "an": "DT",
    "the": "DT",
    "each": "DT",
    "some": "DT",
    "any": "DT",
    "all": "DT",
    "of": "IN",
    "for": "IN",
    "in": "IN",
    "with": "IN",
    "into": "IN",
    "about": "IN",
    "at": "IN",
    "from": "IN",
    "on": "IN",
    "as": "IN",
    "if": "IN",
    "by": "IN",
    "without": "IN",
    "per": "IN",
    "to": "TO",
    "and": "CC",
    "or": "CC",
    "plus": "CC",
    "but": "CC",
    "nor": "CC",
    "more": "JJR",
    "less": "JJR",
    "your": "PRP$",
    "you": "PRP",
    "it": "PRP",
    "them": "PRP",
    "be": "VB",
    "is": "VBZ",
    "are": "VBP",
    "can": "MD",
    "will": "MD",
    "not": "RB",
    "very": "RB",
    "well": "RB",
    "up": "RP",
    "off": "RP",
    "out": "RP",
    "divided": "VBN",
    "optional": "JJ",
    "such": "JJ",
    "few": "JJ",
    "other": "JJ",
    "taste": "NN",
}
PUNCTUATION = {
    ",": ",",
    ".": ".",
    ":": ":",
    ";": ":",
    "(": "(",
    ")": ")",
    "[": "(",
    "]": ")",
    "-": ":",
    "--": ":",
    "/": "CC",
    "&": "CC",
    "*": "SYM",
    "%": "NN",
    '"': "''",
    "'": "''",
    "!": ".",
}
CLASSES = sorted(
    {
        "NN",
        "NNS",
        "NNP",
        "JJ",
        "JJR",
        "JJS",
        "VB",
        "VBD",
        "VBG",
        "VBN",
        "VBP",
        "VBZ",
        "RB",
        "RP",
        "CD",
        "DT",
        "IN",
        "TO",
        "CC",
        "PRP",
        "PRP$",
        "MD",
        "SYM",
        ",",
        ".",
        ":",
        "(",
        ")",
        "''",
    }
)


def weights() -> dict[str, dict[str, float]]:
    """Feature weights: a noun unless the spelling says otherwise."""
    w: dict[str, dict[str, float]] = {"bias": {"NN": 1.0}}
    w["i word !DIGITS"] = {"CD": 5.0}
    w["i word !YEAR"] = {"CD": 5.0}
    w["i word !HYPHEN"] = {"JJ": 2.0}
    letters = string.ascii_lowercase
    for a in letters:
        w[f"i suffix {a}ed"] = {"VBN": 2.0}
        w[f"i suffix {a}ly"] = {"RB": 2.0}
        for b in letters:
            if b not in "su" and not (a == "i" and b == "s"):
                w.setdefault(f"i suffix {a}{b}s", {"NNS": 2.0})
    w["i suffix ing"] = {"VBG": 2.0}
    return w


def main() -> None:
    """Write weights, tag dictionary and classes as NLTK reads them."""
    OUT.mkdir(parents=True, exist_ok=True)
    tagdict = {**FUNCTION_WORDS, **PUNCTUATION}
    files = {"weights": weights(), "tagdict": tagdict, "classes": CLASSES}
    for part, obj in files.items():
        path = OUT / f"{NAME}.{part}.json"
        path.write_text(json.dumps(obj, sort_keys=True, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {path.relative_to(OUT.parents[3])} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
