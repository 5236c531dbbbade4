"""The rules over a labelled list of 300+ real food names: no false negatives allowed."""

from __future__ import annotations

from tests.domain.labelled_names import derive, false_negatives, labelled


def test_the_list_is_large_and_multilingual() -> None:
    """At least 300 names, with French, German and Dutch ones among them."""
    names = [i.name for i in labelled()]
    assert len(names) >= 300
    assert len(set(names)) == len(names), "a name is listed twice"
    for word in ("Käse", "fromage", "kaas", "Schnitzel", "Œufs"):
        assert any(word.lower() in n.lower() for n in names), word


def test_no_false_negatives() -> None:
    """Every labelled flag is found (as "contains", or as "may contain" where marked ``?``)."""
    misses = []
    for item in labelled():
        missed = false_negatives(item, derive(item))
        if missed:
            misses.append(f"{item.name}: missed {', '.join(missed.names())}")
    assert not misses, "\n".join(misses)
