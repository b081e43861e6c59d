"""Null findings stated by what is said of a relation or a change: "the effect of X on Y was not
significant", "a nonsignificant reduction in Y". Each reports no effect, like "no significant effect"."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_modality import null_magnitude
from causemap.graphbuilder.extractors.rules_repairs import prefixed_lemma
from causemap.graphbuilder.extractors.rules_signs import direction

# Predicates by which a relation is said to be shown: "the effect of X on Y was not significant".
SHOWN_PREDICATES = frozenset(
    {"significant", "evident", "apparent", "detectable", "discernible", "demonstrable"}
)


def predicated_null(cue: Token, lexicon: CueLexicon) -> bool:
    """Whether a relation noun is the subject of a copula that denies it was shown: "the effect
    of X on Y was not (statistically) significant", "the association ... was non-significant",
    "the effect ... was negligible". A null finding, like "no significant effect"."""
    verb = cue.head
    if cue.pos_ != "NOUN" or cue.dep_ != "nsubj" or verb.lemma_.lower() != "be":
        return False
    predicates = [c for c in verb.children if c.dep_ in ("acomp", "attr")]
    denied = any(c.dep_ == "neg" and c.lower_ in lexicon.negation_particles for c in verb.children)
    known = SHOWN_PREDICATES | lexicon.negation_magnitudes
    for predicate in predicates:
        word = prefixed_lemma(predicate, predicate.lower_, known)  # "non-significant": "non", "-", ...
        if denied and word in SHOWN_PREDICATES:
            return True
        if word in lexicon.negation_magnitudes and word != "little":
            return True
    return False


def null_change(tokens: Sequence[Token], head: Token, lexicon: CueLexicon) -> bool:
    """Whether an argument is a change of about no size: "a nonsignificant reduction in Y", "a
    negligible increase in Y" report no change (only a change noun with its complement, as in
    :func:`direction`: "minimal residual disease" names a variable)."""
    if direction(tokens, head, lexicon) == 0 or head.lower_ not in (lexicon.up_words | lexicon.down_words):
        return False
    return any(null_magnitude(c, lexicon) for c in head.children)
