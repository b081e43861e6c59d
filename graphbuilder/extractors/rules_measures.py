"""Coordinated measures of one thing: "the incidence and severity of psoriasis", "the onset,
duration and frequency of seizures".

The "of" phrase after the last measure completes every one of them: each says how psoriasis was
measured, and the variable of all of them is psoriasis. Split into conjuncts, the first would be a
bare "the incidence", which names nothing; so the coordination stays one argument, and the
normaliser strips the measures (``normalise_measures``) as it strips one ("the incidence of
psoriasis" is psoriasis). The measures are the normaliser's own leading wrappers, so that the two
agree on what is a measure. Nouns that name processes of their own ("invasion and survival of
cells") are not measures and are split as before.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from causemap.graphbuilder.normalise_measures import measure_words


@lru_cache(maxsize=1)
def _measures() -> frozenset[str]:
    return measure_words()


def measures_of_one_thing(head: Token) -> bool:
    """Whether ``head`` opens a coordination of measures sharing one "of" complement, written
    after the last of them (wherever the parser hung it)."""
    if head.dep_ == "conj":
        return False
    conjuncts = [c for c in head.conjuncts if c.i > head.i]
    if not conjuncts:
        return False
    group = [head, *conjuncts]
    measures = _measures()
    if any(t.lemma_.lower() not in measures and t.lower_ not in measures for t in group):
        return False
    preps = [c for t in group for c in t.children if c.dep_ == "prep"]
    return (
        len(preps) == 1
        and preps[0].lower_ == "of"
        and preps[0].i > group[-1].i
        and any(c.dep_ == "pobj" for c in preps[0].children)
    )
