"""The comparator of a comparison is no outcome of the group a setting names.

"X was not associated with Y relative to placebo in patients with Z": the phrase "in patients with
Z" attaches to "placebo" in the parse, but placebo is what X was compared with, not something
observed in the patients with Z. A noun that stands as the object of a comparing phrase ("relative
to", "compared with", "in comparison to", "versus", "than") names the reference a result is measured
against, so no setting ("Y in patients with X") is read with it as Y.
"""

from __future__ import annotations

from spacy.tokens import Token

# prepositions that introduce the comparator themselves
COMPARING_PREPOSITIONS = frozenset({"versus", "vs", "vs.", "than", "against"})
# words whose "to" / "with" introduces the comparator
COMPARING_HEADS = frozenset({"relative", "compared", "comparison", "contrast", "comparable", "similar"})


def is_comparator(noun: Token) -> bool:
    """Whether ``noun`` (or the list it is an item of) is the object of a comparing phrase."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    if prep.lower_ in COMPARING_PREPOSITIONS:
        return True
    return prep.lower_ in ("to", "with") and prep.head.lower_ in COMPARING_HEADS
