"""A coordination of measures before one complement, as the normaliser reads it: "incidence and
severity of psoriasis" measures psoriasis, as "incidence of psoriasis" does (see
``extractors.rules_measures``, which keeps such a coordination one argument)."""

from __future__ import annotations

from causemap.graphbuilder.lexicon import NormalisationLexicon, load_lexicon

COORDINATORS = frozenset({"and", "or", "and/or"})


def measure_words(lexicon: NormalisationLexicon | None = None) -> frozenset[str]:
    """The one-word leading wrappers taking "of" ("incidence", "severity", "onset", "risk")."""
    lex = lexicon or load_lexicon()
    return frozenset(p[0] for p in lex.leading_wrappers if len(p) == 2 and p[1] == "of")


def strip_coordinated_measures(tokens: list[str], lex: NormalisationLexicon) -> tuple[list[str], bool] | None:
    """``["incidence", "and", "severity", "of", "psoriasis"]`` -> ``["psoriasis"]``; None when the
    tokens do not open with two or more measures coordinated before "of"."""
    if "of" not in tokens:
        return None
    k = tokens.index("of")
    before, rest = tokens[:k], tokens[k + 1 :]
    if len(before) < 3 or before[-2] not in COORDINATORS or not rest:
        return None
    measures = measure_words(lex)
    words = [t for t in before if t not in COORDINATORS]
    if len(words) < 2 or any(w not in measures for w in words):
        return None
    return rest, False
