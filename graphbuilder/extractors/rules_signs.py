"""The sign of a claim: the arguments' direction words, the cue's own sign words, and their sum.

"X led to reduced Y" is "-", "higher X is associated with lower Y" is "+", "inversely associated"
reverses an association. The sign is composed as written, direction words included, for the variable
stage to normalise (see ``compose_polarity``); it stands apart from whether the claim is hedged or
denied (``rules_modality``).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon


def direction(tokens: Sequence[Token], head: Token, lexicon: CueLexicon) -> int:
    """+1 / -1 when an argument is stated as a change ("higher X", "an increase in Y"), else 0.

    Only modifiers count, and a change noun only with its complement: "weight loss" names a
    variable, "a loss of weight" a change in one.
    """
    span = {t.i for t in tokens}
    candidates = [c for c in head.children if c.dep_ in ("amod", "advmod") and c.i in span]
    if any(c.dep_ == "prep" and c.lower_ in ("in", "of") for c in head.children):
        candidates.append(head)
    for token in candidates:
        word = token.lower_
        if token.tag_ == "NNS" and token.lemma_.lower() not in lexicon.variant_nouns:
            word = token.lemma_.lower()  # "increases in Y" as "an increase in Y"; "deletions" are variants
        if word in lexicon.up_words:
            return 1
        if word in lexicon.down_words:
            return -1
    return 0


def relation_sign(cue: Token, lexicon: CueLexicon, window: int = 2) -> int:
    """Sign the cue's own modifiers give ("inversely associated", "a negative correlation").

    Looks at the words next to the cue as well as its dependents, because the parser often
    attaches "positively" in "correlated positively with" to the preposition.
    """
    doc = cue.doc
    nearby = {*cue.children, *doc[max(0, cue.i - window) : cue.i + window + 1]}
    for token in sorted(nearby, key=lambda t: t.i):
        word = token.lower_
        if word in lexicon.negative_adverbs or word in lexicon.negative_adjectives:
            return -1
        if word in lexicon.positive_adverbs or word in lexicon.positive_adjectives:
            return 1
    return 0


def compose_polarity(
    base: str | None,
    relation: str,
    relation_modifier: int,
    cause_direction: int,
    effect_direction: int,
) -> str | None:
    """Polarity between the cause and the effect AS WRITTEN (direction words included).

    "X led to reduced Y" is "-"; "higher X is associated with lower Y" is a positive association
    between "higher X" and "lower Y": "+". Direction words stay in the mention text, and the
    variable stage (graphbuilder/normalise.py) removes them and reverses the sign for downward
    ones, for every extractor alike, so that no direction is counted twice. Unsigned causal cues
    ("affects", "improves") stay unsigned; an association stated between changes is signed.
    """
    sign = {"+": 1, "-": -1}.get(base or "", 0)
    if relation_modifier:
        sign = relation_modifier if not sign else sign * relation_modifier
    if not sign and relation == "correlational" and (cause_direction or effect_direction):
        sign = 1
    if not sign:
        return None
    return "+" if sign > 0 else "-"
