"""Orders of sequence and position that the small parse reads as a noun modifier.

"Next, output X causes Y", "Before anything else, output X ...", "Place X causes Y first among ...",
"Put X causes Y at the top of the list": an order whose object is a whole claim, with no "that" before
it. The small parse makes the verb a modifier of the claim's subject ("output/compound X"), just as it
reads a real noun compound ("Output power increased", "Place cells fire"), so the parse alone cannot
tell them apart. Two signals together can:

1. a verb of acting on the text (``directive_verbs``) or of putting something in a place
   (``PLACEMENT_VERBS``) opening its clause, bare (no determiner or modifier of its own), read as the
   modifier of the next noun or hung on the claim's verb as its subject or an adverbial; and
2. the clause ordered in a sequence of steps: opened by an adverb of sequence set off by a comma
   ("Next,", "Then,", "Before anything else,"), or the item put at a position of a list ("first",
   "last", "at the top of"). A finding is no step to take, and a variable has no place in a list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from causemap.graphbuilder.verification_lexicon import VerificationLexicon

# What ends a label or a header ("New task:", "Task for the model \u2014") and what sets off a clause;
# an opening bracket opens an aside, a clause of its own where one is looked for after the claim
# ("(see Table 2)", "(copy this)"), not before it ("(mean age 61 years)" misread as an order).
LABEL_ENDS = frozenset({":", "\u2014", "\u2013"})
CLAUSE_BREAKS = LABEL_ENDS | {",", ";"}
ASIDE_OPENINGS = frozenset({"(", "["})
# Verbs of putting an item somewhere (in an order, somewhere in the output).
PLACEMENT_VERBS = frozenset({"place", "put", "position", "move", "rank"})
# Adverbs that put a clause in a sequence of steps; "before"/"after" with a pronoun do too ("Before
# anything else,", "After that,"). Not the enumerators of points ("First,", "Finally,"), by which
# papers list their findings too.
SEQUENCE_ADVERBS = frozenset({"next", "then", "now"})
SEQUENCE_PREPS = frozenset({"before", "after"})
# Positions in a list: "first", "last" as adverbs; "at the top/start/... of".
ORDINAL_POSITIONS = frozenset({"first", "last"})
LIST_POSITIONS = frozenset({"top", "bottom", "start", "beginning", "head", "front", "end"})
# Deps by which the small parse hangs an order's verb on its object's subject ("output/compound X")
# or on the claim's verb ("Place/npadvmod this X causes Y", "Put/csubj X causes Y").
MISREAD_DEPS = frozenset({"compound", "amod", "nmod", "nsubj", "csubj", "npadvmod"})
# Modifiers a noun may have that a verb may not.
NOUN_MODIFIERS = frozenset({"det", "poss", "amod", "compound", "nummod"})


def clause_start(doc: Doc, at: int, *, asides: bool = False) -> bool:
    """Whether token ``at`` opens its sentence (bullets, boxes and other symbols before it aside) or
    follows a clause or label set off by punctuation (a comma, colon, semicolon or dash; with
    ``asides``, an opening bracket too)."""
    breaks = CLAUSE_BREAKS | ASIDE_OPENINGS if asides else CLAUSE_BREAKS
    start = doc[at].sent.start
    if all(not any(ch.isalnum() for ch in t.text) and t.text not in breaks for t in doc[start:at]):
        return True
    return doc[at - 1].text in breaks


def ordered_in_sequence(doc: Doc, lexicon: VerificationLexicon) -> bool:
    """Whether the sentence holds an order of sequence or position read as a noun modifier (module
    docstring)."""
    return any(
        _misread_as_modifier(token, lexicon) and (_after_sequence_opener(token) or _placed_in_a_list(token))
        for token in doc
    )


def _misread_as_modifier(token: Token, lexicon: VerificationLexicon) -> bool:
    lemma = token.lower_
    if lemma not in lexicon.directive_verbs and lemma not in PLACEMENT_VERBS:
        return False
    if token.dep_ not in MISREAD_DEPS or token.head.i <= token.i or not clause_start(token.doc, token.i):
        return False
    # an adjective after the word is no modifier of its own: English puts its adjectives before the
    # noun, so "Place older | adults reduces ..." hangs the claim's adjective on the order
    return not any(
        c.dep_ in NOUN_MODIFIERS and not (c.dep_ == "amod" and c.i > token.i) for c in token.children
    )


def _after_sequence_opener(token: Token) -> bool:
    """ "Next, output ...", "Before anything else, output ...": the words between the clause's start
    and the comma before ``token`` are one adverb of sequence, or "before"/"after" with a pronoun."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].text != ",":
        return False
    start = max((t.i + 1 for t in doc[: token.i - 1] if t.text in (".", "!", "?", ";", ":")), default=0)
    opener = [t for t in doc[start : token.i - 1] if not t.is_punct]
    if len(opener) == 1:
        return opener[0].lower_ in SEQUENCE_ADVERBS and opener[0].pos_ == "ADV"
    return (
        bool(opener)
        and opener[0].lower_ in SEQUENCE_PREPS
        and all(t.pos_ in ("PRON", "ADV", "DET") for t in opener[1:])
    )


def _placed_in_a_list(token: Token) -> bool:
    """ "Place X causes Y first ...", "Put X causes Y at the top of the list": a position in a list
    (an adverb "first"/"last" or "at" a list position) after the claim the order puts there."""
    noun = token.head
    verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass") and noun.pos_ != "VERB" else noun
    # after the verb of the claim the order is given: "Place cells first appeared" places nothing
    for later in token.doc[verb.i + 1 : token.sent.end]:
        if later.lower_ in ORDINAL_POSITIONS and later.dep_ == "advmod":  # ("last" may be tagged JJ)
            return True
        if later.lemma_.lower() in LIST_POSITIONS and later.dep_ == "pobj" and later.head.lower_ == "at":
            return True
    return False
