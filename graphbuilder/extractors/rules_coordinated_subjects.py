"""The subject of a verb coordinated with an earlier one: "X decreases A and inhibits B".

The small parser often hangs the second verb of "X V1 A and V2 B" on A (a verb conjoined to a
noun) or on V1 without a subject of its own. The nearest noun before V2 is then A, the first verb's
object, which is never the second verb's subject: the coordination shares V1's subject, X.
"""

from __future__ import annotations

from spacy.tokens import Token

VERB_POS = frozenset({"VERB", "AUX"})
# Edges climbed from a conjoined verb up to the verb whose object phrase it was hung on.
OBJECT_PHRASE_DEPS = frozenset({"conj", "dobj", "pobj", "prep", "appos", "npadvmod", "attr"})
MAX_CLIMB = 6


def coordinated_verb(verb: Token) -> Token | None:
    """The first verb of the coordination ``verb`` is a later conjunct of, climbing through the
    object phrase the parser may have hung it on; None when ``verb`` is no conjunct."""
    if verb.dep_ != "conj":
        return None
    node = verb.head
    for _ in range(MAX_CLIMB):
        if node.pos_ in VERB_POS:
            return node
        if node.dep_ not in OBJECT_PHRASE_DEPS or node.head.i == node.i:
            return None
        node = node.head
    return None
