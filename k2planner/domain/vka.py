"""The hard rules of vitamin K antagonist (VKA) mode, in one place.

Vitamin K forms do not act alike for people on warfarin, acenocoumarol or phenprocoumon:

* MK-7 stays in the blood for days and builds up 7–8-fold on daily intake, K1 does not
  (Schurgers et al. 2007);
* 10 and 20 µg a day of MK-7 lowered the INR to a clinically relevant degree in at least 40 %
  and 60 % of anticoagulated subjects (Theuwissen et al. 2013), while K1 below about 150 µg a
  day did not change it significantly (Schurgers et al. 2004).

So, whatever baseline and band the user sets, a VKA plan:

1. never contains natto, a food with MK-7 ≥ :data:`MK7_RICH_UG_PER_100G`, a food whose K2
   total of :data:`UNSPLIT_NEVER_UG` or more is not split into forms (an imported natto under
   another name, say), or a meal with one (:func:`never_reason`);
2. keeps each day's MK-7 at or below a cap (:data:`DEFAULT_MK7_CAP_UG`, setting
   :data:`MK7_CAP_RANGE_UG`);
3. keeps the week's K2 steady: highest day minus lowest day ≤ a spread
   (:data:`DEFAULT_K2_SPREAD_UG`).

MK-7 counts only where it was measured; K2 totals printed without a split into forms (CIQUAL,
NEVO cheeses) are not counted as MK-7, and the advice says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from k2planner.domain.foods import Food
from k2planner.domain.nutrients import Nutrient
from k2planner.paths import resources_dir

MK7_RICH_UG_PER_100G = 50.0
UNSPLIT_NEVER_UG = 200.0  # a K2 total this high with no form known may be natto-like MK-7
DEFAULT_MK7_CAP_UG = 10.0
MK7_CAP_RANGE_UG = (0.0, 20.0)
DEFAULT_K2_SPREAD_UG = 20.0
K2_SPREAD_RANGE_UG = (0.0, 200.0)

MK7_CAP_EXPLANATION = (
    "MK-7 lasts for days and builds up when eaten daily; 10–20 µg a day of MK-7 lowered the INR "
    "of many people on a vitamin K antagonist (Theuwissen 2013). The plan keeps each day's "
    "measured MK-7 at or below this cap."
)
K2_SPREAD_EXPLANATION = (
    "The week's highest K2 day minus its lowest stays within this spread, so K2 is steady "
    "from day to day, not high one day and low the next."
)


def _fold(text: str) -> str:
    """Lower case without accents, for matching names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def never_words() -> tuple[str, ...]:
    """The names of foods never planned in VKA mode (``resources/rules/vka_never_words.txt``)."""
    path = resources_dir() / "rules" / "vka_never_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(_fold(w.strip()) for w in lines if w.strip() and not w.startswith("#"))


@cache
def _pattern() -> re.Pattern[str]:
    words = sorted(never_words(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def named_never(name: str) -> bool:
    """True when the food's name says it is natto (in any listed language)."""
    return _pattern().search(_fold(name)) is not None


def never_reason(food: Food) -> str:
    """Why this food is never planned in VKA mode, or "" when it may be planned."""
    mk7 = food.value(Nutrient.MK7)
    if named_never(food.name):
        amount = f", {mk7:.0f} µg of MK-7 per 100 g" if mk7 is not None else ""
        return f"natto ({food.name}{amount}), the food with by far the most MK-7"
    if mk7 is not None and mk7 >= MK7_RICH_UG_PER_100G:
        return (
            f"{food.name}, {mk7:.0f} µg of MK-7 per 100 g "
            f"(foods with {MK7_RICH_UG_PER_100G:.0f} µg or more are never planned)"
        )
    k2 = food.k2
    if (
        mk7 is None
        and k2.total_ug is not None
        and k2.total_ug >= UNSPLIT_NEVER_UG
        and all(v is None for v in k2.forms.values())
    ):
        return (
            f"{food.name}, {k2.total_ug:.0f} µg of K2 per 100 g not split into forms: it may "
            "be MK-7, so it is not planned"
        )
    return ""


def meal_never_reason(foods: Iterable[Food], unmatched: Iterable[str] = ()) -> str:
    """Why a meal with these ingredients is never planned in VKA mode, or "".

    ``unmatched`` are recipe lines that match no food: their vitamin K is unknown, so the
    meal cannot be kept within a steady band (and a line may name natto)."""
    for food in foods:
        reason = never_reason(food)
        if reason:
            return reason
    lines = list(unmatched)
    for line in lines:
        if named_never(line):
            return f"“{line}”, which names natto, the food with by far the most MK-7"
    if lines:
        return (
            f"“{lines[0]}”, a recipe line that matches no food, so its vitamin K is unknown "
            "and the day could not be kept steady (match it to a food to plan this meal)"
        )
    return ""
