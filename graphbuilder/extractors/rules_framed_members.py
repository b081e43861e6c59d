"""The members listed beside the complement of a measure: "the levels of inflammatory cytokines
(IL-6, TNF-alpha and IL-1beta)", "the expression of the adhesion molecules ICAM1 and VCAM1".

A measure or change noun ("levels", "expression", "a reduction in") takes the thing measured as its
complement; when that complement is a kind noun with a list of names in apposition (in brackets, or
right after it), the names are what was measured, one variable each, as they are when the kind
noun stands alone ("inflammatory cytokines (IL-6, TNF-alpha and IL-1beta)", read by
:func:`rules_appositions.apposed_names`). Each member is written bare and carries the frame's
direction ("reduced levels of the cytokines IL-6 and TNF": both go down), as the bare items of a
framed list do (:mod:`rules_lists`).
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_appositions import apposed_names
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon

COMPLEMENT_PREPS = frozenset({"of", "in"})
# How many measure nouns a chain may hold ("a reduction in the levels of ...").
MAX_CHAIN = 3


def _measured(head: Token, lexicon: CueLexicon) -> Token | None:
    """The complement of a measure noun: the object of its "of" or "in" after it."""
    if head.lemma_.lower() not in lexicon.measure_heads and head.lower_ not in lexicon.measure_heads:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in COMPLEMENT_PREPS and prep.i > head.i:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def framed_members(head: Token, lexicon: CueLexicon) -> list[Token]:
    """The names in apposition to the kind noun a measure noun ``head`` takes as its complement,
    through a chain of measure nouns; [] when there is none. The parser often hangs only the first
    name of a bracketed list on the kind noun: the rest are read from the punctuation after it
    (:func:`rules_list_bounds.list_end`), as for a kind noun standing alone."""
    node = head
    for _ in range(MAX_CHAIN):
        complement = _measured(node, lexicon)
        if complement is None:
            return []
        names = apposed_names(complement, lexicon.kind_nouns)
        if names:
            return names
        node = complement
    return []
