"""Alterations of a gene or its product stated with the group or condition in which they are seen.

Genetics and expression studies report a gene's change as a passive participle whose setting is
the condition that goes with it:

- "KLF5 is overexpressed in breast cancer"             (breast cancer ~ KLF5, +)
- "The RB1 gene is frequently mutated in retinoblastoma" (retinoblastoma ~ the RB1 gene)
- "genes silenced in gastric tumours"                   (gastric tumours ~ genes, -)

Each states an association of the condition with the altered thing, as "Y was elevated in patients
with X" does for a change verb (``rules_comparisons``). A participle whose setting is a sample
("PTEN was overexpressed in HeLa cells") or a bare group nothing defines ("in mice") is what was done
in the experiment, or where: no association. An agent ("silenced by siRNA", "mutated with a kit")
makes it a procedure or the verb pattern's reading, not a setting.
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_arguments import is_sample, named_argument
from causemap.graphbuilder.extractors.rules_heads import children_with, is_passive, preposition_objects
from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon
from causemap.graphbuilder.extractors.rules_patterns import CueMatch
from causemap.graphbuilder.extractors.rules_prefilter import inflections
from causemap.graphbuilder.extractors.rules_repairs import prefixed_lemma


def altered_in(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """'X is overexpressed / mutated / silenced in Y': an association of Y with X, signed by the
    alteration's direction (unsigned for a mutation, which says no more or less of X)."""
    verb = _alteration_verb(token, lexicon)
    if verb is None or token.pos_ != "VERB" or not is_passive(token):
        return None
    if preposition_objects(token, lexicon.agent_preps + lexicon.fallback_agent_preps):
        return None
    settings = [
        g
        for g in preposition_objects(token, lexicon.comparison_group_preps)
        if not is_sample(g, lexicon) and named_argument(g, lexicon) is not None
    ]
    if token.dep_ in ("acl", "relcl", "amod") and token.head.i < token.i:
        altered = [token.head]  # "genes silenced in gastric tumours"
    else:
        altered = children_with(token, ("nsubjpass",))
    if not settings or not altered:
        return None
    return CueMatch(
        "comparison",
        token,
        (token.i,),
        (settings[0],),
        (altered[0],),
        "correlational",
        lexicon.alteration_verbs[verb],
    )


def _alteration_verb(token: Token, lexicon: CueLexicon) -> str | None:
    """The lexicon's alteration verb the token is a form of (the lemmatiser misses some of these
    words: "overexpressed" -> "overexpresse")."""
    lemma = prefixed_lemma(token, token.lemma_.lower(), lexicon.alteration_verbs)  # "over-expressed"
    if lemma in lexicon.alteration_verbs:
        return lemma
    return next((verb for verb in lexicon.alteration_verbs if token.lower_ in inflections(verb)), None)
