"""A prediction states what is expected to happen, not what was found.

"Our data predict that carriers will respond less to the drug", "we expect that loss of the kinase
will impair secretion": the clause under a verb of prediction or expectation, in the future tense,
says what the authors anticipate of cases not yet observed. Like a hypothesis it is no finding, so
no claim is read from it. Without the future auxiliary the verb may report a result ("the score
predicted that patients relapsed") and the clause stays asserted; "would" already hedges it.
"""

from __future__ import annotations

from spacy.tokens import Token

from causemap.graphbuilder.extractors.rules_lexicon import CueLexicon

MAX_HOPS = 4


def is_prediction(cue: Token, lexicon: CueLexicon) -> bool:
    """Whether ``cue`` stands in a future-tense clause under a verb of prediction or expectation
    (the lexicon's ``prediction_verbs`` and ``future_auxiliaries``)."""
    clause = cue
    for _ in range(MAX_HOPS):
        head = clause.head
        if head.i == clause.i:
            return False
        if clause.dep_ == "ccomp" and head.lemma_.lower() in lexicon.prediction_verbs:
            return _future(clause, lexicon) or _future(cue, lexicon)
        clause = head
    return False


def _future(verb: Token, lexicon: CueLexicon) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in lexicon.future_auxiliaries for c in verb.children)
